// The window's side of the queue (DESIGN.md §4): call the next number for a counter (priority
// order with the anti-starvation rule), recall, skip (过号), start, finish, and the holder's one
// rejoin behind three others. Every step is a conditional UPDATE on the ticket's current status,
// so two windows never call the same ticket and an illegal step is a 409 with the reason.
import {
  chooseNext,
  DEFAULT_QUEUE_SETTINGS,
  nextServiceTime,
  REJOIN_BEHIND,
  SERVICE_TIME_ALPHA,
  TICKET_TRANSITIONS,
  type TicketAction,
  type TicketStatusKey,
} from '@palm/shared';
import type { FastifyInstance } from 'fastify';
import type { Prisma } from '@palm/db/client';
import { endAppointmentOfTicket } from '../appointments/ticket-end';
import { isUniqueViolation } from '../lib/constraints';
import { AppError } from '../lib/errors';
import { NOT_FOUND_MESSAGES } from '../policy/rules';
import { illegalStep, VERBS } from './status';
import { activeKeyOf, type TicketRow, type TicketService } from './tickets';

export class CallingService {
  constructor(
    private readonly app: FastifyInstance,
    private readonly tickets: TicketService,
  ) {}

  private now(): Date {
    return this.app.resources.clock.now();
  }

  /** Live views refresh, and "turn is near" is evaluated, after every change at an office. */
  private changed(officeId: string): void {
    this.app.live.publish(officeId);
    this.app.notify.enqueuer.queueChanged(officeId);
  }

  /** A counter, or null (for the policy to judge: a missing one answers like one of another office). */
  findCounter(id: string) {
    return this.app.prisma.counter.findUnique({ where: { id } });
  }

