// Handing each place freed in a full slot to the first person waiting, in order, never twice.
//
// - A place freed (cancel, move) in a slot with people waiting is held for them rather than freed
//   (booking's WAITERS_HOLD): `held` counts it and nobody can book it (bookable = capacity −
//   booked − held).
// - Promotion hands the held places out, one transaction per place, each holding the slot's row
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
//   before the start nobody is promoted (rules.ts); the entries EXPIRE and the held places are
//   freed for anyone to book. A withdrawn slot expires its entries.
import { randomUUID } from 'node:crypto';
import { MAX_ACTIVE_APPOINTMENTS } from '@palm/shared';
import type { FastifyInstance } from 'fastify';
import { Prisma } from '@palm/db/client';
import { notifyAppointment } from '../../notify/appointments';
import { isCodeTaken, isLimitServiceDay, isLimitTotal } from '../booking';
import { closingLine } from './rules';
import { bookForEntry, expireLine, firstInLine, lockSlot, releaseHeld, skipEntry, type WaitingEntry } from './statements';

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

type Tx = Prisma.TransactionClient;
export const NONE: PromotionResult = { promoted: [], skipped: 0, expired: 0, released: 0 };
/** Attempts at a fresh appointment code when a random one is taken (as booking). */
const CODE_ATTEMPTS = 4;

const SKIP_SUSPENDED = '候补到名额时在线预约处于暂停期，未能为您预约';
const SKIP_LIMIT_TOTAL = `候补到名额时您已有${MAX_ACTIVE_APPOINTMENTS}个未完成的预约，未能为您预约`;
const SKIP_LIMIT_SERVICE_DAY = '候补到名额时您当天已有这项业务的预约，未能为您预约';

/**
 * One place, in one transaction holding the slot's row lock: the first person waiting who may
 * book gets it; those who may not are passed over on the way. With nobody waiting the held places
 * are freed; a closed slot's line expires.
 */
export function promoteOne(app: FastifyInstance, slotId: string): Promise<PromotionResult> {
  return app.prisma.$transaction(
    async (tx) => {
      const now = app.resources.clock.now();
      const slot = await lockSlot(tx, slotId);
      if (!slot) return NONE;
      if (slot.withdrawnAt !== null || slot.startsAt <= closingLine(now)) {
        const expired = await expireLine(tx, slotId, now);
        return { ...NONE, expired, released: await releaseHeld(tx, slotId, slot.held, now) };
      }
      // Held places first; a free place with people waiting (a join that raced a cancel) is theirs too.
      if (slot.booked >= slot.capacity) return NONE;
      let skipped = 0;
      for (;;) {
        const next = await firstInLine(tx, slotId, now);
        if (!next) return { ...NONE, skipped, released: await releaseHeld(tx, slotId, slot.held, now) };
        const outcome = next.isSuspended ? { skipReason: SKIP_SUSPENDED } : await bookFor(tx, slotId, next, now);
        if (typeof outcome === 'string') {
          // 候补成功, written with the promotion (behind its own savepoint: a failed write never undoes
          // it, a rolled-back promotion never tells anyone): to the person and whoever joined for them.
          for (const userId of new Set([next.subjectId, next.actorId])) {
            await notifyAppointment(tx, { kind: 'WAITLIST_PROMOTED', userId, appointmentId: outcome }, app);
          }
          return { ...NONE, skipped, promoted: [{ entryId: next.id, appointmentId: outcome, subjectId: next.subjectId }] };
        }
        await skipEntry(tx, next.id, outcome.skipReason, now);
        skipped += 1;
      }
    },
    // Promotions of one slot queue on its lock, each holding a connection: allow for the wait.
    { maxWait: 10_000, timeout: 20_000 },
  );
}

/**
 * Books the place for the entry's person (statements.ts bookForEntry) and marks the entry
 * PROMOTED. Behind a savepoint: a booking rule's refusal undoes only this attempt and is returned.
 */
async function bookFor(tx: Tx, slotId: string, entry: WaitingEntry, now: Date): Promise<string | { skipReason: string }> {
  for (let attempt = 1; ; attempt += 1) {
    await tx.$executeRaw`SAVEPOINT promotion`;
    try {
      const rows = await bookForEntry(tx, { slotId, appointmentId: randomUUID(), entry, now });
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
