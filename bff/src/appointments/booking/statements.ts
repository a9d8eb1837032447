// The SQL of booking (预约, DESIGN.md §3–§4). Every decision about places and limits is made by
// PostgreSQL in the statement that changes them, so no interleaving of requests can overbook a
// slot or give a person more than the rules allow:
//
// - a place: `UPDATE "Slot" SET booked = booked + 1 WHERE … booked < capacity AND released AND not
//   withdrawn AND not started` — concurrent updates of the row queue on its lock and each re-checks
//   the condition against the row as the one before left it; the CHECK (booked ≤ capacity) backs it;
// - 1 active per person per service per day: the unique `activeKey` of the appointment row;
// - 3 active in all: the person's AppointmentQuota row, incremented in the same statement under a
//   CHECK (active ≤ 3). A count of the person's appointments inside the statement would not do:
//   under READ COMMITTED every concurrent booking counts from its own snapshot, so five at once
//   all see 0 and all insert. Incrementing one row serialises them on its lock like the slot, and
//   the CHECK turns the 4th into an error that rolls the whole statement back — its slot place
//   included — without an interactive transaction (whose pool wait fails under a release storm).
import { randomInt } from 'node:crypto';
import { APPOINTMENT_CODE_ALPHABET, APPOINTMENT_CODE_LENGTH } from '@palm/shared';
import { Prisma, type PrismaClient } from '@palm/db/client';
import { isCheckViolation, isUniqueViolation } from '../../lib/constraints';

type Tx = Prisma.TransactionClient;

/**
 * A place freed in slot `s` while people wait for it (候补) is held for them rather than freed: 1
 * when the slot has a WAITING entry, else 0. Promotion (../waitlist) hands held places to the
 * waiting in order; nobody else can book them meanwhile (bookable = capacity − booked − held).
 */
const WAITERS_HOLD = Prisma.sql`(CASE WHEN EXISTS (SELECT 1 FROM "WaitlistEntry" w WHERE w."slotId" = s."id" AND w."status" = 'WAITING'::"WaitlistStatus") THEN 1 ELSE 0 END)`;

/** A random appointment code from the unambiguous alphabet. */
export function newAppointmentCode(): string {
  let code = '';
  for (let i = 0; i < APPOINTMENT_CODE_LENGTH; i += 1) code += APPOINTMENT_CODE_ALPHABET[randomInt(APPOINTMENT_CODE_ALPHABET.length)];
  return code;
}

export const isLimitTotal = (err: unknown) => isCheckViolation(err, 'AppointmentQuota_active_within_limit');
/** Another active appointment of the person, service and day (the Appointment's unique `activeKey`). */
export const isLimitServiceDay = (err: unknown) => isUniqueViolation(err, 'activeKey');
/** The slot's CHECK (booked + held ≤ capacity): the statement's own condition is the guard; this is its backstop. */
export const isOverCapacity = (err: unknown) => isCheckViolation(err, 'Slot_booked_within_capacity');
export const isCodeTaken = (err: unknown) => isUniqueViolation(err, 'Appointment_code_key') || isUniqueViolation(err, '"code"]');
export const isIdempotencyKeyTaken = (err: unknown) => isUniqueViolation(err, 'idempotencyKey');

/**
 * The rest of a booking statement after its `won` CTE (the slot row whose place was just taken,
 * returning id, officeId, serviceId, date, startsAt): the person's AppointmentQuota row under its
 * CHECK (3 active), the appointment with its unique activeKey (1 per service per day) and a
 * random code, and its BOOKED event. Booking and waitlist promotion both book through it, so a
 * place is taken under the same rules whichever way it comes.
 */
