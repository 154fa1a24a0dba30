-- CreateIndex
CREATE INDEX "WorkloadEntry_occurredOn_idx" ON "WorkloadEntry"("occurredOn");

-- CreateIndex
CREATE INDEX "WorkloadEntry_personId_createdAt_idx" ON "WorkloadEntry"("personId", "createdAt");
