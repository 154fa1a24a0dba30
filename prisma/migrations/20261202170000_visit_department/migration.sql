-- AlterTable
ALTER TABLE "SupervisionVisit" ADD COLUMN     "department" TEXT;
