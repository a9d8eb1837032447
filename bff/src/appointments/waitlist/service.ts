// 候补 (issue 5 step 3): waiting for a full slot, and handing each place freed in it to the first
// person waiting, in order, never twice.
//
// - A place freed (cancel, move) in a slot with people waiting is held for them rather than freed
//   (booking.ts, WAITERS_HOLD): `held` counts it and nobody can book it (bookable = capacity −
//   booked − held).
// - promote(slot) hands the held places out, one transaction per place, each holding the slot's row
//   lock (SELECT … FOR NO KEY UPDATE, the lock an UPDATE of the row takes): promotions of a slot —
//   after a cancel, by the minute job, on any instance — queue on it with the slot's bookings,
//   cancels and moves, and each re-reads `held` and the line under it (joins, whose foreign key
//   takes only a key-share lock on the slot, are not held up). The first waiting entry is locked
//   too (FOR UPDATE), so a cancel of it waits; the booking statement moves the place from `held` to
//   `booked` only while `booked < capacity`; the CHECK (booked + held ≤ capacity) and the entry's
//   unique appointmentId back it: a place is never given twice, an entry never promoted twice.
//   A free place in a slot with people waiting (a join that raced a cancel which freed it) is
//   theirs as well: the minute job finds such slots.
// - A promotion books under booking's rules, in booking's way: the person's AppointmentQuota row
//   under its CHECK (3 active), the unique activeKey (1 per service per day). A refusal rolls back to
//   a savepoint and passes the person over (SKIPPED, with the reason), as does an active booking
//   suspension — unless a grid worker joined for them (DESIGN.md §4). One promotion per transaction
//   keeps at most one person's quota row locked at a time, so two slots promoting the same two
//   people in opposite orders cannot deadlock.
// - With nobody left waiting the held places are freed (held = 0). From WAITLIST_CLOSES_MINUTES
//   before the start nobody is promoted: a place won then could no longer be cancelled online
//   (the 30-minute cutoff) and a person who cannot come would be counted a no-show; the entries
//   EXPIRE and the held places are freed for anyone to book. A withdrawn slot expires its entries.
// - Joining: at most MAX_WAITING_ENTRIES WAITING per person. The count and the insert run in one
//   transaction after pg_advisory_xact_lock(person). A count inside the INSERT alone would not do:
//   under READ COMMITTED concurrent joins each count from their own snapshot (see booking.ts), and
//   there is no per-person waitlist row to increment under a CHECK as AppointmentQuota is for
//   bookings. The lock is taken by its own statement, so the INSERT after it takes its snapshot once
//   the previous holder has committed and counts that person's new entry. An advisory lock rather
//   than FOR UPDATE on the User row: it blocks nothing else about the person (their bookings, the
//   key-share locks of foreign keys to them, profile updates), is released at commit or rollback,
//   and a hash collision only queues two people's joins.
import { randomUUID } from 'node:crypto';
import { APPOINTMENT_CHANGE_CUTOFF_MINUTES, MAX_ACTIVE_APPOINTMENTS, MAX_WAITING_ENTRIES, maskName } from '@palm/shared';
import type { WaitlistEntry as WaitlistEntryView } from '@palm/shared/server';
import type { FastifyInstance } from 'fastify';
import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import { OWNER_FACTS, type PersonalObjects } from '../../policy';
import { isUniqueViolation } from '../../lib/constraints';
import { AppError } from '../../lib/errors';
import { notifyAppointment } from '../../notify/appointments';
import { bookWonPlace, isCodeTaken, isLimitServiceDay, isLimitTotal } from '../booking';
import type { AppointmentJobStep } from '../jobs';

export interface JoinInput {
  slotId: string;
  serviceId: string;
  /** Who waits. */
  subjectId: string;
  /** Who joins (the subject, or someone with an APPOINTMENT grant). */
  actorId: string;
  idempotencyKey?: string;
}

/** One place handed on: the entry, the appointment it became and whose it is (to tell them). */
export interface Promotion {
  entryId: string;
  appointmentId: string;
  subjectId: string;
}

export interface PromotionResult {
  promoted: Promotion[];
  skipped: number;
  expired: number;
  /** Held places freed for anyone to book (nobody left waiting, or the slot closed). */
  released: number;
}

/** Promotion and joining stop this long before the start: the online cancel cutoff (see above). */
export const WAITLIST_CLOSES_MINUTES = APPOINTMENT_CHANGE_CUTOFF_MINUTES;
const CLOSES_MS = WAITLIST_CLOSES_MINUTES * 60_000;
/** Attempts at a fresh appointment code when a random one is taken (as booking.ts). */
const CODE_ATTEMPTS = 4;

