// The SQL of the waitlist (候补). Each statement says why it stays right under concurrency; the
// lock protocol the promotion statements follow is described in promotion.ts.
import { MAX_WAITING_ENTRIES } from '@palm/shared';
import { Prisma, type PrismaClient } from '@palm/db/client';
import { bookWonPlace } from '../booking';
import { closingLine } from './rules';

type Tx = Prisma.TransactionClient;

/**
 * An active booking suspension of `subject` (liftedAt IS NULL AND startsAt ≤ now < endsAt), unless
 * `actor` is a grid worker acting for them: DESIGN.md §4 exempts proxy bookings by grid workers.
 */
const isSuspendedSql = (subject: Prisma.Sql, actor: Prisma.Sql, now: Date) => Prisma.sql`(
  EXISTS (SELECT 1 FROM "BookingSuspension" b WHERE b."subjectId" = ${subject} AND b."liftedAt" IS NULL
            AND b."startsAt" <= ${now}::timestamp(3) AND b."endsAt" > ${now}::timestamp(3))
  AND NOT (${actor} <> ${subject} AND EXISTS (SELECT 1 FROM "User" u WHERE u."id" = ${actor} AND 'GRID_WORKER'::"Role" = ANY(u."roles"))))`;

/**
 * Joins the line: the entry, only while the slot is full, open, not closing, the person has no
 * booking of the service that day and waits in fewer than MAX_WAITING_ENTRIES lines; no rows
 * otherwise. The unique activeKey (person + slot) refuses a second entry. The entry records the
 * service's guide version read by the same statement: a promotion books the appointment under it.
 * Concurrency: the count and the insert run in one transaction after pg_advisory_xact_lock(person).
 * A count inside the INSERT alone would not do: under READ COMMITTED concurrent joins each count
 * from their own snapshot, and there is no per-person waitlist row to increment under a CHECK as
 * AppointmentQuota is for bookings. The lock is taken by its own statement, so the INSERT after it
 * takes its snapshot once the previous holder has committed and counts that person's new entry. An
 * advisory lock rather than FOR UPDATE on the User row: it blocks nothing else about the person
 * (their bookings, the key-share locks of foreign keys to them, profile updates), is released at
 * commit or rollback, and a hash collision only queues two people's joins.
 */
