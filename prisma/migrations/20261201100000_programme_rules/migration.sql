-- AlterEnum
ALTER TYPE "MetricKey" ADD VALUE 'outpatient_half_days';

-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "rules" JSONB;

-- AlterTable
ALTER TABLE "SupervisionVisit" ADD COLUMN     "supportingOrgId" INTEGER;
