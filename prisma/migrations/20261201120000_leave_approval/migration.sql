-- AlterTable
ALTER TABLE "Leave" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" INTEGER;
