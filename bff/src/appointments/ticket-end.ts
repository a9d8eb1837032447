// A checked-in appointment ends with its queue number (issue 5 step 5). Check-in turned it into a
// priority ticket (a 转办 moves the appointment's `ticketId` to the new number, in the transfer's
// statement); when that number is finished at a window or cancelled by its holder, the appointment
// is DONE, in the ticket step's own transaction.
// Like every end of an active appointment, the same statement gives the person's active place
// back (activeKey cleared, AppointmentQuota decremented). A 过号 number may still rejoin, so it ends
// nothing yet; whatever is still CHECKED_IN once its day is over is closed by the minute job:
// - its number ended 过号 (SKIPPED: called, absent, never rejoined) → NO_SHOW, counted towards a
//   suspension as the no-show job's are. A check-in proves only that someone saw the hall's poster
//   (a photo of it will do); not answering the call is not coming.
// - its number still WAITING or CALLED when the hall closed → DONE (reason DAY_ENDED_UNSERVED): the
//   hall did not get to the person, which is no fault of theirs.
// - anything else (SERVING never finished, no number) → DONE (reason DAY_ENDED).
// This module imports nothing from queue/, which calls it (no import cycle).
import type { FastifyInstance } from 'fastify';
import type { Prisma } from '@palm/db/client';
import { giveQuotaBack } from './booking';
import { suspendAfterNoShows } from './no-shows';

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
 * Minute job step: CHECKED_IN appointments of a business day before today end (see above for how).
 * Claim-safe: rows are locked with SKIP LOCKED and the update re-checks the status; the people
 * marked NO_SHOW are evaluated for a suspension in the same transaction, as no-shows.ts does.
 */
export async function closeCheckedInDays(app: FastifyInstance): Promise<{ closed: number; noShows: number; suspended: number }> {
  const { clock } = app.resources;
  const now = clock.now();
  const today = clock.businessDate(now);
  const result = { closed: 0, noShows: 0, suspended: 0 };
  for (;;) {
    const batch = await app.prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<{ subjectId: string; status: 'DONE' | 'NO_SHOW' }[]>`
          WITH due AS (
            SELECT a."id", t."status"::text AS "ticketStatus" FROM "Appointment" a LEFT JOIN "Ticket" t ON t."id" = a."ticketId"
            WHERE a."status" = 'CHECKED_IN'::"AppointmentStatus" AND a."date" < ${today}::date
            ORDER BY a."date", a."id" LIMIT ${BATCH} FOR UPDATE OF a SKIP LOCKED),
          ended AS (
            UPDATE "Appointment" a
            SET "status" = (CASE WHEN due."ticketStatus" = 'SKIPPED' THEN 'NO_SHOW' ELSE 'DONE' END)::"AppointmentStatus",
                "noShowAt" = CASE WHEN due."ticketStatus" = 'SKIPPED' THEN ${now}::timestamp(3) END,
                "doneAt" = CASE WHEN due."ticketStatus" = 'SKIPPED' THEN NULL ELSE ${now}::timestamp(3) END,
                "activeKey" = NULL, "updatedAt" = ${now}::timestamp(3)
            FROM due WHERE a."id" = due."id" AND a."status" = 'CHECKED_IN'::"AppointmentStatus"
            RETURNING a."id", a."subjectId", a."status", a."ticketId", due."ticketStatus"),
          ${giveQuotaBack('ended', now)},
          event AS (
            INSERT INTO "AppointmentEvent" ("appointmentId", "type", "actorId", "at", "detail")
            SELECT "id", "status"::text, NULL, ${now}::timestamp(3),
                   jsonb_build_object('reason', CASE WHEN "status" = 'NO_SHOW'::"AppointmentStatus" THEN 'NOT_SERVED'
                                                     WHEN "ticketStatus" IN ('WAITING', 'CALLED') THEN 'DAY_ENDED_UNSERVED' ELSE 'DAY_ENDED' END,
                                      'ticketId', "ticketId"::text, 'ticketStatus', "ticketStatus")
            FROM ended)
          SELECT "subjectId", "status"::text AS "status" FROM ended`;
        const noShows = rows.filter((r) => r.status === 'NO_SHOW').map((r) => r.subjectId);
        return { closed: rows.length, noShows: noShows.length, suspended: await suspendAfterNoShows(app, tx, noShows, now) };
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
    result.closed += batch.closed;
    result.noShows += batch.noShows;
    result.suspended += batch.suspended;
    if (batch.closed < BATCH) return result;
  }
}
