-- AlterTable
ALTER TABLE "Posting" ADD COLUMN     "arrivalReportedBy" TEXT,
ADD COLUMN     "arrivalVia" TEXT;

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "minutes" TEXT;
