-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "dueAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "taskId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Notification_taskId_key" ON "Notification"("taskId");

-- CreateIndex
CREATE INDEX "Notification_sentAt_cancelledAt_dueAt_idx" ON "Notification"("sentAt", "cancelledAt", "dueAt");

-- CreateIndex
CREATE INDEX "Notification_kind_subject_idx" ON "Notification"("kind", "subject");