const SKIP_SUSPENDED = '候补到名额时在线预约处于暂停期，未能为您预约';
const SKIP_LIMIT_TOTAL = `候补到名额时您已有${MAX_ACTIVE_APPOINTMENTS}个未完成的预约，未能为您预约`;
const SKIP_LIMIT_SERVICE_DAY = '候补到名额时您当天已有这项业务的预约，未能为您预约';

const entryInclude = {
  slot: {
    select: { id: true, startsAt: true, endsAt: true, office: { select: { id: true, name: true } }, service: { select: { id: true, name: true } } },
  },
  subject: { select: { name: true } },
} as const;
export type WaitlistEntryRow = Prisma.WaitlistEntryGetPayload<{ include: typeof entryInclude }>;

interface SlotFacts {
  serviceId: string;
  date: Date;
  startsAt: Date;
  releasedAt: Date;
  withdrawnAt: Date | null;
  capacity: number;
  booked: number;
  held: number;
}

type Tx = Prisma.TransactionClient;
const NONE: PromotionResult = { promoted: [], skipped: 0, expired: 0, released: 0 };

/** Slots starting at or before this instant take no one from their waitlist any more. */
const closingLine = (now: Date) => new Date(now.getTime() + CLOSES_MS);

/**
 * An active booking suspension of `subject` (liftedAt IS NULL AND startsAt ≤ now < endsAt), unless
 * `actor` is a grid worker acting for them: DESIGN.md §4 exempts proxy bookings by grid workers.
 */
const isSuspendedSql = (subject: Prisma.Sql, actor: Prisma.Sql, now: Date) => Prisma.sql`(
  EXISTS (SELECT 1 FROM "BookingSuspension" b WHERE b."subjectId" = ${subject} AND b."liftedAt" IS NULL
            AND b."startsAt" <= ${now}::timestamp(3) AND b."endsAt" > ${now}::timestamp(3))
  AND NOT (${actor} <> ${subject} AND EXISTS (SELECT 1 FROM "User" u WHERE u."id" = ${actor} AND 'GRID_WORKER'::"Role" = ANY(u."roles"))))`;

