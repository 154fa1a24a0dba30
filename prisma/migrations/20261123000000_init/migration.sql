-- CreateEnum
CREATE TYPE "OrgKind" AS ENUM ('supporting', 'recipient', 'authority');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('doctor', 'clinic_contact', 'leader', 'admin');

-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('wecom', 'dingtalk', 'console');

-- CreateEnum
CREATE TYPE "PostingMode" AS ENUM ('full_time', 'part_time');

-- CreateEnum
CREATE TYPE "PostingStatus" AS ENUM ('planned', 'arrived', 'ended', 'replaced');

-- CreateEnum
CREATE TYPE "MetricKey" AS ENUM ('patients', 'surgeries', 'rounds', 'circuits', 'lectures', 'trainees', 'mentees', 'consultations', 'case_discussions', 'surgery_demos', 'specialties', 'techniques', 'protocols', 'health_talks', 'donations', 'other');

-- CreateEnum
CREATE TYPE "TargetPeriod" AS ENUM ('week', 'month', 'half_year', 'year', 'posting');

-- CreateEnum
CREATE TYPE "EntrySource" AS ENUM ('chat', 'card', 'correction', 'cli');

-- CreateEnum
CREATE TYPE "InboundOutcome" AS ENUM ('received', 'recorded', 'query', 'command', 'rejected', 'pending_confirmation', 'unknown_sender');

-- CreateEnum
CREATE TYPE "VisitorKind" AS ENUM ('bureau', 'hospital_leader', 'dept_head');

