-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN     "claimedUntil" TIMESTAMP(3);
