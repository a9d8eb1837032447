// A hall that closes after people booked (issue 5): a dated closure or a shortened day added to
// OfficeException, an official holiday. The slot job (slots.ts) finds the booked slots the hall's
// hours that day no longer hold and hands them here: each slot is withdrawn and its BOOKED
// appointments cancelled — by the hall, so none of them is ever a no-show — and each person (and
// whoever booked for them) is told in the app.
//
// Per batch of slots, one transaction: the slots' BOOKED appointments are locked first, then the
// slots — the order booking's cancel and move take them, so a person cancelling at the same moment
// is waited for, never deadlocked — and then ONE statement withdraws the slots, cancels the
// appointments (activeKey cleared, quota given back, the slot's places freed, an event each) and
// expires the slots' waitlist. Its snapshot is taken once the slot locks are held, so a booking or
// a 候补 promotion that won a place a moment before is cancelled with the others; one after it
// finds the slot withdrawn.
import type { PrismaClient } from '@palm/db/client';
import type { Clock } from '../lib/clock';
import { notifyAppointment, type NotifyDeps } from '../notify/appointments';
import { giveQuotaBack } from './booking';

/** The cancel reason the person reads (in the appointment and the message). */
export const HALL_CLOSED_REASON = '大厅调整了办公时间，该时段不再办理';

/** Slots per transaction. */
const BATCH = 100;

export interface HallClosureDeps {
  prisma: PrismaClient;
  clock: Clock;
  log?: { warn(obj: object, msg: string): void };
}

/** How many appointments cancelForHallClosure would cancel for `slotIds` now: their BOOKED ones. */
export function countHallClosureCancellations(prisma: PrismaClient, slotIds: readonly string[]): Promise<number> {
  if (slotIds.length === 0) return Promise.resolve(0);
  return prisma.appointment.count({ where: { slotId: { in: [...slotIds] }, status: 'BOOKED' } });
}

/**
 * Withdraws `slotIds` and cancels their BOOKED appointments as the hall's doing; how many were
 * cancelled. Checked-in appointments (the person is in the queue already) are left as they are.
 * Idempotent: a second run finds nothing BOOKED.
 */
export async function cancelForHallClosure(deps: HallClosureDeps, slotIds: readonly string[], now: Date): Promise<number> {
  // The notice is in-app only: no platform template is ever looked up.
  const notify: NotifyDeps = { prisma: deps.prisma, templates: { WECHAT: {}, ALIPAY: {} }, clock: deps.clock, log: deps.log ?? { warn: () => undefined } };
  let cancelled = 0;
  for (let i = 0; i < slotIds.length; i += BATCH) {
    const ids = slotIds.slice(i, i + BATCH);
    cancelled += await deps.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`
          SELECT "id" FROM "Appointment" WHERE "slotId" = ANY(${ids}::uuid[]) AND "status" = 'BOOKED'::"AppointmentStatus" ORDER BY "id" FOR UPDATE`;
        await tx.$queryRaw`SELECT "id" FROM "Slot" WHERE "id" = ANY(${ids}::uuid[]) ORDER BY "id" FOR NO KEY UPDATE`;
        const rows = await tx.$queryRaw<{ id: string; subjectId: string; actorId: string }[]>`
          WITH cancelled AS (
            UPDATE "Appointment" a SET "status" = 'CANCELLED'::"AppointmentStatus", "cancelledAt" = ${now}::timestamp(3), "cancelReason" = ${HALL_CLOSED_REASON},
                   "activeKey" = NULL, "updatedAt" = ${now}::timestamp(3)
            WHERE a."slotId" = ANY(${ids}::uuid[]) AND a."status" = 'BOOKED'::"AppointmentStatus"
            RETURNING a."id", a."slotId", a."subjectId", a."actorId"),
          withdrawn AS (
            UPDATE "Slot" s SET "withdrawnAt" = COALESCE(s."withdrawnAt", ${now}::timestamp(3)), "held" = 0,
                   "booked" = s."booked" - (SELECT count(*)::int FROM cancelled c WHERE c."slotId" = s."id"), "updatedAt" = ${now}::timestamp(3)
            WHERE s."id" = ANY(${ids}::uuid[])
            RETURNING s."id"),
          ${giveQuotaBack('cancelled', now)},
          event AS (
            INSERT INTO "AppointmentEvent" ("appointmentId", "type", "actorId", "at", "detail")
            SELECT "id", 'CANCELLED', NULL, ${now}::timestamp(3), jsonb_build_object('slotId', "slotId", 'reason', 'HALL_CLOSED') FROM cancelled),
          expired AS (
            UPDATE "WaitlistEntry" SET "status" = 'EXPIRED'::"WaitlistStatus", "activeKey" = NULL, "endedAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
            WHERE "slotId" = ANY(${ids}::uuid[]) AND "status" = 'WAITING'::"WaitlistStatus")
          SELECT "id", "subjectId", "actorId" FROM cancelled ORDER BY "id"`;
        // Behind a savepoint each: a notice that cannot be written never undoes the cancellations.
        for (const row of rows) {
          for (const userId of new Set([row.subjectId, row.actorId])) {
            await notifyAppointment(tx, { kind: 'APPOINTMENT_CANCELLED', userId, appointmentId: row.id }, notify);
          }
        }
        return rows.length;
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
  }
  return cancelled;
}