export async function joinLine(
  prisma: PrismaClient,
  j: { id: string; slotId: string; serviceId: string; subjectId: string; actorId: string; idempotencyKey: string | null; now: Date },
): Promise<{ id: string }[]> {
  const { now } = j;
  const [, rows] = await prisma.$transaction([
    prisma.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('palm:waitlist'), hashtext(${j.subjectId}))`,
    prisma.$queryRaw<{ id: string }[]>`
          INSERT INTO "WaitlistEntry" ("id", "slotId", "officeId", "serviceId", "date", "subjectId", "actorId", "status", "activeKey",
                                       "idempotencyKey", "guideVersion", "createdAt", "updatedAt")
          SELECT ${j.id}::uuid, s."id", s."officeId", s."serviceId", s."date", ${j.subjectId}::uuid, ${j.actorId}::uuid,
                 'WAITING'::"WaitlistStatus", ${j.subjectId}::uuid::text || ':' || s."id"::text, ${j.idempotencyKey},
                 sv."guideVersion", ${now}::timestamp(3), ${now}::timestamp(3)
          FROM "Slot" s JOIN "Service" sv ON sv."id" = s."serviceId"
          WHERE s."id" = ${j.slotId}::uuid AND s."serviceId" = ${j.serviceId}::uuid AND s."booked" + s."held" >= s."capacity"
            AND s."releasedAt" <= ${now}::timestamp(3) AND s."withdrawnAt" IS NULL AND s."startsAt" > ${closingLine(now)}::timestamp(3)
            AND NOT EXISTS (SELECT 1 FROM "Appointment" a
                            WHERE a."activeKey" = ${j.subjectId}::uuid::text || ':' || s."serviceId"::text || ':' || to_char(s."date", 'YYYY-MM-DD'))
            AND (SELECT count(*) FROM "WaitlistEntry" w
                 WHERE w."subjectId" = ${j.subjectId}::uuid AND w."status" = 'WAITING'::"WaitlistStatus") < ${MAX_WAITING_ENTRIES}::int
          RETURNING "id"`,
  ]);
  return rows;
}

/**
 * Leaves the line (WAITING → CANCELLED); 0 when the entry no longer waits.
 * Concurrency: conditional on WAITING, and a promotion holds the first entry's row lock (FOR
 * UPDATE) while it books for it: a cancel racing the promotion waits and then finds it PROMOTED.
 */
export function leaveLine(prisma: PrismaClient, entryId: string, now: Date): Promise<number> {
  return prisma.$executeRaw`
      UPDATE "WaitlistEntry" SET "status" = 'CANCELLED'::"WaitlistStatus", "activeKey" = NULL, "endedAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
      WHERE "id" = ${entryId}::uuid AND "status" = 'WAITING'::"WaitlistStatus"`;
}

/** Whether promote() has anything to do at the slot (a plain read: promotion re-checks under the slot's lock). */
export async function slotNeedsPromotion(prisma: PrismaClient, slotId: string, now: Date): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
      SELECT s."id" FROM "Slot" s
      WHERE s."id" = ${slotId}::uuid
        AND (s."held" > 0
             OR (EXISTS (SELECT 1 FROM "WaitlistEntry" w WHERE w."slotId" = s."id" AND w."status" = 'WAITING'::"WaitlistStatus")
                 AND (s."booked" + s."held" < s."capacity" OR s."withdrawnAt" IS NOT NULL OR s."startsAt" <= ${closingLine(now)}::timestamp(3))))`;
  return rows.length > 0;
}

/**
 * The minute job's slots: every one with held places, or with people waiting and either a free
 * place (a join that raced a cancel) or closed (started soon, withdrawn). A plain read: each slot
 * is then promoted under its own lock.
 */
export function slotsToPromote(prisma: PrismaClient, now: Date): Promise<{ id: string }[]> {
  return prisma.$queryRaw<{ id: string }[]>`
      SELECT s."id" FROM "Slot" s WHERE s."held" > 0
      UNION
      SELECT s."id" FROM "Slot" s JOIN "WaitlistEntry" w ON w."slotId" = s."id" AND w."status" = 'WAITING'::"WaitlistStatus"
      WHERE s."booked" + s."held" < s."capacity" OR s."withdrawnAt" IS NOT NULL OR s."startsAt" <= ${closingLine(now)}::timestamp(3)`;
}

/** The place in line of each waiting entry among those of its slot (join time, then id). A read. */
export function positionsInLine(prisma: PrismaClient, slotIds: string[], entryIds: string[]): Promise<{ id: string; position: number }[]> {
  return prisma.$queryRaw<{ id: string; position: number }[]>`
            SELECT "id", "position" FROM (
              SELECT "id", row_number() OVER (PARTITION BY "slotId" ORDER BY "createdAt", "id")::int AS "position"
              FROM "WaitlistEntry"
              WHERE "slotId" = ANY(${slotIds}::uuid[]) AND "status" = 'WAITING'::"WaitlistStatus") line
            WHERE "id" = ANY(${entryIds}::uuid[])`;
}

/** The slot's row lock (the lock an UPDATE of the row takes): promotions queue on it with its bookings. */
export async function lockSlot(tx: Tx, slotId: string) {
  const [slot] = await tx.$queryRaw<{ capacity: number; booked: number; held: number; startsAt: Date; withdrawnAt: Date | null }[]>`
          SELECT "capacity", "booked", "held", "startsAt", "withdrawnAt" FROM "Slot" WHERE "id" = ${slotId}::uuid FOR NO KEY UPDATE`;
  return slot;
}

/** Under the slot's lock: the line of a closed slot expires; how many entries. */
export function expireLine(tx: Tx, slotId: string, now: Date): Promise<number> {
  return tx.$executeRaw`
            UPDATE "WaitlistEntry" SET "status" = 'EXPIRED'::"WaitlistStatus", "activeKey" = NULL, "endedAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
            WHERE "slotId" = ${slotId}::uuid AND "status" = 'WAITING'::"WaitlistStatus"`;
}

/** A waiting entry as promotion books for it: whose, by whom, and the guide version they joined under. */
export type WaitingEntry = { id: string; subjectId: string; actorId: string; guideVersion: number };

/**
 * The first in line, locked: a cancel of the entry now waits for this transaction. An entry that
 * stopped waiting while this waited for it is re-checked and passed by (LIMIT sits above the row
 * locking), so this is always the first one still WAITING.
 */
export async function firstInLine(tx: Tx, slotId: string, now: Date) {
  const [next] = await tx.$queryRaw<(WaitingEntry & { isSuspended: boolean })[]>`
            SELECT w."id", w."subjectId", w."actorId", w."guideVersion", ${isSuspendedSql(Prisma.raw('w."subjectId"'), Prisma.raw('w."actorId"'), now)} AS "isSuspended"
            FROM "WaitlistEntry" w
            WHERE w."slotId" = ${slotId}::uuid AND w."status" = 'WAITING'::"WaitlistStatus"
            ORDER BY w."createdAt", w."id" LIMIT 1
            FOR UPDATE OF w`;
  return next;
}

/** Under the entry's lock: passed over, with why. */
export function skipEntry(tx: Tx, entryId: string, skipReason: string, now: Date): Promise<number> {
  return tx.$executeRaw`
            UPDATE "WaitlistEntry" SET "status" = 'SKIPPED'::"WaitlistStatus", "activeKey" = NULL, "skipReason" = ${skipReason},
                   "endedAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
            WHERE "id" = ${entryId}::uuid`;
}

/**
 * Books the held place for the entry's person in ONE statement, as booking does (the place moved
 * from `held` to `booked` only while `booked < capacity`, the quota under its CHECK, the unique
 * activeKey, the appointment and its event) and marks the entry PROMOTED with it.
 * Concurrency: run under the slot's and the entry's row locks; the CHECK (booked + held ≤
 * capacity) and the entry's unique appointmentId back them.
 */
export function bookForEntry(
  tx: Tx,
  p: { slotId: string; appointmentId: string; entry: WaitingEntry; now: Date },
): Promise<{ id: string }[]> {
  const { now, entry } = p;
  return tx.$queryRaw<{ id: string }[]>`
          WITH won AS (
            UPDATE "Slot" SET "booked" = "booked" + 1, "held" = GREATEST("held" - 1, 0), "updatedAt" = ${now}::timestamp(3)
            WHERE "id" = ${p.slotId}::uuid AND "booked" < "capacity"
            RETURNING "id", "officeId", "serviceId", "date", "startsAt"),
          ${bookWonPlace({
            appointmentId: p.appointmentId,
            subjectId: entry.subjectId,
            actorId: entry.actorId,
            idempotencyKey: null,
            now,
            guideVersion: entry.guideVersion,
            eventDetail: Prisma.sql`jsonb_build_object('slotId', "slotId", 'via', 'WAITLIST', 'waitlistEntryId', ${entry.id}::text)`,
          })},
          promoted AS (
            UPDATE "WaitlistEntry" w SET "status" = 'PROMOTED'::"WaitlistStatus", "activeKey" = NULL, "appointmentId" = appointment."id",
                   "promotedAt" = ${now}::timestamp(3), "endedAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
            FROM appointment WHERE w."id" = ${entry.id}::uuid)
          SELECT "id" FROM appointment`;
}

/** Under the slot's lock: frees its held places (nobody left to take them); how many. */
export async function releaseHeld(tx: Tx, slotId: string, held: number, now: Date): Promise<number> {
  if (held === 0) return 0;
  await tx.$executeRaw`UPDATE "Slot" SET "held" = 0, "updatedAt" = ${now}::timestamp(3) WHERE "id" = ${slotId}::uuid`;
  return held;
}
