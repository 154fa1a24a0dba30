-- CreateTable
CREATE TABLE "ServiceElsewhere" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "note" TEXT,
    "enteredBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceElsewhere_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ServiceElsewhere_personId_idx" ON "ServiceElsewhere"("personId");

-- AddForeignKey
ALTER TABLE "ServiceElsewhere" ADD CONSTRAINT "ServiceElsewhere_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
