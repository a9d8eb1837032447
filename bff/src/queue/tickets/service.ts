// Queue tickets (排队叫号, DESIGN.md §3–§4): taking a number and where a ticket stands. The number
// and the day's capacity are decided by PostgreSQL in the take's one statement (statements.ts), so
// under any concurrency no number repeats or is skipped, capacity is never exceeded, and a refused
// take gives everything back. Decorated as `app.tickets` (../index.ts).
import { randomUUID } from 'node:crypto';
import {
  ageOn,
  DEFAULT_QUEUE_SETTINGS,
  ELDERLY_PRIORITY_AGE,
  estimateWait,
  peopleAhead as countAhead,
  type QueueCandidate,
  type QueueSettings,
  type TicketChannelKey,
  type TicketPriorityKey,
} from '@palm/shared';
import type { Ticket as TicketView } from '@palm/shared/server';
import type { FastifyInstance } from 'fastify';
import type { PrismaClient } from '@palm/db/client';
import { calendarCacheFor } from '../../catalogue/calendar';
import { officeOpenStatus } from '../../catalogue/hours';
import { OWNER_FACTS, type PersonalObjects } from '../../policy/kit';
import { isUniqueViolation } from '../../lib/constraints';
import { AppError } from '../../lib/errors';
import { illegalStep } from '../status';
import { activeKeyOf, cancelTicket, readTakeFacts, takeNumber, type TakeFacts } from './statements';
import { lineStanding, mayBeNear, standingOf, viewOf, viewsOf } from './standing';
import { isoDate, ticketInclude, toView, type Standing, type TicketColumns, type TicketRow } from './view';

/**
 * Channels that take a number from afar: only while the hall is open and within today's capacity.
 * Not APPOINTMENT: that number is a check-in on site inside the booked slot's window (the slot was
 * its capacity and lies within the hall's hours; check-in opens 30 minutes before the start, which
 * may be before the doors open, and must work then), so like a walk-in it is never refused for
 * the hours or the remote capacity (appointments/check-in.ts).
 */
const REMOTE_CHANNELS: readonly TicketChannelKey[] = ['ONLINE', 'PROXY'];

export interface IssueInput {
  officeId: string;
  serviceId: string;
  /** Who is served (null for a walk-in without an account). */
  subjectId: string | null;
  /** Who took it (null at a kiosk). */
  actorId: string | null;
  /** Who did this step, when not the taker (a clerk's 转办 keeps the taker and is logged as the clerk's). */
  eventActorId?: string;
  channel: TicketChannelKey;
  idempotencyKey?: string;
  /**
   * 转办: the ticket (CALLED or SERVING) this one replaces, in the same statement. The new ticket
   * keeps its priority and its place in line (queuedAt) and may be reserved for one counter.
   */
  transferFrom?: { id: string; priority: TicketPriorityKey; queuedAt: Date; counterId: string | null };
}

const utcDate = (date: string) => new Date(`${date}T00:00:00Z`);
/**
 * The subject's lane: DISABLED with a 残疾人证 valid today (an e-licence from the issuer, licences/),
 * else ELDERLY from the ID's birth date (60+), else NORMAL. Both priority lanes rank alike (DESIGN.md
 * §4): DISABLED first only names the stronger fact.
 */
const priorityFrom = (birthDate: Date | null | undefined, today: string, disabled: boolean): TicketPriorityKey =>
  disabled ? 'DISABLED' : birthDate && ageOn(isoDate(birthDate), today) >= ELDERLY_PRIORITY_AGE ? 'ELDERLY' : 'NORMAL';

/** The hall's queue settings from a take's facts: the defaults when the hall has no row (as settingsOf). */
const settingsFrom = ({ nearPeopleAhead, nearMinutes, maxPriorityStreak }: TakeFacts): QueueSettings =>
  nearPeopleAhead === null || nearMinutes === null || maxPriorityStreak === null ? DEFAULT_QUEUE_SETTINGS : { nearPeopleAhead, nearMinutes, maxPriorityStreak };