export function bookWonPlace(p: {
  appointmentId: string;
  subjectId: string;
  actorId: string;
  idempotencyKey: string | null;
  now: Date;
  eventDetail: Prisma.Sql;
  /** 免证办: the covered materials (licence-materials.ts), stored with the appointment in the same statement. */
  licenceMaterials?: readonly object[];
  /** The guide version those were checked against; default (null): the service's current version, read by the statement. */
  guideVersion?: number | null;
}): Prisma.Sql {
  return Prisma.sql`
          quota AS (
            INSERT INTO "AppointmentQuota" ("subjectId", "active", "updatedAt")
            SELECT ${p.subjectId}::uuid, 1, ${p.now}::timestamp(3) FROM won
            ON CONFLICT ("subjectId") DO UPDATE SET "active" = "AppointmentQuota"."active" + 1, "updatedAt" = EXCLUDED."updatedAt"
            RETURNING "subjectId"),
          appointment AS (
            INSERT INTO "Appointment" ("id", "code", "slotId", "officeId", "serviceId", "date", "startsAt", "subjectId", "actorId", "status",
                                       "activeKey", "idempotencyKey", "licenceMaterials", "guideVersion", "bookedAt", "createdAt", "updatedAt")
            SELECT ${p.appointmentId}::uuid, ${newAppointmentCode()}, won."id", won."officeId", won."serviceId", won."date", won."startsAt",
                   ${p.subjectId}::uuid, ${p.actorId}::uuid, 'BOOKED'::"AppointmentStatus",
                   ${p.subjectId}::uuid::text || ':' || won."serviceId"::text || ':' || to_char(won."date", 'YYYY-MM-DD'),
                   ${p.idempotencyKey}, ${JSON.stringify(p.licenceMaterials ?? [])}::jsonb,
                   COALESCE(${p.guideVersion ?? null}::int, (SELECT sv."guideVersion" FROM "Service" sv WHERE sv."id" = won."serviceId")), ${p.now}::timestamp(3), ${p.now}::timestamp(3), ${p.now}::timestamp(3)
            FROM won, quota
            RETURNING "id", "slotId"),
          event AS (
            INSERT INTO "AppointmentEvent" ("appointmentId", "type", "actorId", "at", "detail")
            SELECT "id", 'BOOKED', ${p.actorId}::uuid, ${p.now}::timestamp(3), ${p.eventDetail} FROM appointment)`;
}

/**
 * The CTE `quota` that gives the AppointmentQuota places of the appointments the CTE `from` just
 * ended (rows with "subjectId") back — one per appointment. Whatever ends an active appointment
 * (cancel, DONE, NO_SHOW) runs it in the same statement that clears the appointment's activeKey.
 */
export function giveQuotaBack(from: 'cancelled' | 'ended' | 'marked', now: Date): Prisma.Sql {
  return Prisma.sql`quota AS (
        UPDATE "AppointmentQuota" q SET "active" = q."active" - m."n", "updatedAt" = ${now}::timestamp(3)
        FROM (SELECT "subjectId", count(*)::int AS "n" FROM ${Prisma.raw(`"${from}"`)} GROUP BY "subjectId") m
        WHERE q."subjectId" = m."subjectId" RETURNING q."subjectId")`;
}

/**
 * Books one place: wins it in the slot, counts the person's quota and inserts the appointment and
 * its event, all in ONE statement; no rows when no place could be won (full, changed, or the
 * person's suspension — decided here too, so a booking that wins costs no extra query for it).
 * Concurrency: see the top of this file — the slot row and the quota row serialise concurrent
 * bookings on their locks, the CHECKs and the unique activeKey refuse the rest.
 */
export function winPlace(
  prisma: PrismaClient,
  b: {
    appointmentId: string;
    slotId: string;
    serviceId: string;
    subjectId: string;
    actorId: string;
    idempotencyKey: string | null;
    suspensionExempt: boolean;
    now: Date;
    licenceMaterials?: readonly object[];
    guideVersion?: number | null;
  },
): Promise<{ id: string }[]> {
  const { now } = b;
  return prisma.$queryRaw<{ id: string }[]>`
          WITH won AS (
            UPDATE "Slot" SET "booked" = "booked" + 1, "updatedAt" = ${now}::timestamp(3)
            WHERE "id" = ${b.slotId}::uuid AND "serviceId" = ${b.serviceId}::uuid AND "booked" + "held" < "capacity"
              AND "releasedAt" <= ${now}::timestamp(3) AND "withdrawnAt" IS NULL AND "startsAt" > ${now}::timestamp(3)
              AND (${b.suspensionExempt} OR NOT EXISTS (
                SELECT 1 FROM "BookingSuspension" bs WHERE bs."subjectId" = ${b.subjectId}::uuid AND bs."liftedAt" IS NULL
                  AND bs."startsAt" <= ${now}::timestamp(3) AND bs."endsAt" > ${now}::timestamp(3)))
            RETURNING "id", "officeId", "serviceId", "date", "startsAt"),
          ${bookWonPlace({ appointmentId: b.appointmentId, subjectId: b.subjectId, actorId: b.actorId, idempotencyKey: b.idempotencyKey, now, eventDetail: Prisma.sql`jsonb_build_object('slotId', "slotId")`, licenceMaterials: b.licenceMaterials, guideVersion: b.guideVersion })}
          SELECT "id" FROM appointment`;
}

/**
 * Cancels a BOOKED appointment starting at or after `deadline`, freeing its place (or holding it
 * for the slot's waitlist) and the person's quota, with its event; no rows when it could not be.
 * Concurrency: the conditional UPDATE re-checks status and start on the row lock, so of a cancel
 * racing a move, a check-in or a second cancel one wins; the rest of the statement acts only on
 * the row it changed.
 */