  /** Loads a counter, or 404. */
  async counter(id: string) {
    const counter = await this.findCounter(id);
    if (!counter) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGES.counter);
    return counter;
  }

  /**
   * 开窗 / 暂停 / 关窗. A window with a number at it (CALLED or SERVING) cannot close — the person
   * would be left at a shut window; pausing (no new calls) is fine. Closing hands the numbers
   * transferred to this window back to every window of their letter.
   */
  async setCounterState(counterId: string, state: 'OPEN' | 'PAUSED' | 'CLOSED', clerkId: string) {
    // A window the hall retired (admin console) is never worked again.
    const retired = await this.app.prisma.counter.findFirst({ where: { id: counterId, retiredAt: { not: null } }, select: { id: true } });
    if (retired) throw new AppError('CONFLICT', '该窗口已停用，请使用其他窗口');
    if (state === 'CLOSED') {
      const busy = await this.app.prisma.ticket.findFirst({ where: { counterId, status: { in: ['CALLED', 'SERVING'] } }, select: { displayNumber: true } });
      if (busy) throw new AppError('COUNTER_BUSY', `请先办结、过号或转办 ${busy.displayNumber}，再关窗`);
    }
    const counter = await this.app.prisma.$transaction(async (tx) => {
      if (state === 'CLOSED') await tx.ticket.updateMany({ where: { counterId, status: 'WAITING' }, data: { counterId: null } });
      // The clerk who works a window keeps it when it closes (lunch, the evening): it is still theirs
      // the next morning (GET /api/counters: isMine), until another clerk works it.
      return tx.counter.update({ where: { id: counterId }, data: { state, clerkId } });
    });
    // Open windows change everyone's estimate.
    this.changed(counter.officeId);
    return counter;
  }

  /**
   * Calls the next waiting ticket of the letters this counter serves. Null when nobody waits. A
   * ticket another window called a moment earlier is skipped over (the conditional update loses).
   */
  async callNext(counterId: string, clerkId: string): Promise<TicketRow | null> {
    const counter = await this.counter(counterId);
    if (counter.state !== 'OPEN') throw new AppError('COUNTER_NOT_OPEN');
    const businessDate = new Date(`${this.app.resources.clock.businessDate()}T00:00:00Z`);
    const busy = await this.app.prisma.ticket.findFirst({ where: { counterId, status: { in: ['CALLED', 'SERVING'] } }, select: { displayNumber: true } });
    if (busy) throw new AppError('COUNTER_BUSY', `请先办结或过号 ${busy.displayNumber}，再叫下一位`);
    const settings = (await this.app.prisma.officeQueueSettings.findUnique({ where: { officeId: counter.officeId } })) ?? DEFAULT_QUEUE_SETTINGS;
    const scope: Prisma.TicketWhereInput = { officeId: counter.officeId, businessDate, letter: { in: counter.categories } };

    for (let attempt = 0; attempt < 5; attempt += 1) {
      const [waiting, recent] = await Promise.all([
        // Waiting for any window of these letters, or transferred to this one in particular.
        this.app.prisma.ticket.findMany({
          where: { ...scope, status: 'WAITING', OR: [{ counterId: null }, { counterId }] },
          select: { id: true, priority: true, queuedAt: true },
        }),
        // How many of the latest calls in a row (for these letters) went to priority tickets.
        this.app.prisma.ticket.findMany({
          where: { ...scope, calledAt: { not: null } },
          select: { priority: true },
          orderBy: { calledAt: 'desc' },
          take: settings.maxPriorityStreak,
        }),
      ]);
      const streakEnd = recent.findIndex((t) => t.priority === 'NORMAL');
      const streak = streakEnd === -1 ? recent.length : streakEnd;
      const next = chooseNext(
        waiting.map((w) => ({ id: w.id, priority: w.priority, queuedAt: w.queuedAt.getTime() })),
        streak,
        settings.maxPriorityStreak,
      );
      if (!next) return null;
      const now = this.now();
      const won = await this.app.prisma.$transaction(async (tx) => {
        const { count } = await tx.ticket.updateMany({ where: { id: next.id, status: 'WAITING' }, data: { status: 'CALLED', counterId, calledAt: now } });
        if (count === 1) {
          await tx.ticketEvent.create({ data: { ticketId: next.id, type: 'CALLED', actorId: clerkId, counterId, at: now } });
          await this.app.notify.enqueuer.enqueueCalled(tx, next.id);
        }
        return count === 1;
      });
      if (won) {
        this.changed(counter.officeId);
        return this.tickets.load(next.id);
      }
    }
    throw new AppError('CONFLICT', '叫号太频繁，请稍后再试');
  }

  /** One step on one ticket: allowed only from the statuses of TICKET_TRANSITIONS. */
  private async step(
    ticket: TicketRow,
    action: TicketAction,
    actorId: string,
    data: Prisma.TicketUncheckedUpdateManyInput,
    detail?: Prisma.InputJsonValue,
    /** Written in the step's transaction once it has happened (the recall's notification). */
    alsoIn?: (tx: Prisma.TransactionClient) => Promise<void>,
  ): Promise<TicketRow> {
    const from = TICKET_TRANSITIONS[action] as readonly TicketStatusKey[];
    if (!from.includes(ticket.status)) throw illegalStep(ticket.status, VERBS[action]);
    const now = this.now();
    const done = await this.app.prisma.$transaction(async (tx) => {
      const { count } = await tx.ticket.updateMany({ where: { id: ticket.id, status: { in: [...from] } }, data });
      if (count === 1) {
        await tx.ticketEvent.create({ data: { ticketId: ticket.id, type: action.toUpperCase(), actorId, counterId: ticket.counterId, at: now, detail } });
        await alsoIn?.(tx);
      }
      return count === 1;
    });
    const current = await this.tickets.load(ticket.id);
    if (!done) throw illegalStep(current.status, VERBS[action]);
    this.changed(ticket.officeId);
    return current;
  }

  recall(ticket: TicketRow, clerkId: string) {
    // calledAt stays the first call: the real wait (for the estimate's accuracy) and the
    // anti-starvation order count from it. The board sees the recall by its count.
    return this.step(ticket, 'recall', clerkId, { recallCount: { increment: 1 } }, undefined, (tx) =>
      this.app.notify.enqueuer.enqueueCalled(tx, ticket.id),
    );
  }

  /** 过号: the place is given up; the holder may rejoin once (rejoin below). */
  skip(ticket: TicketRow, clerkId: string) {
    return this.step(ticket, 'skip', clerkId, { status: 'SKIPPED', skippedAt: this.now(), activeKey: null });
  }

  start(ticket: TicketRow, clerkId: string) {
    return this.step(ticket, 'start', clerkId, { status: 'SERVING', startedAt: this.now() });
  }

  /** Done: the real service time feeds the service's EWMA (α 0.2), the estimate's input. */
  // One statement in the step's transaction: two windows finishing at once both count, and the
  // estimate pushed live after the finish already uses the new average.
  async finish(ticket: TicketRow, clerkId: string): Promise<TicketRow> {
    const now = this.now();
    const minutes = ticket.startedAt ? Math.max(0, (now.getTime() - ticket.startedAt.getTime()) / 60_000) : null;
    return this.step(ticket, 'finish', clerkId, { status: 'DONE', finishedAt: now, activeKey: null }, undefined, async (tx) => {
      // A checked-in appointment is DONE with its number, quota given back (appointments/ticket-end.ts).
      if (ticket.channel === 'APPOINTMENT') await endAppointmentOfTicket(tx, { id: ticket.id, status: 'DONE' }, clerkId, now);
      if (minutes === null) return;
      const first = nextServiceTime(ticket.service.meanHandlingMinutes, minutes);
      await tx.$executeRaw`
        INSERT INTO "ServiceTimeStat" ("serviceId", "ewmaMinutes", "samples", "updatedAt")
        VALUES (${ticket.serviceId}::uuid, ${first}::float8, 1, ${now}::timestamp(3))
        ON CONFLICT ("serviceId") DO UPDATE SET
          "ewmaMinutes" = ${SERVICE_TIME_ALPHA}::float8 * ${minutes}::float8 + (1 - ${SERVICE_TIME_ALPHA}::float8) * "ServiceTimeStat"."ewmaMinutes",
          "samples" = "ServiceTimeStat"."samples" + 1,
          "updatedAt" = ${now}::timestamp(3)`;
    });
  }

  /** A number for someone at the window (no phone, no account): never refused, no capacity check. */
  async walkIn(counterId: string, serviceId: string, clerkId: string, idempotencyKey?: string): Promise<{ ticket: TicketRow; created: boolean }> {
    const counter = await this.counter(counterId);
    return this.tickets.issue({ officeId: counter.officeId, serviceId, subjectId: null, actorId: clerkId, channel: 'WINDOW', idempotencyKey });
  }

  /**
   * 转办 to another service and/or counter of the same office: the ticket is retired and a new one
   * (new number, same priority, same place in line) waits — for that counter only, if one is named,
   * which must be open or paused and serve the new number's letter (else nobody would ever call it).
   * The new number is still the holder's: same subject, taker and channel; the clerk is in its log.
   */
  async transfer(ticket: TicketRow, target: { serviceId?: string; counterId?: string }, clerkId: string): Promise<TicketRow> {
    if (!(TICKET_TRANSITIONS.transfer as readonly TicketStatusKey[]).includes(ticket.status)) throw illegalStep(ticket.status, VERBS.transfer);
    const serviceId = target.serviceId ?? ticket.serviceId;
    if (target.counterId) {
      const [counter, service] = await Promise.all([
        this.counter(target.counterId),
        this.app.prisma.service.findUnique({ where: { id: serviceId }, select: { categoryLetter: true } }),
      ]);
      if (counter.officeId !== ticket.officeId) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGES.counter);
      if (counter.state === 'CLOSED') throw new AppError('COUNTER_NOT_OPEN', `${counter.number} 号窗口已关闭，请转到开放的窗口`);
      if (service && !counter.categories.includes(service.categoryLetter)) {
        throw new AppError('COUNTER_WRONG_SERVICE', `${counter.number} 号窗口不办理该类业务，请选择其他窗口`);
      }
    }
    const { ticket: next } = await this.tickets.issue({
      officeId: ticket.officeId,
      serviceId,
      subjectId: ticket.subjectId,
      actorId: ticket.actorId,
      eventActorId: clerkId,
      channel: ticket.channel,
      transferFrom: { id: ticket.id, priority: ticket.priority, queuedAt: ticket.queuedAt, counterId: target.counterId ?? null },
    });
    return next;
  }

  /**
   * 过号后重新排队, once: back in line behind the next REJOIN_BEHIND (3) people waiting for the same
   * letter — placed just after the third one's place — or at the end if fewer wait.
   */
  async rejoin(ticket: TicketRow, actorId: string): Promise<TicketRow> {
    if (ticket.status !== 'SKIPPED') throw illegalStep(ticket.status, VERBS.rejoin);
    if (ticket.rejoined) throw new AppError('TICKET_STATE', '过号后只能重新排队一次，请重新取号');
    const ahead = await this.app.prisma.ticket.findMany({
      where: { officeId: ticket.officeId, businessDate: ticket.businessDate, letter: ticket.letter, status: 'WAITING', priority: 'NORMAL' },
      orderBy: { queuedAt: 'asc' },
      take: REJOIN_BEHIND,
      select: { queuedAt: true },
    });
    const now = this.now();
    const queuedAt = ahead.length === REJOIN_BEHIND ? new Date(ahead[REJOIN_BEHIND - 1]!.queuedAt.getTime() + 1) : now;
    const activeKey = ticket.subjectId ? activeKeyOf(ticket.subjectId, ticket.officeId, ticket.serviceId, ticket.businessDate) : null;
    try {
      return await this.step(ticket, 'rejoin', actorId, { status: 'WAITING', rejoined: true, queuedAt, counterId: null, calledAt: null, activeKey });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('TICKET_ALREADY_ACTIVE');
      throw err;
    }
  }
}
