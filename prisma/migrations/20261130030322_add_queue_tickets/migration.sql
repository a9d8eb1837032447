-- CreateEnum
CREATE TYPE "TicketChannel" AS ENUM ('ONLINE', 'KIOSK', 'APPOINTMENT', 'PROXY', 'WINDOW');

-- CreateEnum
CREATE TYPE "TicketPriority" AS ENUM ('NORMAL', 'ELDERLY', 'DISABLED', 'APPOINTMENT');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('WAITING', 'CALLED', 'SERVING', 'DONE', 'SKIPPED', 'CANCELLED', 'TRANSFERRED');

-- CreateTable
CREATE TABLE "TicketSequence" (
    "officeId" UUID NOT NULL,
    "businessDate" DATE NOT NULL,
    "letter" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "TicketSequence_pkey" PRIMARY KEY ("officeId","businessDate","letter")
);

-- CreateTable
CREATE TABLE "TicketQuota" (
    "officeId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "businessDate" DATE NOT NULL,
    "issued" INTEGER NOT NULL,

    CONSTRAINT "TicketQuota_pkey" PRIMARY KEY ("officeId","serviceId","businessDate")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" UUID NOT NULL,
    "officeId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "businessDate" DATE NOT NULL,
    "letter" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "displayNumber" TEXT NOT NULL,
    "subjectId" UUID,
    "actorId" UUID,
    "channel" "TicketChannel" NOT NULL,
    "priority" "TicketPriority" NOT NULL DEFAULT 'NORMAL',
    "status" "TicketStatus" NOT NULL DEFAULT 'WAITING',
    "queuedAt" TIMESTAMP(3) NOT NULL,
    "rejoined" BOOLEAN NOT NULL DEFAULT false,
    "counterId" UUID,
    "activeKey" TEXT,
    "idempotencyKey" TEXT,
    "estimateLowMinutes" INTEGER,
    "estimateHighMinutes" INTEGER,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "calledAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "skippedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "transferredAt" TIMESTAMP(3),
    "recallCount" INTEGER NOT NULL DEFAULT 0,
    "nearNotifiedAt" TIMESTAMP(3),
    "transferredFromId" UUID,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" BIGSERIAL NOT NULL,
    "ticketId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "actorId" UUID,
    "counterId" UUID,
    "detail" JSONB,

    CONSTRAINT "TicketEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceTimeStat" (
    "serviceId" UUID NOT NULL,
    "ewmaMinutes" DOUBLE PRECISION NOT NULL,
    "samples" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServiceTimeStat_pkey" PRIMARY KEY ("serviceId")
);

-- CreateTable
CREATE TABLE "OfficeQueueSettings" (
    "officeId" UUID NOT NULL,
    "nearPeopleAhead" INTEGER NOT NULL DEFAULT 3,
    "nearMinutes" INTEGER NOT NULL DEFAULT 10,
    "maxPriorityStreak" INTEGER NOT NULL DEFAULT 3,

    CONSTRAINT "OfficeQueueSettings_pkey" PRIMARY KEY ("officeId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_activeKey_key" ON "Ticket"("activeKey");

-- CreateIndex
CREATE INDEX "Ticket_officeId_businessDate_status_idx" ON "Ticket"("officeId", "businessDate", "status");

-- CreateIndex
CREATE INDEX "Ticket_subjectId_status_idx" ON "Ticket"("subjectId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_officeId_businessDate_letter_number_key" ON "Ticket"("officeId", "businessDate", "letter", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_actorId_idempotencyKey_key" ON "Ticket"("actorId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "TicketEvent_ticketId_at_idx" ON "TicketEvent"("ticketId", "at");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_counterId_fkey" FOREIGN KEY ("counterId") REFERENCES "Counter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceTimeStat" ADD CONSTRAINT "ServiceTimeStat_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficeQueueSettings" ADD CONSTRAINT "OfficeQueueSettings_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE CASCADE ON UPDATE CASCADE;
