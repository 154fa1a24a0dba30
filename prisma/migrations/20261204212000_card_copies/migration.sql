-- CreateTable
CREATE TABLE "CardCopy" (
    "id" SERIAL NOT NULL,
    "taskId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" INTEGER NOT NULL,
    "period" TEXT NOT NULL DEFAULT '',
    "platform" "Platform" NOT NULL,
    "externalUserId" TEXT NOT NULL,
    "responseCode" TEXT,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledAt" TIMESTAMP(3),

    CONSTRAINT "CardCopy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CardCopy_taskId_key" ON "CardCopy"("taskId");

-- CreateIndex
CREATE INDEX "CardCopy_kind_subject_period_idx" ON "CardCopy"("kind", "subject", "period");
