// 候补: waiting for a full slot, and handing each place freed in it to the first person waiting, in
// order, never twice (the lock protocol: promotion.ts; the SQL: statements.ts). Decorated as
// `app.waitlist` (../index.ts).
import { randomUUID } from 'node:crypto';
import { MAX_WAITING_ENTRIES } from '@palm/shared';
import type { WaitlistEntry as WaitlistEntryView } from '@palm/shared/server';
import type { FastifyInstance } from 'fastify';
import type { PrismaClient } from '@palm/db/client';
import { OWNER_FACTS, type PersonalObjects } from '../../policy/kit';
import { isUniqueViolation } from '../../lib/constraints';
import { AppError } from '../../lib/errors';
import { promoteOne, type Promotion, type PromotionResult } from './promotion';
import { refusalToCancel, refuseUnwaitable, type SlotFacts } from './rules';
import { joinLine, leaveLine, positionsInLine, slotNeedsPromotion, slotsToPromote } from './statements';
import { entryInclude, entryView, type WaitlistEntryRow } from './view';

export interface JoinInput {
  slotId: string;
  serviceId: string;
  /** Who waits. */
  subjectId: string;
  /** Who joins (the subject, or someone with an APPOINTMENT grant). */
  actorId: string;
  idempotencyKey?: string;
}

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
      const rows = await joinLine(this.prisma, { ...input, id, idempotencyKey: input.idempotencyKey ?? null, now });
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
   * run any number of times at once, on any instance (promotion.ts).
   */
  async promote(slotId: string): Promise<PromotionResult> {
    const result: PromotionResult = { promoted: [], skipped: 0, expired: 0, released: 0 };
    // A cheap read that spares a cancel nobody waits on a transaction.
    if (!(await slotNeedsPromotion(this.prisma, slotId, this.app.resources.clock.now()))) return result;
    for (;;) {
      const step = await promoteOne(this.app, slotId);
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
    const slots = await slotsToPromote(this.prisma, this.app.resources.clock.now());
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
    const cancelled = await leaveLine(this.prisma, row.id, this.app.resources.clock.now());
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
    const positions = waiting.length === 0 ? [] : await positionsInLine(this.prisma, [...new Set(waiting.map((r) => r.slotId))], waiting.map((r) => r.id));
    const positionOf = new Map(positions.map((p) => [p.id, p.position]));
    return rows.map((row) => entryView(row, positionOf.get(row.id) ?? null, this.app.resources.clock));
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