export class TicketService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  /**
   * Takes a number; `created` is false when an Idempotency-Key replays an earlier take. A new
   * ticket comes with its view (place and estimate), already computed to record the estimate.
   * Two statements: one read (readTakeFacts) and the one that takes the number and stores the
   * estimate. The place in line is counted from the waiting line as read just before the take, so
   * a change in that line committed between the read and the take (another take racing for the
   * same letter, a call) is not in it — view() right after may differ by those few tickets.
   */
  async issue(input: IssueInput): Promise<{ ticket: TicketRow; created: boolean; view?: TicketView }> {
    const { clock } = this.app.resources;
    const at = clock.businessDateTime();
    const businessDate = utcDate(at.date);
    const from = input.transferFrom;
    const facts = await readTakeFacts(this.prisma, { ...input, transferCounterId: from?.counterId ?? null }, at.date, businessDate);
    const settings = settingsFrom(facts);
    if (facts.replayId) {
      const replay = await this.find(facts.replayId);
      if (replay) return this.replay(replay, input);
    }
    if (facts.capacity === null) throw new AppError(facts.officeFound ? 'SERVICE_NOT_OFFERED' : 'NOT_FOUND');
    // A transfer happens at a window, whatever channel the number first came by: no hours check.
    const isRemote = !from && REMOTE_CHANNELS.includes(input.channel);
    if (isRemote) {
      const calendar = await calendarCacheFor(this.app.resources).get();
      const office = { weeklyHours: facts.weeklyHours, openOnHolidays: facts.openOnHolidays!, exceptions: facts.exceptions.map((e) => ({ ...e, date: utcDate(e.date) })) };
      if (!officeOpenStatus(office, calendar, at).openNow) throw new AppError('OFFICE_CLOSED');
    }
    // A checked-in appointment is served first within its window (DESIGN.md §4 "Queue").
    const priority = from?.priority ?? (input.channel === 'APPOINTMENT' ? 'APPOINTMENT' : priorityFrom(facts.birthDate, at.date, facts.disabled));

    const now = clock.now();
    // The id is chosen here so that the new ticket's place in line — from the waiting line read
    // above, exactly as view() counts it — goes into the same statement with its estimate.
    const ticketId = randomUUID();
    const queuedAt = from?.queuedAt ?? now;
    const waiting = facts.waiting.map(([id, p, ms]) => ({ id, priority: p, queuedAt: ms }));
    const ahead = countAhead({ id: ticketId, priority, queuedAt: queuedAt.getTime() }, waiting);
    const serviceMinutes = facts.ewmaMinutes ?? facts.meanHandlingMinutes!;
    const standing: Standing = { peopleAhead: ahead, estimate: estimateWait(ahead, serviceMinutes, facts.openCounters) };
    let rows: TicketColumns[];
    try {
      rows = await takeNumber(this.prisma, {
        ticketId,
        officeId: input.officeId,
        serviceId: input.serviceId,
        subjectId: input.subjectId,
        actorId: input.actorId,
        eventActorId: input.eventActorId ?? input.actorId,
        channel: input.channel,
        priority,
        letter: facts.letter!,
        businessDate,
        queuedAt,
        now,
        activeKey: input.subjectId ? activeKeyOf(input.subjectId, input.officeId, input.serviceId, at.date) : null,
        idempotencyKey: input.idempotencyKey ?? null,
        quota: from ? { kind: 'transfer', from } : isRemote ? { kind: 'remote', capacity: facts.capacity } : { kind: 'window' },
        estimate: standing.estimate,
      });
    } catch (err) {
      if (input.idempotencyKey && input.actorId && (isUniqueViolation(err, 'idempotencyKey') || isUniqueViolation(err, 'activeKey'))) {
        // The same take raced itself (a retry while the first was in flight): a unique violation
        // is only raised once the winner has committed, so its ticket is there to answer with.
        const replay = await this.findByIdempotencyKey(input.actorId, input.idempotencyKey);
        if (replay) return this.replay(replay, input);
      }
      if (isUniqueViolation(err, 'activeKey')) throw new AppError('TICKET_ALREADY_ACTIVE');
      throw err;
    }
    if (rows.length === 0) {
      if (from) throw new AppError('TICKET_STATE', '该号码已不在窗口办理中，不能转办');
      throw new AppError('QUEUE_FULL_TODAY');
    }
    this.app.live.publish(input.officeId);
    if (mayBeNear(standing, serviceMinutes, facts.openCounters, settings)) this.app.notify.enqueuer.queueChanged(input.officeId);
    // The row as load() would read it, from the statement's RETURNING and the facts read above.
    const row = rows[0]!;
    const ticket: TicketRow = {
      ...row,
      office: { id: input.officeId, name: facts.officeName! },
      service: {
        id: input.serviceId,
        name: facts.serviceName!,
        meanHandlingMinutes: facts.meanHandlingMinutes!,
        timeStat: facts.ewmaMinutes === null ? null : { ewmaMinutes: facts.ewmaMinutes },
      },
      counter: row.counterId === null ? null : { number: facts.counterNumber!, name: facts.counterName! },
      subject: row.subjectId === null ? null : { name: facts.subjectName },
    };
    return { ticket, created: true, view: toView(ticket, standing, settings) };
  }

  private findByIdempotencyKey(actorId: string, idempotencyKey: string) {
    return this.prisma.ticket.findUnique({ where: { actorId_idempotencyKey: { actorId, idempotencyKey } }, include: ticketInclude });
  }

  private replay(ticket: TicketRow, input: IssueInput): { ticket: TicketRow; created: boolean } {
    // A key names one request: reusing it for a different take is a client bug, not a retry.
    if (ticket.officeId !== input.officeId || ticket.serviceId !== input.serviceId || ticket.subjectId !== input.subjectId) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED');
    }
    return { ticket, created: false };
  }

  /** The lane a number taken now would join (priorityFrom): as issue() decides it. */
  async priorityOf(subjectId: string | null, today: string): Promise<TicketPriorityKey> {
    if (!subjectId) return 'NORMAL';
    const day = new Date(`${today}T00:00:00.000Z`);
    const [subject, disability] = await Promise.all([
      this.prisma.user.findUnique({ where: { id: subjectId }, select: { birthDate: true } }),
      this.prisma.licence.findFirst({ where: { holderId: subjectId, type: 'DISABILITY_CERTIFICATE', status: 'VALID', OR: [{ validUntil: null }, { validUntil: { gte: day } }] }, select: { id: true } }),
    ]);
    return priorityFrom(subject?.birthDate, today, disability !== null);
  }

  load(id: string): Promise<TicketRow> {
    return this.prisma.ticket.findUniqueOrThrow({ where: { id }, include: ticketInclude });
  }

  /** Whose and where (for the policy): one narrow query, as cheap for a missing id as for a real one. */
  owners(id: string) {
    return this.prisma.ticket.findUnique({ where: { id }, select: OWNER_FACTS });
  }

  find(id: string): Promise<TicketRow | null> {
    return this.prisma.ticket.findUnique({ where: { id }, include: ticketInclude });
  }

  /** One's tickets: today's first (active before finished), newest first. */
  async listFor(owned: PersonalObjects): Promise<TicketRow[]> {
    return this.prisma.ticket.findMany({
      where: owned,
      include: ticketInclude,
      orderBy: [{ businessDate: 'desc' }, { issuedAt: 'desc' }],
      take: 50,
    });
  }

  async cancel(ticket: TicketRow, actorId: string): Promise<TicketRow> {
    // Conditional: only a ticket still waiting (or called and not yet at the window) may be cancelled.
    const done = await cancelTicket(this.prisma, ticket, actorId, this.app.resources.clock.now());
    const current = await this.load(ticket.id);
    if (!done) throw illegalStep(current.status, '取消');
    this.app.live.publish(ticket.officeId);
    this.app.notify.enqueuer.queueChanged(ticket.officeId);
    return current;
  }

  /** People ahead and the estimate, from the waiting line of the ticket's letter and the open windows. */
  standing(ticket: TicketRow): Promise<Standing> {
    return standingOf(this.prisma, ticket);
  }

  /**
   * Where `candidate` stands in one line (office, day, letter). Also answers for a ticket not taken
   * yet (the take-number preview), so the preview and the ticket agree.
   */
  lineStanding(line: { officeId: string; businessDate: Date; letter: string }, candidate: QueueCandidate, serviceMinutes: number): Promise<Standing> {
    return lineStanding(this.prisma, line, candidate, serviceMinutes);
  }

  /** The ticket as its holder sees it (DESIGN.md §5): position and estimate only while waiting. */
  view(ticket: TicketRow): Promise<TicketView> {
    return viewOf(this.prisma, ticket);
  }

  /** The views of many tickets in a few queries whatever their number (live updates). */
  viewsOf(ids: readonly string[]): Promise<TicketView[]> {
    return viewsOf(this.prisma, ids);
  }
}
