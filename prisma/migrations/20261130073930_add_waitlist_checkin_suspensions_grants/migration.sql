-- CreateEnum
CREATE TYPE "WaitlistStatus" AS ENUM ('WAITING', 'PROMOTED', 'SKIPPED', 'CANCELLED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "AppealStatus" AS ENUM ('PENDING', 'UPHELD', 'GRANTED');

-- CreateEnum
CREATE TYPE "GrantScope" AS ENUM ('APPOINTMENT', 'QUEUE', 'APPLICATION', 'LICENCE_PRESENT', 'REPORT');

-- CreateEnum
CREATE TYPE "GrantStatus" AS ENUM ('PENDING', 'ACTIVE', 'REJECTED', 'REVOKED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "ConsentMethod" AS ENUM ('IN_APP', 'WITNESSED');

-- AlterTable
ALTER TABLE "Appointment" ADD COLUMN     "checkInMethod" TEXT,
ADD COLUMN     "remindedDayAt" TIMESTAMP(3),
ADD COLUMN     "remindedHourAt" TIMESTAMP(3),
ADD COLUMN     "ticketId" UUID;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "appointmentId" UUID;

-- AlterTable
ALTER TABLE "Slot" ADD COLUMN     "held" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "WaitlistEntry" (
    "id" UUID NOT NULL,
    "slotId" UUID NOT NULL,
    "officeId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "subjectId" UUID NOT NULL,
    "actorId" UUID NOT NULL,
    "status" "WaitlistStatus" NOT NULL DEFAULT 'WAITING',
    "activeKey" TEXT,
    "idempotencyKey" TEXT,
    "appointmentId" UUID,
    "skipReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "promotedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WaitlistEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BookingSuspension" (
    "id" UUID NOT NULL,
    "subjectId" UUID NOT NULL,
    "officeId" UUID NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "noShowIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "appealStatus" "AppealStatus",
    "appealText" TEXT,
    "appealedAt" TIMESTAMP(3),
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "liftedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BookingSuspension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Grant" (
    "id" UUID NOT NULL,
    "grantorId" UUID NOT NULL,
    "granteeId" UUID NOT NULL,
    "relation" TEXT NOT NULL,
    "scopes" "GrantScope"[],
    "serviceIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "status" "GrantStatus" NOT NULL DEFAULT 'PENDING',
    "consentMethod" "ConsentMethod" NOT NULL DEFAULT 'IN_APP',
    "witnessedById" UUID,
    "validFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "validUntil" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Grant_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WaitlistEntry_activeKey_key" ON "WaitlistEntry"("activeKey");

-- CreateIndex
CREATE UNIQUE INDEX "WaitlistEntry_appointmentId_key" ON "WaitlistEntry"("appointmentId");

-- CreateIndex
CREATE INDEX "WaitlistEntry_slotId_status_createdAt_idx" ON "WaitlistEntry"("slotId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "WaitlistEntry_subjectId_status_idx" ON "WaitlistEntry"("subjectId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "WaitlistEntry_actorId_idempotencyKey_key" ON "WaitlistEntry"("actorId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "BookingSuspension_subjectId_endsAt_idx" ON "BookingSuspension"("subjectId", "endsAt");

-- CreateIndex
CREATE INDEX "BookingSuspension_officeId_appealStatus_idx" ON "BookingSuspension"("officeId", "appealStatus");

-- CreateIndex
CREATE INDEX "Grant_granteeId_grantorId_status_idx" ON "Grant"("granteeId", "grantorId", "status");

-- CreateIndex
CREATE INDEX "Grant_grantorId_status_idx" ON "Grant"("grantorId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Appointment_ticketId_key" ON "Appointment"("ticketId");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingSuspension" ADD CONSTRAINT "BookingSuspension_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingSuspension" ADD CONSTRAINT "BookingSuspension_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_grantorId_fkey" FOREIGN KEY ("grantorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_granteeId_fkey" FOREIGN KEY ("granteeId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A place is booked, held for the waitlist, or free: never more than the capacity between them.
ALTER TABLE "Slot" DROP CONSTRAINT "Slot_booked_within_capacity";
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_booked_within_capacity" CHECK ("booked" >= 0 AND "held" >= 0 AND "booked" + "held" <= "capacity");