-- CreateTable
CREATE TABLE "Organization" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OrgKind" NOT NULL,
    "region" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "title" TEXT,
    "department" TEXT,
    "gender" TEXT,
    "phone" TEXT,
    "remindersPausedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatIdentity" (
    "id" SERIAL NOT NULL,
    "platform" "Platform" NOT NULL,
    "externalUserId" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Programme" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT,
    "startDate" DATE,
    "endDate" DATE,
    "arrivalDeadline" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pairing" (
    "id" SERIAL NOT NULL,
    "programmeId" INTEGER NOT NULL,
    "supportingOrgId" INTEGER NOT NULL,
    "recipientOrgId" INTEGER NOT NULL,
    "needs" TEXT[],
    "plannedDoctors" INTEGER,
    "contactPersonId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Pairing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Posting" (
    "id" SERIAL NOT NULL,
    "programmeId" INTEGER NOT NULL,
    "pairingId" INTEGER,
    "personId" INTEGER NOT NULL,
    "supportingOrgId" INTEGER NOT NULL,
    "recipientOrgId" INTEGER NOT NULL,
    "mode" "PostingMode" NOT NULL DEFAULT 'full_time',
    "scheduledWeekdays" INTEGER[],
    "status" "PostingStatus" NOT NULL DEFAULT 'planned',
    "startDate" DATE,
    "endDate" DATE,
    "durationText" TEXT,
    "arrivedAt" TIMESTAMP(3),
    "arrivalConfirmedById" INTEGER,
    "notArrivedAt" TIMESTAMP(3),
    "replacesPostingId" INTEGER,
    "replacementNote" TEXT,
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Posting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Target" (
    "id" SERIAL NOT NULL,
    "programmeId" INTEGER NOT NULL,
    "postingId" INTEGER,
    "metric" "MetricKey" NOT NULL,
    "minimum" DOUBLE PRECISION NOT NULL,
    "period" "TargetPeriod" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkloadEntry" (
    "id" SERIAL NOT NULL,
    "postingId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "metric" "MetricKey" NOT NULL,
    "quantity" DOUBLE PRECISION NOT NULL,
    "label" TEXT,
    "occurredOn" DATE NOT NULL,
    "source" "EntrySource" NOT NULL,
    "inboundMessageId" INTEGER,
    "itemIndex" INTEGER NOT NULL DEFAULT 0,
    "rawText" TEXT NOT NULL,
    "reason" TEXT,
    "isLateCorrection" BOOLEAN NOT NULL DEFAULT false,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkloadEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundMessage" (
    "id" SERIAL NOT NULL,
    "platform" "Platform" NOT NULL,
    "externalMsgId" TEXT NOT NULL,
    "senderExternalId" TEXT NOT NULL,
    "personId" INTEGER,
    "text" TEXT NOT NULL,
    "payload" JSONB,
    "outcome" "InboundOutcome" NOT NULL DEFAULT 'received',
    "reason" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "InboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "recipientPersonId" INTEGER,
    "payload" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonthlyReport" (
    "id" SERIAL NOT NULL,
    "postingId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "via" TEXT NOT NULL,

    CONSTRAINT "MonthlyReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" SERIAL NOT NULL,
    "supportingOrgId" INTEGER NOT NULL,
    "heldOn" DATE NOT NULL,
    "title" TEXT NOT NULL,
    "attendees" TEXT,
    "loggedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionVisit" (
    "id" SERIAL NOT NULL,
    "recipientOrgId" INTEGER NOT NULL,
    "visitedOn" DATE NOT NULL,
    "visitorKind" "VisitorKind" NOT NULL,
    "visitors" TEXT,
    "report" TEXT,
    "loggedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupervisionVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" SERIAL NOT NULL,
    "postingId" INTEGER NOT NULL,
    "selfSummary" TEXT,
    "signoffs" JSONB,
    "submittedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Leave" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Leave_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "data" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_name_key" ON "Organization"("name");

-- CreateIndex
CREATE INDEX "Person_name_idx" ON "Person"("name");

-- CreateIndex
CREATE INDEX "Person_phone_idx" ON "Person"("phone");

-- CreateIndex
CREATE UNIQUE INDEX "Person_organizationId_name_key" ON "Person"("organizationId", "name");

-- CreateIndex
CREATE INDEX "ChatIdentity_personId_idx" ON "ChatIdentity"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatIdentity_platform_externalUserId_key" ON "ChatIdentity"("platform", "externalUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Programme_name_key" ON "Programme"("name");

-- CreateIndex
CREATE INDEX "Pairing_recipientOrgId_idx" ON "Pairing"("recipientOrgId");

-- CreateIndex
CREATE UNIQUE INDEX "Pairing_programmeId_supportingOrgId_recipientOrgId_key" ON "Pairing"("programmeId", "supportingOrgId", "recipientOrgId");

-- CreateIndex
CREATE UNIQUE INDEX "Posting_replacesPostingId_key" ON "Posting"("replacesPostingId");

-- CreateIndex
CREATE INDEX "Posting_personId_status_idx" ON "Posting"("personId", "status");

-- CreateIndex
CREATE INDEX "Posting_recipientOrgId_status_idx" ON "Posting"("recipientOrgId", "status");

-- CreateIndex
CREATE INDEX "Posting_supportingOrgId_status_idx" ON "Posting"("supportingOrgId", "status");

-- CreateIndex
CREATE INDEX "Posting_status_startDate_endDate_idx" ON "Posting"("status", "startDate", "endDate");

-- CreateIndex
CREATE UNIQUE INDEX "Posting_programmeId_personId_recipientOrgId_key" ON "Posting"("programmeId", "personId", "recipientOrgId");

-- CreateIndex
CREATE INDEX "Target_programmeId_idx" ON "Target"("programmeId");

-- CreateIndex
CREATE INDEX "Target_postingId_idx" ON "Target"("postingId");

-- CreateIndex
CREATE INDEX "WorkloadEntry_personId_occurredOn_idx" ON "WorkloadEntry"("personId", "occurredOn");

-- CreateIndex
CREATE INDEX "WorkloadEntry_postingId_occurredOn_idx" ON "WorkloadEntry"("postingId", "occurredOn");

-- CreateIndex
CREATE INDEX "WorkloadEntry_isLateCorrection_createdAt_idx" ON "WorkloadEntry"("isLateCorrection", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WorkloadEntry_inboundMessageId_itemIndex_key" ON "WorkloadEntry"("inboundMessageId", "itemIndex");

-- CreateIndex
CREATE INDEX "InboundMessage_outcome_receivedAt_idx" ON "InboundMessage"("outcome", "receivedAt");

-- CreateIndex
CREATE INDEX "InboundMessage_personId_receivedAt_idx" ON "InboundMessage"("personId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboundMessage_platform_externalMsgId_key" ON "InboundMessage"("platform", "externalMsgId");

-- CreateIndex
CREATE INDEX "Notification_sentAt_idx" ON "Notification"("sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_kind_subject_period_key" ON "Notification"("kind", "subject", "period");

-- CreateIndex
CREATE UNIQUE INDEX "MonthlyReport_postingId_month_key" ON "MonthlyReport"("postingId", "month");

-- CreateIndex
CREATE INDEX "Meeting_supportingOrgId_heldOn_idx" ON "Meeting"("supportingOrgId", "heldOn");

-- CreateIndex
CREATE INDEX "SupervisionVisit_recipientOrgId_visitedOn_idx" ON "SupervisionVisit"("recipientOrgId", "visitedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_postingId_key" ON "Assessment"("postingId");

-- CreateIndex
CREATE INDEX "Leave_personId_startDate_endDate_idx" ON "Leave"("personId", "startDate", "endDate");

-- CreateIndex
CREATE INDEX "AuditLog_subject_at_idx" ON "AuditLog"("subject", "at");

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatIdentity" ADD CONSTRAINT "ChatIdentity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pairing" ADD CONSTRAINT "Pairing_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pairing" ADD CONSTRAINT "Pairing_supportingOrgId_fkey" FOREIGN KEY ("supportingOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pairing" ADD CONSTRAINT "Pairing_recipientOrgId_fkey" FOREIGN KEY ("recipientOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Posting" ADD CONSTRAINT "Posting_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Posting" ADD CONSTRAINT "Posting_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Posting" ADD CONSTRAINT "Posting_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Posting" ADD CONSTRAINT "Posting_supportingOrgId_fkey" FOREIGN KEY ("supportingOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Posting" ADD CONSTRAINT "Posting_recipientOrgId_fkey" FOREIGN KEY ("recipientOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Posting" ADD CONSTRAINT "Posting_arrivalConfirmedById_fkey" FOREIGN KEY ("arrivalConfirmedById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Posting" ADD CONSTRAINT "Posting_replacesPostingId_fkey" FOREIGN KEY ("replacesPostingId") REFERENCES "Posting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "Posting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadEntry" ADD CONSTRAINT "WorkloadEntry_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "Posting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadEntry" ADD CONSTRAINT "WorkloadEntry_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadEntry" ADD CONSTRAINT "WorkloadEntry_inboundMessageId_fkey" FOREIGN KEY ("inboundMessageId") REFERENCES "InboundMessage"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonthlyReport" ADD CONSTRAINT "MonthlyReport_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "Posting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_supportingOrgId_fkey" FOREIGN KEY ("supportingOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionVisit" ADD CONSTRAINT "SupervisionVisit_recipientOrgId_fkey" FOREIGN KEY ("recipientOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "Posting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Leave" ADD CONSTRAINT "Leave_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
