// Minute job step 'no-shows' (issue 5 step 5): a BOOKED appointment whose check-in window has
// closed (start + 15 min) becomes NO_SHOW. Like every end of an active appointment, the same
// statement clears its activeKey and gives the person's quota place back; the slot's place stays
// used (its time has passed). The rows are claimed with FOR UPDATE SKIP LOCKED and re-checked by
// the UPDATE, so instances running the job at once never mark one twice, and a check-in racing
// the window's edge either wins (CHECKED_IN) or finds NO_SHOW (check-in.ts). An appointment of a
// withdrawn slot is never marked: the hall withdrew it (a closure, hall-closure.ts cancels those
// bookings in the statement that withdraws the slot), so not coming is no fault of the person.
//
// The people just marked are evaluated for a suspension in the same transaction (and told of one
// in the app): if it fails, nothing was marked and the next run retries both. The day-end close of
// checked-in appointments (ticket-end.ts) does the same for a number called and never answered.
import { CHECK_IN_CLOSES_MINUTES_AFTER } from '@palm/shared';
import type { FastifyInstance } from 'fastify';
import type { Prisma } from '@palm/db/client';
import { notifyAppointment } from '../notify/appointments';
import { giveQuotaBack } from './booking';
import { evaluateSuspension } from './suspensions';

/** Appointments per transaction; a run repeats while a batch comes back full. */
const BATCH = 200;

export async function markNoShows(app: FastifyInstance): Promise<{ marked: number; suspended: number }> {
  const { clock } = app.resources;
  let marked = 0;
  let suspended = 0;
  for (;;) {
    const now = clock.now();
    const closedBefore = new Date(now.getTime() - CHECK_IN_CLOSES_MINUTES_AFTER * 60_000);
    const batch = await app.prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<{ subjectId: string }[]>`
          WITH due AS (
            SELECT a."id" FROM "Appointment" a
            WHERE a."status" = 'BOOKED'::"AppointmentStatus" AND a."startsAt" < ${closedBefore}::timestamp(3)
              AND NOT EXISTS (SELECT 1 FROM "Slot" s WHERE s."id" = a."slotId" AND s."withdrawnAt" IS NOT NULL)
            ORDER BY a."startsAt", a."id" LIMIT ${BATCH} FOR UPDATE OF a SKIP LOCKED),
          marked AS (
            UPDATE "Appointment" a SET "status" = 'NO_SHOW'::"AppointmentStatus", "noShowAt" = ${now}::timestamp(3), "activeKey" = NULL, "updatedAt" = ${now}::timestamp(3)
            FROM due WHERE a."id" = due."id" AND a."status" = 'BOOKED'::"AppointmentStatus"
            RETURNING a."id", a."subjectId", a."slotId"),
          ${giveQuotaBack('marked', now)},
          event AS (
            INSERT INTO "AppointmentEvent" ("appointmentId", "type", "actorId", "at", "detail")
            SELECT "id", 'NO_SHOW', NULL, ${now}::timestamp(3), jsonb_build_object('slotId', "slotId") FROM marked)
          SELECT "subjectId" FROM marked`;
        return { marked: rows.length, created: await suspendAfterNoShows(app, tx, rows.map((r) => r.subjectId), now) };
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
    marked += batch.marked;
    suspended += batch.created;
    if (batch.marked < BATCH) return { marked, suspended };
  }
}

/**
 * After new no-shows of `subjectIds`, inside the transaction that marked them: suspends each person
 * the rule says to (suspensions.ts) and tells them in the app; how many were suspended.
 */
export async function suspendAfterNoShows(app: FastifyInstance, tx: Prisma.TransactionClient, subjectIds: readonly string[], now: Date): Promise<number> {
  // Sorted, so two transactions take the people's advisory locks in one order (no deadlock).
  const subjects = [...new Set(subjectIds)].sort();
  let created = 0;
  for (const subjectId of subjects) {
    const suspension = await evaluateSuspension(tx, subjectId, now, app.resources.clock);
    if (!suspension) continue;
    created += 1;
    // The person is told in the app, with the reason (never throws: behind a savepoint).
    const { id: suspensionId, endsAt, reason, noShowIds } = suspension;
    await notifyAppointment(tx, { kind: 'BOOKING_SUSPENDED', userId: subjectId, appointmentId: noShowIds.at(-1) ?? null, facts: { suspensionId, endsAt, reason } }, app);
  }
  return created;
}
