-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "appointedOn" TEXT,
ADD COLUMN     "birthMonth" TEXT,
ADD COLUMN     "education" TEXT,
ADD COLUMN     "ethnicity" TEXT,
ADD COLUMN     "major" TEXT,
ADD COLUMN     "specialty" TEXT;
