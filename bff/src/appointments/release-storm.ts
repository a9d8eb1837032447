// What keeps a release storm (放号: thousands of people booking the same few slots at one instant,
// DESIGN.md §7) off the database pool. Without these, each of 5,000 attempts sent one or two
// queries; they queued for the pool's 20 connections longer than its 5-s wait and the tail of the
// crowd got 503s instead of clean refusals (bench/storm.ts).
//
// Neither decides anything about places: the booking statement does (booking/statements.ts). They only spare
// the database questions whose answer is already known, and never answer from a stale state.
import { AppError } from '../lib/errors';
import type { PrismaClient } from '@palm/db/client';

interface Line {
  /** Attempts of this slot running now (at most `perSlot`). */
  running: number;
  /** Attempts waiting for a turn, in arrival order. */
  waiting: Array<() => void>;
  /** The sequence number at which the latest attempt that found the slot full started (0: none). */
  fullAt: number;
}

/**
 * Lets `perSlot` booking attempts of one slot run at a time in this process; the others wait here
 * rather than in the database pool (the slot's row lock would serialise them there anyway). When an
 * attempt finds the slot full (throws SLOT_FULL), every attempt that was already waiting when it
 * started is refused SLOT_FULL at its turn without a query: the slot was full at a moment during
 * each of those requests, which is all a refusal may claim. Attempts that arrive later run their
 * own. A slot with nothing running or waiting is forgotten, so no verdict outlives its crowd.
 */
export class SlotGate {
  private readonly lines = new Map<string, Line>();
  private seq = 0;

  constructor(private readonly perSlot = 1) {}

  async run<T>(slotId: string, attempt: () => Promise<T>): Promise<T> {
    const arrived = (this.seq += 1);
    let line = this.lines.get(slotId);
    if (!line) {
      line = { running: 0, waiting: [], fullAt: 0 };
      this.lines.set(slotId, line);
    }
    const mine = line;
    if (mine.running < this.perSlot) mine.running += 1;
    // A finishing attempt hands its turn over (running stays as it is).
    else await new Promise<void>((resolve) => mine.waiting.push(resolve));
    try {
      if (mine.fullAt > arrived) throw new AppError('SLOT_FULL');
      const started = (this.seq += 1);
      try {
        return await attempt();
      } catch (err) {
        if (err instanceof AppError && err.code === 'SLOT_FULL') mine.fullAt = Math.max(mine.fullAt, started);
        throw err;
      }
    } finally {
      const next = mine.waiting.shift();
      if (next) next();
      else if ((mine.running -= 1) === 0) this.lines.delete(slotId);
    }
  }

  /** Slots with attempts running or waiting (for tests). */
  get size(): number {
    return this.lines.size;
  }
}

interface Wanted {
  actorId: string;
  key: string;
  resolve: (id: string | null) => void;
  reject: (err: unknown) => void;
}

/** Keys asked together in one query at most. */
const BATCH = 500;

/**
 * Which appointment an (actor, Idempotency-Key) pair booked, if any. The lookups of one event-loop
 * turn go to the database as one query: a refused crowd asks together (every refusal must first
 * rule out a retry of a booking that succeeded, booking/service.ts), not once each.
 */
export class IdempotencyLookup {
  private pending: Wanted[] = [];

  constructor(private readonly prisma: PrismaClient) {}

  find(actorId: string, key: string): Promise<string | null> {
    return new Promise((resolve, reject) => {
      this.pending.push({ actorId, key, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0, BATCH);
    if (this.pending.length > 0) setImmediate(() => void this.flush());
    try {
      const rows = await this.prisma.$queryRaw<{ id: string; actorId: string; key: string }[]>`
        SELECT a."id", a."actorId"::text AS "actorId", a."idempotencyKey" AS "key"
          FROM unnest(${batch.map((w) => w.actorId)}::uuid[], ${batch.map((w) => w.key)}::text[]) AS k("actorId", "key")
          JOIN "Appointment" a ON a."actorId" = k."actorId" AND a."idempotencyKey" = k."key"`;
      const found = new Map(rows.map((r) => [`${r.actorId} ${r.key}`, r.id]));
      for (const w of batch) w.resolve(found.get(`${w.actorId} ${w.key}`) ?? null);
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }
}
