-- CreateTable
CREATE TABLE "SlotRule" (
    "id" UUID NOT NULL,
    "officeId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "weekTemplate" JSONB NOT NULL,
    "breaks" JSONB NOT NULL DEFAULT '[]',
    "slotMinutes" INTEGER NOT NULL DEFAULT 30,
    "capacityPerSlot" INTEGER NOT NULL,
    "horizonDays" INTEGER NOT NULL DEFAULT 7,
    "releaseTime" TEXT NOT NULL DEFAULT '08:00',
    "adjustedWorkdayWeekday" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlotRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Slot" (
    "id" UUID NOT NULL,
    "officeId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "booked" INTEGER NOT NULL DEFAULT 0,
    "releasedAt" TIMESTAMP(3) NOT NULL,
    "withdrawnAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Slot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SlotRule_officeId_serviceId_key" ON "SlotRule"("officeId", "serviceId");

-- CreateIndex
CREATE INDEX "Slot_officeId_serviceId_date_idx" ON "Slot"("officeId", "serviceId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Slot_officeId_serviceId_startsAt_key" ON "Slot"("officeId", "serviceId", "startsAt");

-- AddForeignKey
ALTER TABLE "SlotRule" ADD CONSTRAINT "SlotRule_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlotRule" ADD CONSTRAINT "SlotRule_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: the database itself refuses an overbooked slot, whatever the code does (DESIGN.md §7
-- booking storm: 0 overbooked). Prisma's schema language has no CHECK; its diff ignores them.
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_booked_within_capacity" CHECK ("booked" >= 0 AND "booked" <= "capacity");
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_capacity_positive" CHECK ("capacity" > 0);
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_ends_after_start" CHECK ("endsAt" > "startsAt");
