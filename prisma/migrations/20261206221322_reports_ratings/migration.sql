-- CreateEnum
CREATE TYPE "ReportClass" AS ENUM ('GENERAL', 'COMPLEX', 'LEGALLY_IMPOSSIBLE', 'STAFF_FAULT');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('RECEIVED', 'TRIAGED', 'ASSIGNED', 'RESOLVED', 'CONFIRMED', 'CLOSED');

-- CreateEnum
CREATE TYPE "ContactPreference" AS ENUM ('IN_APP', 'PHONE', 'NONE');

-- CreateEnum
CREATE TYPE "RatingTarget" AS ENUM ('TICKET', 'APPOINTMENT', 'REPORT');

-- CreateEnum
CREATE TYPE "RatingChannel" AS ENUM ('APP', 'WINDOW');

-- CreateEnum
CREATE TYPE "RectificationStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateTable
CREATE TABLE "Report" (
    "id" UUID NOT NULL,
    "reporterId" UUID,
    "actorId" UUID,
    "takerId" UUID,
    "walkInName" TEXT,
    "contactPhoneEnc" TEXT,
    "contactPhoneMasked" TEXT,
    "serviceId" UUID,
    "officeId" UUID NOT NULL,
    "regionCode" TEXT NOT NULL,
    "ticketId" UUID,
    "appointmentId" UUID,
    "ratingId" UUID,
    "text" TEXT NOT NULL,
    "contactPreference" "ContactPreference" NOT NULL DEFAULT 'IN_APP',
    "class" "ReportClass",
    "status" "ReportStatus" NOT NULL DEFAULT 'RECEIVED',
    "assignedOfficeId" UUID,
    "assignedStaffId" UUID,
    "ackDueAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3),
    "resolution" TEXT,
    "triagedAt" TIMESTAMP(3),
    "assignedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "reopenedAt" TIMESTAMP(3),
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "escalatedAt" TIMESTAMP(3),
    "idempotencyKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportStep" (
    "id" BIGSERIAL NOT NULL,
    "reportId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "fromStatus" "ReportStatus",
    "toStatus" "ReportStatus",
    "note" TEXT,
    "detail" JSONB,

    CONSTRAINT "ReportStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportSlaSetting" (
    "regionCode" TEXT NOT NULL,
    "ackDays" INTEGER NOT NULL DEFAULT 1,
    "generalDays" INTEGER NOT NULL DEFAULT 5,
    "complexDays" INTEGER NOT NULL DEFAULT 10,
    "legallyImpossibleDays" INTEGER NOT NULL DEFAULT 3,
    "staffFaultDays" INTEGER NOT NULL DEFAULT 3,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportSlaSetting_pkey" PRIMARY KEY ("regionCode")
);

-- CreateTable
CREATE TABLE "Rating" (
    "id" UUID NOT NULL,
    "targetType" "RatingTarget" NOT NULL,
    "targetId" UUID NOT NULL,
    "channel" "RatingChannel" NOT NULL DEFAULT 'APP',
    "round" INTEGER NOT NULL DEFAULT 1,
    "level" INTEGER NOT NULL,
    "reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "comment" TEXT,
    "subjectId" UUID,
    "raterId" UUID,
    "officeId" UUID NOT NULL,
    "serviceId" UUID,
    "clerkId" UUID,
    "defaulted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Rating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RatingReason" (
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "RatingReason_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Rectification" (
    "id" UUID NOT NULL,
    "ratingId" UUID NOT NULL,
    "officeId" UUID NOT NULL,
    "regionCode" TEXT NOT NULL,
    "status" "RectificationStatus" NOT NULL DEFAULT 'OPEN',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "capAt" TIMESTAMP(3) NOT NULL,
    "extendedAt" TIMESTAMP(3),
    "extendedById" UUID,
    "extensionReason" TEXT,
    "callbackAt" TIMESTAMP(3),
    "callbackById" UUID,
    "callbackOutcome" TEXT,
    "callbackNote" TEXT,
    "closedAt" TIMESTAMP(3),
    "closedById" UUID,
    "closingNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Rectification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Report_reporterId_createdAt_idx" ON "Report"("reporterId", "createdAt");

-- CreateIndex
CREATE INDEX "Report_officeId_status_idx" ON "Report"("officeId", "status");

-- CreateIndex
CREATE INDEX "Report_regionCode_status_idx" ON "Report"("regionCode", "status");

-- CreateIndex
CREATE INDEX "Report_status_dueAt_idx" ON "Report"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Report_actorId_idempotencyKey_key" ON "Report"("actorId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "ReportStep_reportId_at_idx" ON "ReportStep"("reportId", "at");

-- CreateIndex
CREATE INDEX "Rating_officeId_createdAt_idx" ON "Rating"("officeId", "createdAt");

-- CreateIndex
CREATE INDEX "Rating_clerkId_createdAt_idx" ON "Rating"("clerkId", "createdAt");

-- CreateIndex
CREATE INDEX "Rating_subjectId_createdAt_idx" ON "Rating"("subjectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Rating_targetType_targetId_channel_round_key" ON "Rating"("targetType", "targetId", "channel", "round");

-- CreateIndex
CREATE UNIQUE INDEX "Rectification_ratingId_key" ON "Rectification"("ratingId");

-- CreateIndex
CREATE INDEX "Rectification_officeId_status_idx" ON "Rectification"("officeId", "status");

-- CreateIndex
CREATE INDEX "Rectification_regionCode_status_idx" ON "Rectification"("regionCode", "status");

-- AddForeignKey
ALTER TABLE "ReportStep" ADD CONSTRAINT "ReportStep_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rectification" ADD CONSTRAINT "Rectification_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "Rating"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the five canonical levels, and a round counts from 1.
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_level_range" CHECK ("level" BETWEEN 1 AND 5);
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_round_positive" CHECK ("round" >= 1);