export class WaitlistService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  /**
   * Joins a full slot's waitlist; `created` is false when an Idempotency-Key replays an earlier join
   * (the same entry, whatever became of it since). A suspended person is refused by the route, as
   * for booking (suspensions.ts refuseWhileSuspended); promotion checks again.
   */
  async join(input: JoinInput): Promise<{ entry: WaitlistEntryRow; created: boolean }> {
    const now = this.app.resources.clock.now();
    const [slot, replay] = await Promise.all([
      this.slotFacts(input.slotId),
      input.idempotencyKey ? this.findByIdempotencyKey(input.actorId, input.idempotencyKey) : Promise.resolve(null),
    ]);
    if (replay) return { entry: this.replay(replay, input), created: false };
    refuseUnwaitable(slot, input.serviceId, now);

    const id = randomUUID();
    try {
      const [, rows] = await this.prisma.$transaction([
        this.prisma.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('palm:waitlist'), hashtext(${input.subjectId}))`,
        this.prisma.$queryRaw<{ id: string }[]>`
          INSERT INTO "WaitlistEntry" ("id", "slotId", "officeId", "serviceId", "date", "subjectId", "actorId", "status", "activeKey",
                                       "idempotencyKey", "createdAt", "updatedAt")
          SELECT ${id}::uuid, s."id", s."officeId", s."serviceId", s."date", ${input.subjectId}::uuid, ${input.actorId}::uuid,
                 'WAITING'::"WaitlistStatus", ${input.subjectId}::uuid::text || ':' || s."id"::text, ${input.idempotencyKey ?? null},
                 ${now}::timestamp(3), ${now}::timestamp(3)
          FROM "Slot" s
          WHERE s."id" = ${input.slotId}::uuid AND s."serviceId" = ${input.serviceId}::uuid AND s."booked" + s."held" >= s."capacity"
            AND s."releasedAt" <= ${now}::timestamp(3) AND s."withdrawnAt" IS NULL AND s."startsAt" > ${closingLine(now)}::timestamp(3)
            AND NOT EXISTS (SELECT 1 FROM "Appointment" a
                            WHERE a."activeKey" = ${input.subjectId}::uuid::text || ':' || s."serviceId"::text || ':' || to_char(s."date", 'YYYY-MM-DD'))
            AND (SELECT count(*) FROM "WaitlistEntry" w
                 WHERE w."subjectId" = ${input.subjectId}::uuid AND w."status" = 'WAITING'::"WaitlistStatus") < ${MAX_WAITING_ENTRIES}::int
          RETURNING "id"`,
      ]);
      if (rows.length === 0) throw await this.whyNotJoined(input, now);
      return { entry: await this.load(id), created: true };
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (input.idempotencyKey) {
        // The same join raced itself (a retry while the first was in flight): the unique violation
        // is raised once the winner has committed, so it is there to answer.
        const again = await this.findByIdempotencyKey(input.actorId, input.idempotencyKey);
        if (again) return { entry: this.replay(again, input), created: false };
        if (isUniqueViolation(err, 'idempotencyKey')) throw new AppError('CONFLICT');
      }
      if (isUniqueViolation(err, 'activeKey')) throw new AppError('WAITLIST_ALREADY');
      throw err;
    }
  }

  /**
   * Hands the slot's held places to the people waiting, first come first served, one transaction
   * per place; frees them when nobody is left; expires the line once the slot has closed. Safe to
   * run any number of times at once, on any instance (see the top of this file).
   */
  async promote(slotId: string): Promise<PromotionResult> {
    const result: PromotionResult = { promoted: [], skipped: 0, expired: 0, released: 0 };
    if (!(await this.needsPromotion(slotId))) return result;
    for (;;) {
      const step = await this.promoteOne(slotId);
      result.promoted.push(...step.promoted);
      result.skipped += step.skipped;
      result.expired += step.expired;
      result.released += step.released;
      if (step.promoted.length === 0) return result;
    }
  }

  /**
   * promote() for a caller whose own change is already done (a cancel, a move, a left line): a
   * failure is logged, never thrown, and the minute job retries it.
   */
  async promoteQuietly(slotId: string): Promise<Promotion[]> {
    try {
      return (await this.promote(slotId)).promoted;
    } catch (err) {
      this.app.log.warn({ err, slotId }, 'waitlist promotion failed; the appointment job retries it');
      return [];
    }
  }

  /**
   * The minute job: every slot with held places, or with people waiting and either a free place (a
   * join that raced a cancel), or closed (started soon, withdrawn) — promoted, released or expired.
   */
  async runJob(): Promise<{ slots: number; promoted: number; skipped: number; expired: number; released: number; failed: number }> {
    const now = this.app.resources.clock.now();
    const slots = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT s."id" FROM "Slot" s WHERE s."held" > 0
      UNION
      SELECT s."id" FROM "Slot" s JOIN "WaitlistEntry" w ON w."slotId" = s."id" AND w."status" = 'WAITING'::"WaitlistStatus"
      WHERE s."booked" + s."held" < s."capacity" OR s."withdrawnAt" IS NOT NULL OR s."startsAt" <= ${closingLine(now)}::timestamp(3)`;
    const totals = { slots: slots.length, promoted: 0, skipped: 0, expired: 0, released: 0, failed: 0 };
    for (const { id } of slots) {
      try {
        const r = await this.promote(id);
        totals.promoted += r.promoted.length;
        totals.skipped += r.skipped;
        totals.expired += r.expired;
        totals.released += r.released;
      } catch (err) {
        // One slot's failure must not hold up the others; the next run retries it.
        this.app.log.warn({ err, slotId: id }, 'waitlist promotion failed');
        totals.failed += 1;
      }
    }
    return totals;
  }

  /** Leaves the line (WAITING → CANCELLED). A place held for the line goes to the next person, or is freed. */
  async cancel(row: WaitlistEntryRow): Promise<WaitlistEntryRow> {
    const now = this.app.resources.clock.now();
    const cancelled = await this.prisma.$executeRaw`
      UPDATE "WaitlistEntry" SET "status" = 'CANCELLED'::"WaitlistStatus", "activeKey" = NULL, "endedAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
      WHERE "id" = ${row.id}::uuid AND "status" = 'WAITING'::"WaitlistStatus"`;
    if (cancelled === 0) throw refusalToCancel((await this.load(row.id)).status);
    // Were they the last in line, a held place must not stay held until the next job run.
    await this.promoteQuietly(row.slotId);
    return this.load(row.id);
  }

  /** Whose and where (for the policy): one narrow query, as cheap for a missing id as for a real one. */
  owners(id: string) {
    return this.prisma.waitlistEntry.findUnique({ where: { id }, select: OWNER_FACTS });
  }

  find(id: string): Promise<WaitlistEntryRow | null> {
    return this.prisma.waitlistEntry.findUnique({ where: { id }, include: entryInclude });
  }

  load(id: string): Promise<WaitlistEntryRow> {
    return this.prisma.waitlistEntry.findUniqueOrThrow({ where: { id }, include: entryInclude });
  }

  /** One's entries, as the person waiting or the one who joined for them: the latest first. */
  listFor(owned: PersonalObjects): Promise<WaitlistEntryRow[]> {
    return this.prisma.waitlistEntry.findMany({
      where: owned,
      include: entryInclude,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: 50,
    });
  }

  async view(row: WaitlistEntryRow): Promise<WaitlistEntryView> {
    return (await this.views([row]))[0]!;
  }

  /** The entries as their holders see them, with the place in line of those still waiting. */
  async views(rows: WaitlistEntryRow[]): Promise<WaitlistEntryView[]> {
    const waiting = rows.filter((r) => r.status === 'WAITING');
    const positions =
      waiting.length === 0
        ? []
        : await this.prisma.$queryRaw<{ id: string; position: number }[]>`
            SELECT "id", "position" FROM (
              SELECT "id", row_number() OVER (PARTITION BY "slotId" ORDER BY "createdAt", "id")::int AS "position"
              FROM "WaitlistEntry"
              WHERE "slotId" = ANY(${[...new Set(waiting.map((r) => r.slotId))]}::uuid[]) AND "status" = 'WAITING'::"WaitlistStatus") line
            WHERE "id" = ANY(${waiting.map((r) => r.id)}::uuid[])`;
    const positionOf = new Map(positions.map((p) => [p.id, p.position]));
    const { clock } = this.app.resources;
    return rows.map((row) => {
      const { slot } = row;
      const date = clock.businessDate(slot.startsAt);
      return {
        id: row.id,
        status: row.status,
        office: slot.office,
        service: slot.service,
        slot: {
          id: slot.id,
          date,
          start: clock.businessTime(slot.startsAt),
          // A slot ending at midnight ends at 24:00 of its own day, not at 00:00.
          end: clock.businessDate(slot.endsAt) > date ? '24:00' : clock.businessTime(slot.endsAt),
          startsAt: slot.startsAt.toISOString(),
        },
        position: positionOf.get(row.id) ?? null,
        appointmentId: row.appointmentId,
        skipReason: row.skipReason,
        onBehalfOf: row.subjectId !== row.actorId ? (row.subject.name ? maskName(row.subject.name) : '他人') : null,
        createdAt: row.createdAt.toISOString(),
        endedAt: row.endedAt?.toISOString() ?? null,
      };
    });
  }

  /** Whether promote() has anything to do: a cheap read that spares a cancel nobody waits on a transaction. */
  private async needsPromotion(slotId: string): Promise<boolean> {
    const now = this.app.resources.clock.now();
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT s."id" FROM "Slot" s
      WHERE s."id" = ${slotId}::uuid
        AND (s."held" > 0
             OR (EXISTS (SELECT 1 FROM "WaitlistEntry" w WHERE w."slotId" = s."id" AND w."status" = 'WAITING'::"WaitlistStatus")
                 AND (s."booked" + s."held" < s."capacity" OR s."withdrawnAt" IS NOT NULL OR s."startsAt" <= ${closingLine(now)}::timestamp(3))))`;
    return rows.length > 0;
  }

  /**
   * One place, in one transaction holding the slot's row lock: the first person waiting who may
   * book gets it; those who may not are passed over on the way. With nobody waiting the held places
   * are freed; a closed slot's line expires.
   */
  private promoteOne(slotId: string): Promise<PromotionResult> {
    return this.prisma.$transaction(
      async (tx) => {
        const now = this.app.resources.clock.now();
        const [slot] = await tx.$queryRaw<{ capacity: number; booked: number; held: number; startsAt: Date; withdrawnAt: Date | null }[]>`
          SELECT "capacity", "booked", "held", "startsAt", "withdrawnAt" FROM "Slot" WHERE "id" = ${slotId}::uuid FOR NO KEY UPDATE`;
        if (!slot) return NONE;
        if (slot.withdrawnAt !== null || slot.startsAt <= closingLine(now)) {
          const expired = await tx.$executeRaw`
            UPDATE "WaitlistEntry" SET "status" = 'EXPIRED'::"WaitlistStatus", "activeKey" = NULL, "endedAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
            WHERE "slotId" = ${slotId}::uuid AND "status" = 'WAITING'::"WaitlistStatus"`;
          return { ...NONE, expired, released: await release(tx, slotId, slot.held, now) };
        }
        // Held places first; a free place with people waiting (a join that raced a cancel) is theirs too.
        if (slot.booked >= slot.capacity) return NONE;
        let skipped = 0;
        for (;;) {
          // The first in line, locked: a cancel of the entry now waits for this transaction. An entry
          // that stopped waiting while this waited for it is re-checked and passed by (LIMIT sits
          // above the row locking), so this is always the first one still WAITING.
          const [next] = await tx.$queryRaw<{ id: string; subjectId: string; actorId: string; isSuspended: boolean }[]>`
            SELECT w."id", w."subjectId", w."actorId", ${isSuspendedSql(Prisma.raw('w."subjectId"'), Prisma.raw('w."actorId"'), now)} AS "isSuspended"
            FROM "WaitlistEntry" w
            WHERE w."slotId" = ${slotId}::uuid AND w."status" = 'WAITING'::"WaitlistStatus"
            ORDER BY w."createdAt", w."id" LIMIT 1
            FOR UPDATE OF w`;
          if (!next) return { ...NONE, skipped, released: await release(tx, slotId, slot.held, now) };
          const outcome = next.isSuspended ? { skipReason: SKIP_SUSPENDED } : await this.bookFor(tx, slotId, next, now);
          if (typeof outcome === 'string') {
            // 候补成功, written with the promotion (behind its own savepoint: a failed write never undoes
            // it, a rolled-back promotion never tells anyone): to the person and whoever joined for them.
            for (const userId of new Set([next.subjectId, next.actorId])) {
              await notifyAppointment(tx, { kind: 'WAITLIST_PROMOTED', userId, appointmentId: outcome }, this.app);
            }
            return { ...NONE, skipped, promoted: [{ entryId: next.id, appointmentId: outcome, subjectId: next.subjectId }] };
          }
          await tx.$executeRaw`
            UPDATE "WaitlistEntry" SET "status" = 'SKIPPED'::"WaitlistStatus", "activeKey" = NULL, "skipReason" = ${outcome.skipReason},
                   "endedAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
            WHERE "id" = ${next.id}::uuid`;
          skipped += 1;
        }
      },
      // Promotions of one slot queue on its lock, each holding a connection: allow for the wait.
      { maxWait: 10_000, timeout: 20_000 },
    );
  }

  /**
   * Books the place for the entry's person in one statement, as booking does (the place, the quota
   * under its CHECK, the unique activeKey, the appointment and its event) and marks the entry
   * PROMOTED. Behind a savepoint: a booking rule's refusal undoes only this attempt and is returned.
   */
  private async bookFor(tx: Tx, slotId: string, entry: { id: string; subjectId: string; actorId: string }, now: Date): Promise<string | { skipReason: string }> {
    for (let attempt = 1; ; attempt += 1) {
      const appointmentId = randomUUID();
      await tx.$executeRaw`SAVEPOINT promotion`;
      try {
        const rows = await tx.$queryRaw<{ id: string }[]>`
          WITH won AS (
            UPDATE "Slot" SET "booked" = "booked" + 1, "held" = GREATEST("held" - 1, 0), "updatedAt" = ${now}::timestamp(3)
            WHERE "id" = ${slotId}::uuid AND "booked" < "capacity"
            RETURNING "id", "officeId", "serviceId", "date", "startsAt"),
          ${bookWonPlace({
            appointmentId,
            subjectId: entry.subjectId,
            actorId: entry.actorId,
            idempotencyKey: null,
            now,
            eventDetail: Prisma.sql`jsonb_build_object('slotId', "slotId", 'via', 'WAITLIST', 'waitlistEntryId', ${entry.id}::text)`,
          })},
          promoted AS (
            UPDATE "WaitlistEntry" w SET "status" = 'PROMOTED'::"WaitlistStatus", "activeKey" = NULL, "appointmentId" = appointment."id",
                   "promotedAt" = ${now}::timestamp(3), "endedAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
            FROM appointment WHERE w."id" = ${entry.id}::uuid)
          SELECT "id" FROM appointment`;
        // The caller saw a place under the slot's lock: none now would be a bug, not a refusal.
        if (rows.length === 0) throw new Error(`waitlist promotion found no place in slot ${slotId}`);
        await tx.$executeRaw`RELEASE SAVEPOINT promotion`;
        return rows[0]!.id;
      } catch (err) {
        if (!(err instanceof Prisma.PrismaClientKnownRequestError)) throw err;
        await tx.$executeRaw`ROLLBACK TO SAVEPOINT promotion`;
        if (isLimitTotal(err)) return { skipReason: SKIP_LIMIT_TOTAL };
        if (isLimitServiceDay(err)) return { skipReason: SKIP_LIMIT_SERVICE_DAY };
        if (isCodeTaken(err) && attempt < CODE_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  /** Why the conditional insert took no entry, from the facts as they are now. */
  private async whyNotJoined(input: JoinInput, now: Date): Promise<AppError> {
    const slot = await this.slotFacts(input.slotId);
    refuseUnwaitable(slot, input.serviceId, now);
    const serviceDayKey = `${input.subjectId}:${slot!.serviceId}:${slot!.date.toISOString().slice(0, 10)}`;
    const [already, sameDay, waiting] = await Promise.all([
      this.prisma.waitlistEntry.findUnique({ where: { activeKey: `${input.subjectId}:${input.slotId}` }, select: { id: true } }),
      this.prisma.appointment.findUnique({ where: { activeKey: serviceDayKey }, select: { id: true } }),
      this.prisma.waitlistEntry.count({ where: { subjectId: input.subjectId, status: 'WAITING' } }),
    ]);
    if (already) return new AppError('WAITLIST_ALREADY');
    if (sameDay) return new AppError('APPOINTMENT_LIMIT_SERVICE_DAY');
    if (waiting >= MAX_WAITING_ENTRIES) return new AppError('WAITLIST_LIMIT');
    return new AppError('CONFLICT');
  }

  private slotFacts(slotId: string): Promise<SlotFacts | null> {
    return this.prisma.slot.findUnique({
      where: { id: slotId },
      select: { serviceId: true, date: true, startsAt: true, releasedAt: true, withdrawnAt: true, capacity: true, booked: true, held: true },
    });
  }

  private findByIdempotencyKey(actorId: string, idempotencyKey: string): Promise<WaitlistEntryRow | null> {
    return this.prisma.waitlistEntry.findUnique({ where: { actorId_idempotencyKey: { actorId, idempotencyKey } }, include: entryInclude });
  }

  private replay(row: WaitlistEntryRow, input: JoinInput): WaitlistEntryRow {
    // A key names one request: reusing it for another join is a client bug, not a retry.
    if (row.slotId !== input.slotId || row.serviceId !== input.serviceId || row.subjectId !== input.subjectId) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return row;
  }
}

/** Frees a slot's held places (nobody left to take them); how many. */
async function release(tx: Tx, slotId: string, held: number, now: Date): Promise<number> {
  if (held === 0) return 0;
  await tx.$executeRaw`UPDATE "Slot" SET "held" = 0, "updatedAt" = ${now}::timestamp(3) WHERE "id" = ${slotId}::uuid`;
  return held;
}

/** Throws why nobody can wait for this slot now: it is not there, not open to booking, or not full. */
function refuseUnwaitable(slot: SlotFacts | null, serviceId: string, now: Date): void {
  if (!slot) throw new AppError('NOT_FOUND', '没有找到该时段');
  if (slot.serviceId !== serviceId) throw new AppError('VALIDATION_FAILED', '该时段不属于所选事项', [{ field: 'body.slotId', rule: 'service' }]);
  if (slot.withdrawnAt !== null) throw new AppError('SLOT_WITHDRAWN');
  if (slot.startsAt <= now) throw new AppError('SLOT_PAST');
  if (slot.releasedAt > now) throw new AppError('SLOT_NOT_RELEASED');
  if (slot.startsAt <= closingLine(now)) throw new AppError('SLOT_PAST', `该时段${WAITLIST_CLOSES_MINUTES}分钟内即将开始，不再接受候补`);
  if (slot.booked + slot.held < slot.capacity) throw new AppError('WAITLIST_SLOT_OPEN');
}

function refusalToCancel(status: string): AppError {
  if (status === 'PROMOTED') return new AppError('WAITLIST_STATE', '候补已成功，如不需要请取消对应的预约');
  if (status === 'CANCELLED') return new AppError('WAITLIST_STATE', '该候补已取消');
  return new AppError('WAITLIST_STATE', '该候补已结束');
}

/** The minute job's step (jobs.ts): promote, free and expire what the routes' promotions left. */
export const waitlistJobStep: AppointmentJobStep = {
  name: 'waitlist',
  run: (app) => new WaitlistService(app).runJob(),
};
