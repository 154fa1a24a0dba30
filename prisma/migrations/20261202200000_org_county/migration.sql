-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "county" TEXT;
