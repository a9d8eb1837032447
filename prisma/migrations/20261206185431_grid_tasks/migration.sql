-- CreateEnum
CREATE TYPE "GridTaskStatus" AS ENUM ('PLANNED', 'VISITED', 'DONE', 'CANCELLED');

-- CreateTable
CREATE TABLE "GridTask" (
    "id" UUID NOT NULL,
    "workerId" UUID NOT NULL,
    "residentId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "plannedDate" DATE NOT NULL,
    "note" TEXT,
    "status" "GridTaskStatus" NOT NULL DEFAULT 'PLANNED',
    "activeKey" TEXT,
    "idempotencyKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "visitedAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "doneNote" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "cancelReason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GridTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GridTaskVisit" (
    "id" BIGSERIAL NOT NULL,
    "taskId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT,

    CONSTRAINT "GridTaskVisit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GridTask_activeKey_key" ON "GridTask"("activeKey");

-- CreateIndex
CREATE INDEX "GridTask_workerId_status_plannedDate_idx" ON "GridTask"("workerId", "status", "plannedDate");

-- CreateIndex
CREATE INDEX "GridTask_residentId_idx" ON "GridTask"("residentId");

-- CreateIndex
CREATE UNIQUE INDEX "GridTask_workerId_idempotencyKey_key" ON "GridTask"("workerId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "GridTaskVisit_taskId_at_idx" ON "GridTaskVisit"("taskId", "at");

-- AddForeignKey
ALTER TABLE "GridTask" ADD CONSTRAINT "GridTask_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GridTask" ADD CONSTRAINT "GridTask_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GridTask" ADD CONSTRAINT "GridTask_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GridTaskVisit" ADD CONSTRAINT "GridTaskVisit_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "GridTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma's schema language has no CHECK; its diff ignores them).
-- The one-open-task key is the row's own ids as PostgreSQL prints them, present exactly while the
-- task is open: no other spelling of the same key, and no closed task that still blocks a new one.
ALTER TABLE "GridTask" ADD CONSTRAINT "GridTask_activeKey_canonical" CHECK (
  "activeKey" IS NULL OR "activeKey" = ("workerId"::text || ':' || "residentId"::text || ':' || "serviceId"::text));
ALTER TABLE "GridTask" ADD CONSTRAINT "GridTask_activeKey_open" CHECK (
  ("activeKey" IS NOT NULL) = ("status" IN ('PLANNED', 'VISITED')));
-- A grid worker does not visit themself.
ALTER TABLE "GridTask" ADD CONSTRAINT "GridTask_not_for_self" CHECK ("workerId" <> "residentId");