export function cancelAppointment(
  prisma: PrismaClient,
  c: { appointmentId: string; actorId: string; reason: string | null; deadline: Date; now: Date },
): Promise<{ id: string }[]> {
  const { now } = c;
  return prisma.$queryRaw<{ id: string }[]>`
      WITH cancelled AS (
        UPDATE "Appointment" SET "status" = 'CANCELLED'::"AppointmentStatus", "cancelledAt" = ${now}::timestamp(3),
               "cancelReason" = ${c.reason}, "activeKey" = NULL, "updatedAt" = ${now}::timestamp(3)
        WHERE "id" = ${c.appointmentId}::uuid AND "status" = 'BOOKED'::"AppointmentStatus" AND "startsAt" >= ${c.deadline}::timestamp(3)
        RETURNING "id", "slotId", "subjectId"),
      freed AS (
        UPDATE "Slot" s SET "booked" = s."booked" - 1, "held" = s."held" + ${WAITERS_HOLD}, "updatedAt" = ${now}::timestamp(3)
        FROM cancelled c WHERE s."id" = c."slotId" RETURNING s."id"),
      ${giveQuotaBack('cancelled', now)},
      event AS (
        INSERT INTO "AppointmentEvent" ("appointmentId", "type", "actorId", "at", "detail")
        SELECT "id", 'CANCELLED', ${c.actorId}::uuid, ${now}::timestamp(3), jsonb_build_object('slotId', "slotId", 'reason', ${c.reason}::text) FROM cancelled)
      SELECT "id" FROM cancelled`;
}

/**
 * Locks the appointment's row for a move (SELECT … FOR UPDATE): a cancel or another move of it
 * waits until this transaction ends, so the move sees the appointment as it will stay.
 */
export async function lockForMove(tx: Tx, appointmentId: string): Promise<{ status: string; slotId: string; startsAt: Date } | undefined> {
  const [locked] = await tx.$queryRaw<{ status: string; slotId: string; startsAt: Date }[]>`
          SELECT "status"::text AS "status", "slotId", "startsAt" FROM "Appointment" WHERE "id" = ${appointmentId}::uuid FOR UPDATE`;
  return locked;
}

/**
 * 改约 in ONE statement, inside the transaction holding the appointment's row lock: wins a place
 * in the new slot, moves the appointment there (same id and code, a new activeKey for the new
 * day) and frees the old place (held for its waitlist when someone waits); no rows when the new
 * place could not be won, and then nothing changed.
 * Concurrency: the new slot's place is won as a booking wins one (its row lock, its condition, its
 * CHECK); the unique activeKey refuses a move onto a day the person already has this service.
 */
export function moveAppointment(
  tx: Tx,
  m: { appointmentId: string; serviceId: string; fromSlotId: string; toSlotId: string; actorId: string; now: Date },
): Promise<{ id: string }[]> {
  const { now } = m;
  return tx.$queryRaw<{ id: string }[]>`
          WITH won AS (
            UPDATE "Slot" SET "booked" = "booked" + 1, "updatedAt" = ${now}::timestamp(3)
            WHERE "id" = ${m.toSlotId}::uuid AND "serviceId" = ${m.serviceId}::uuid AND "booked" + "held" < "capacity"
              AND "releasedAt" <= ${now}::timestamp(3) AND "withdrawnAt" IS NULL AND "startsAt" > ${now}::timestamp(3)
            RETURNING "id", "officeId", "date", "startsAt"),
          moved AS (
            UPDATE "Appointment" a SET "slotId" = won."id", "officeId" = won."officeId", "date" = won."date", "startsAt" = won."startsAt",
                   "activeKey" = a."subjectId"::text || ':' || a."serviceId"::text || ':' || to_char(won."date", 'YYYY-MM-DD'),
                   "rescheduledAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
            FROM won WHERE a."id" = ${m.appointmentId}::uuid
            RETURNING a."id"),
          freed AS (
            UPDATE "Slot" s SET "booked" = s."booked" - 1, "held" = s."held" + ${WAITERS_HOLD}, "updatedAt" = ${now}::timestamp(3)
            WHERE s."id" = ${m.fromSlotId}::uuid AND EXISTS (SELECT 1 FROM moved) RETURNING s."id"),
          event AS (
            INSERT INTO "AppointmentEvent" ("appointmentId", "type", "actorId", "at", "detail")
            SELECT "id", 'RESCHEDULED', ${m.actorId}::uuid, ${now}::timestamp(3), jsonb_build_object('fromSlotId', ${m.fromSlotId}::text, 'toSlotId', ${m.toSlotId}::text) FROM moved)
          SELECT "id" FROM moved`;
}
