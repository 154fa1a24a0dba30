-- CreateTable
CREATE TABLE "TrainingRecord" (
    "id" SERIAL NOT NULL,
    "supportingOrgId" INTEGER NOT NULL,
    "recipientOrgId" INTEGER NOT NULL,
    "people" INTEGER NOT NULL,
    "months" DOUBLE PRECISION,
    "note" TEXT,
    "trainedOn" DATE NOT NULL,
    "loggedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrainingRecord_supportingOrgId_recipientOrgId_trainedOn_idx" ON "TrainingRecord"("supportingOrgId", "recipientOrgId", "trainedOn");
