-- CreateIndex
CREATE INDEX "InboundMessage_outcome_id_idx" ON "InboundMessage"("outcome", "id");

-- CreateIndex
CREATE INDEX "InboundMessage_outcome_platform_senderExternalId_id_idx" ON "InboundMessage"("outcome", "platform", "senderExternalId", "id");
