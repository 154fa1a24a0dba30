-- CreateTable
CREATE TABLE "Filing" (
    "id" SERIAL NOT NULL,
    "programmeId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "clause" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "filedAt" TIMESTAMP(3),
    "filedBy" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Filing_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Filing_dueOn_filedAt_idx" ON "Filing"("dueOn", "filedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Filing_programmeId_title_dueOn_key" ON "Filing"("programmeId", "title", "dueOn");

-- AddForeignKey
ALTER TABLE "Filing" ADD CONSTRAINT "Filing_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
