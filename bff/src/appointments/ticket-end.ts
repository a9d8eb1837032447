// A checked-in appointment ends with its queue number (issue 5 step 5). Check-in turned it into a
// priority ticket (a 转办 moves the appointment's `ticketId` to the new number, in the transfer's
// statement); when that number is finished at a window or cancelled by its holder, the appointment
// is DONE, in the ticket step's own transaction.
// Like every end of an active appointment, the same statement gives the person's active place
// back (activeKey cleared, AppointmentQuota decremented). A 过号 number may still rejoin, so it ends
// nothing yet; whatever is still CHECKED_IN once its day is over is closed by the minute job.
// This module imports nothing from queue/, which calls it (no import cycle).
import type { FastifyInstance } from 'fastify';
import type { Prisma } from '../generated/prisma/client';
import { giveQuotaBack } from './booking';

/** Rows per statement of the day-end sweep; a minute job run repeats it while rows remain. */
const BATCH = 500;

/** DONE for the CHECKED_IN appointment whose number `ticket` is; its id, or null when it is no appointment's. */
export async function endAppointmentOfTicket(
  tx: Pick<Prisma.TransactionClient, '$queryRaw'>,
  ticket: { id: string; status: 'DONE' | 'CANCELLED' },
  actorId: string | null,
  now: Date,
): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH ended AS (
      UPDATE "Appointment" a SET "status" = 'DONE'::"AppointmentStatus", "doneAt" = ${now}::timestamp(3), "activeKey" = NULL, "updatedAt" = ${now}::timestamp(3)
      WHERE a."ticketId" = ${ticket.id}::uuid AND a."status" = 'CHECKED_IN'::"AppointmentStatus"
      RETURNING a."id", a."subjectId"),
    ${giveQuotaBack('ended', now)},
    event AS (
      INSERT INTO "AppointmentEvent" ("appointmentId", "type", "actorId", "at", "detail")
      SELECT "id", 'DONE', ${actorId}::uuid, ${now}::timestamp(3), jsonb_build_object('ticketId', ${ticket.id}::text, 'ticketStatus', ${ticket.status}::text) FROM ended)
    SELECT "id" FROM ended`;
  return rows[0]?.id ?? null;
}

/**
 * Minute job step: CHECKED_IN appointments of a business day before today become DONE (their
 * number was skipped and never rejoined, or the hall closed with it waiting). Claim-safe: rows
 * are locked with SKIP LOCKED and the update re-checks the status.
 */
export async function closeCheckedInDays(app: FastifyInstance): Promise<{ closed: number }> {
  const { clock } = app.resources;
  const now = clock.now();
  const today = clock.businessDate(now);
  let closed = 0;
  for (;;) {
    const [row] = await app.prisma.$queryRaw<{ closed: number }[]>`
      WITH due AS (
        SELECT "id" FROM "Appointment"
        WHERE "status" = 'CHECKED_IN'::"AppointmentStatus" AND "date" < ${today}::date
        ORDER BY "date", "id" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED),
      ended AS (
        UPDATE "Appointment" a SET "status" = 'DONE'::"AppointmentStatus", "doneAt" = ${now}::timestamp(3), "activeKey" = NULL, "updatedAt" = ${now}::timestamp(3)
        FROM due WHERE a."id" = due."id" AND a."status" = 'CHECKED_IN'::"AppointmentStatus"
        RETURNING a."id", a."subjectId"),
      ${giveQuotaBack('ended', now)},
      event AS (
        INSERT INTO "AppointmentEvent" ("appointmentId", "type", "actorId", "at", "detail")
        SELECT "id", 'DONE', NULL, ${now}::timestamp(3), jsonb_build_object('reason', 'DAY_ENDED') FROM ended)
      SELECT count(*)::int AS "closed" FROM ended`;
    const n = row?.closed ?? 0;
    closed += n;
    if (n < BATCH) return { closed };
  }
}
