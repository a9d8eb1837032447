// Queue tickets (排队叫号, DESIGN.md §3–§4): taking a number and where a ticket stands. The number
// and the day's capacity are decided by PostgreSQL inside the ticket's transaction (one conditional
// upsert each, TOOLCHAIN.md), so under any concurrency no number repeats or is skipped, capacity is
// never exceeded, and a refused take gives everything back.
import { randomUUID } from 'node:crypto';
import {
  addDays,
  ageOn,
  DEFAULT_QUEUE_SETTINGS,
  ELDERLY_PRIORITY_AGE,
  estimateWait,
  isTurnNear,
  maskName,
  peopleAhead as countAhead,
  type QueueCandidate,
  type QueueSettings,
  type TicketChannelKey,
  type TicketPriorityKey,
  type WaitEstimate,
} from '@palm/shared';
import type { Ticket as TicketView } from '@palm/shared/server';
import type { FastifyInstance } from 'fastify';
import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import { calendarCacheFor } from '../../catalogue/calendar';
import { officeOpenStatus } from '../../catalogue/hours';
import { EXCEPTION_WINDOW_DAYS } from '../../catalogue/offices';
import { endAppointmentOfTicket } from '../../appointments/ticket-end';
import { OWNER_FACTS, type PersonalObjects } from '../../policy';
import { isUniqueViolation } from '../../lib/constraints';
import { AppError } from '../../lib/errors';
import { illegalStep } from '../status';

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

const ticketInclude = {
  office: { select: { id: true, name: true } },
  service: { select: { id: true, name: true, meanHandlingMinutes: true, timeStat: { select: { ewmaMinutes: true } } } },
  counter: { select: { number: true, name: true } },
  subject: { select: { name: true } },
} as const;
export type TicketRow = Prisma.TicketGetPayload<{ include: typeof ticketInclude }>;
/** A Ticket row's own columns, as a statement's RETURNING * gives them. */
type TicketColumns = Omit<TicketRow, keyof typeof ticketInclude>;

/** What a take reads before taking the number (TicketService.takeFacts): one row, null where absent. */
interface TakeFacts {
  replayId: string | null;
  officeFound: boolean;
  /** Null when the hall does not offer the service. */
  capacity: number | null;
  officeName: string | null;
  weeklyHours: unknown;
  openOnHolidays: boolean | null;
  serviceName: string | null;
  letter: string | null;
  meanHandlingMinutes: number | null;
  ewmaMinutes: number | null;
  birthDate: Date | null;
  subjectName: string | null;
  nearPeopleAhead: number | null;
  nearMinutes: number | null;
  maxPriorityStreak: number | null;
  counterNumber: number | null;
  counterName: string | null;
  exceptions: { date: string; closed: boolean; hours: unknown; note: string | null }[];
  openCounters: number;
  /** The letter's waiting line today: [id, priority, queuedAt epoch ms]. */
  waiting: [string, TicketPriorityKey, number][];
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * One active ticket per person, hall, service and business day (a unique column). The day is part
 * of the key: a number left unfinished yesterday (the person went home, the window never pressed
 * 办结) must not stop anyone queuing today. The ids are written as PostgreSQL prints a uuid (lower
 * case): the database refuses any other spelling of the key (CHECK "Ticket_activeKey_canonical").
 */
export function activeKeyOf(subjectId: string, officeId: string, serviceId: string, businessDate: string | Date): string {
  const ids = [subjectId, officeId, serviceId].map((id) => id.toLowerCase());
  return `${ids.join(':')}:${typeof businessDate === 'string' ? businessDate : isoDate(businessDate)}`;
}
const utcDate = (date: string) => new Date(`${date}T00:00:00Z`);
/** ELDERLY from the ID's birth date (60+); DISABLED arrives with the disability records. */
const priorityFrom = (birthDate: Date | null | undefined, today: string): TicketPriorityKey =>
  birthDate && ageOn(isoDate(birthDate), today) >= ELDERLY_PRIORITY_AGE ? 'ELDERLY' : 'NORMAL';

export class TicketService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  /**
   * Takes a number; `created` is false when an Idempotency-Key replays an earlier take. A new
   * ticket comes with its view (place and estimate), already computed to record the estimate.
   * Two statements: one read (takeFacts) and the CTE that takes the number and stores the
   * estimate. The place in line is counted from the waiting line as read just before the take, so
   * a change in that line committed between the read and the take (another take racing for the
   * same letter, a call) is not in it — view() right after may differ by those few tickets.
   */
  async issue(input: IssueInput): Promise<{ ticket: TicketRow; created: boolean; view?: TicketView }> {
    const { clock } = this.app.resources;
    const at = clock.businessDateTime();
    const businessDate = utcDate(at.date);
    const facts = await this.takeFacts(input, at.date, businessDate);
    if (facts.replayId) {
      const replay = await this.find(facts.replayId);
      if (replay) return this.replay(replay, input);
    }
    if (facts.capacity === null) throw new AppError(facts.officeFound ? 'SERVICE_NOT_OFFERED' : 'NOT_FOUND');
    // A transfer happens at a window, whatever channel the number first came by: no hours check.
    const isRemote = !input.transferFrom && REMOTE_CHANNELS.includes(input.channel);
    if (isRemote) {
      const calendar = await calendarCacheFor(this.app.resources).get();
      const office = { weeklyHours: facts.weeklyHours, openOnHolidays: facts.openOnHolidays!, exceptions: facts.exceptions.map((e) => ({ ...e, date: utcDate(e.date) })) };
      if (!officeOpenStatus(office, calendar, at).openNow) throw new AppError('OFFICE_CLOSED');
    }
    // A checked-in appointment is served first within its window (DESIGN.md §4 "Queue").
    const priority = input.transferFrom?.priority ?? (input.channel === 'APPOINTMENT' ? 'APPOINTMENT' : priorityFrom(facts.birthDate, at.date));
    const letter = facts.letter!;

    const now = clock.now();
    // The id is chosen here so that the new ticket's place in line — from the waiting line read
    // above, exactly as view() counts it — goes into the same statement with its estimate.
    const ticketId = randomUUID();
    const activeKey = input.subjectId ? activeKeyOf(input.subjectId, input.officeId, input.serviceId, at.date) : null;
    const queuedAt = input.transferFrom?.queuedAt ?? now;
    const waiting = facts.waiting.map(([id, p, ms]) => ({ id, priority: p, queuedAt: ms }));
    const ahead = countAhead({ id: ticketId, priority, queuedAt: queuedAt.getTime() }, waiting);
    const standing = { peopleAhead: ahead, estimate: estimateWait(ahead, facts.ewmaMinutes ?? facts.meanHandlingMinutes!, facts.openCounters) };
    const from = input.transferFrom;
    // Capacity counts remote takes only: walk-ins at the window are never refused. A transfer
    // first retires the old ticket (if it is still at a window); no row there, no new ticket. A
    // checked-in appointment follows its number to the new one (appointments/ticket-end.ts).
    const quota = from
      ? Prisma.sql`moved AS (
          UPDATE "Ticket" SET "status" = 'TRANSFERRED'::"TicketStatus", "transferredAt" = ${now}::timestamp(3), "activeKey" = NULL
          WHERE "id" = ${from.id}::uuid AND "status" IN ('CALLED', 'SERVING')
          RETURNING "id"),
        "movedEvent" AS (
          INSERT INTO "TicketEvent" ("ticketId", "type", "actorId", "at") SELECT "id", 'TRANSFER', ${input.eventActorId ?? input.actorId}::uuid, ${now}::timestamp(3) FROM moved),
        "movedAppointment" AS (
          UPDATE "Appointment" SET "ticketId" = ${ticketId}::uuid, "updatedAt" = ${now}::timestamp(3) WHERE "ticketId" IN (SELECT "id" FROM moved)),
        quota AS (SELECT 1 AS "issued" FROM moved),`
      : isRemote
      ? Prisma.sql`quota AS (
          INSERT INTO "TicketQuota" ("officeId", "serviceId", "businessDate", "issued")
          SELECT ${input.officeId}::uuid, ${input.serviceId}::uuid, ${businessDate}::date, 1 WHERE ${facts.capacity}::int > 0
          ON CONFLICT ("officeId", "serviceId", "businessDate")
          DO UPDATE SET "issued" = "TicketQuota"."issued" + 1 WHERE "TicketQuota"."issued" < ${facts.capacity}::int
          RETURNING "issued"),`
      : Prisma.sql`quota AS (SELECT 1 AS "issued"),`;
    let rows: TicketColumns[];
    try {
      // One statement (TOOLCHAIN.md "queue numbers"): the quota place, the number and the ticket are
      // taken together or not at all — a refused take (capacity, an active ticket) uses no number.
      // One statement also needs no interactive transaction, whose pool wait fails under a storm.
      // The estimate shown at issue is stored with the ticket (for the accuracy report).
      rows = await this.prisma.$queryRaw<TicketColumns[]>`
        WITH ${quota}
        seq AS (
          INSERT INTO "TicketSequence" ("officeId", "businessDate", "letter", "last")
          SELECT ${input.officeId}::uuid, ${businessDate}::date, ${letter}, 1 FROM quota
          ON CONFLICT ("officeId", "businessDate", "letter") DO UPDATE SET "last" = "TicketSequence"."last" + 1
          RETURNING "last"),
        ticket AS (
          INSERT INTO "Ticket" ("id", "officeId", "serviceId", "businessDate", "letter", "number", "displayNumber", "subjectId", "actorId",
                                "channel", "priority", "status", "queuedAt", "issuedAt", "activeKey", "idempotencyKey", "counterId", "transferredFromId",
                                "estimateLowMinutes", "estimateHighMinutes")
          SELECT ${ticketId}::uuid, ${input.officeId}::uuid, ${input.serviceId}::uuid, ${businessDate}::date, ${letter}, seq."last",
                 ${letter} || CASE WHEN seq."last" < 1000 THEN lpad(seq."last"::text, 3, '0') ELSE seq."last"::text END,
                 ${input.subjectId}::uuid, ${input.actorId}::uuid, ${input.channel}::"TicketChannel", ${priority}::"TicketPriority",
                 'WAITING'::"TicketStatus", ${queuedAt}::timestamp(3), ${now}::timestamp(3), ${activeKey}, ${input.idempotencyKey ?? null},
                 ${from?.counterId ?? null}::uuid, ${from?.id ?? null}::uuid,
                 ${standing.estimate?.lowMinutes ?? null}::int, ${standing.estimate?.highMinutes ?? null}::int
          FROM seq
          RETURNING *),
        event AS (
          INSERT INTO "TicketEvent" ("ticketId", "type", "actorId", "at", "detail")
          SELECT "id", 'ISSUED', ${input.eventActorId ?? input.actorId}::uuid, ${now}::timestamp(3), ${JSON.stringify({ channel: input.channel })}::jsonb FROM ticket)
        SELECT * FROM ticket`;
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
    if (mayBeNear(standing, facts.ewmaMinutes ?? facts.meanHandlingMinutes!, facts.openCounters, facts.settings)) this.app.notify.enqueuer.queueChanged(input.officeId);
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
    return { ticket, created: true, view: toView(ticket, standing, facts.settings) };
  }

  /**
   * Everything a take reads, in one statement: an earlier take under the same Idempotency-Key,
   * whether the hall exists and offers the service (capacity, letter, names, service-time EWMA),
   * the hall's hours and exceptions (open now), the subject (priority lane, name), the hall's queue
   * settings, the open windows serving the letter and its waiting line (the new ticket's place and
   * estimate), and a transfer's window.
   */
  private async takeFacts(input: IssueInput, today: string, businessDate: Date): Promise<TakeFacts & { settings: QueueSettings }> {
    const rows = await this.prisma.$queryRaw<TakeFacts[]>`
      SELECT
        (SELECT t."id" FROM "Ticket" t WHERE t."actorId" = ${input.actorId}::uuid AND t."idempotencyKey" = ${input.idempotencyKey ?? null}::text) AS "replayId",
        o."id" IS NOT NULL AS "officeFound", os."dailyTicketCapacity" AS "capacity",
        o."name" AS "officeName", o."weeklyHours", o."openOnHolidays",
        s."name" AS "serviceName", s."categoryLetter" AS "letter", s."meanHandlingMinutes", st."ewmaMinutes",
        u."birthDate", u."name" AS "subjectName",
        q."nearPeopleAhead", q."nearMinutes", q."maxPriorityStreak",
        c."number" AS "counterNumber", c."name" AS "counterName",
        COALESCE((SELECT json_agg(json_build_object('date', e."date", 'closed', e."closed", 'hours', e."hours", 'note', e."note") ORDER BY e."date")
                  FROM "OfficeException" e
                  WHERE e."officeId" = os."officeId" AND e."date" BETWEEN ${today}::date AND ${addDays(today, EXCEPTION_WINDOW_DAYS)}::date), '[]'::json) AS "exceptions",
        (SELECT count(*)::int FROM "Counter" k
          WHERE k."officeId" = os."officeId" AND k."state" = 'OPEN'::"CounterState" AND k."categories" @> ARRAY[s."categoryLetter"]) AS "openCounters",
        COALESCE((SELECT json_agg(json_build_array(w."id", w."priority", (extract(epoch FROM w."queuedAt") * 1000)::float8))
                  FROM "Ticket" w
                  WHERE w."officeId" = os."officeId" AND w."businessDate" = ${businessDate}::date AND w."letter" = s."categoryLetter"
                    AND w."status" = 'WAITING'::"TicketStatus"), '[]'::json) AS "waiting"
      FROM (SELECT 1) AS one
      LEFT JOIN "Office" o ON o."id" = ${input.officeId}::uuid
      LEFT JOIN "OfficeService" os ON os."officeId" = o."id" AND os."serviceId" = ${input.serviceId}::uuid
      LEFT JOIN "Service" s ON s."id" = os."serviceId"
      LEFT JOIN "ServiceTimeStat" st ON st."serviceId" = s."id"
      LEFT JOIN "User" u ON u."id" = ${input.subjectId}::uuid
      LEFT JOIN "OfficeQueueSettings" q ON q."officeId" = o."id"
      LEFT JOIN "Counter" c ON c."id" = ${input.transferFrom?.counterId ?? null}::uuid`;
    const facts = rows[0]!;
    const { nearPeopleAhead, nearMinutes, maxPriorityStreak } = facts;
    // As settingsOf(): the defaults when the hall has no row.
    const settings =
      nearPeopleAhead === null || nearMinutes === null || maxPriorityStreak === null ? DEFAULT_QUEUE_SETTINGS : { nearPeopleAhead, nearMinutes, maxPriorityStreak };
    return { ...facts, settings };
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

  /** ELDERLY from the ID's birth date (60+); DISABLED arrives with the disability records. */
  async priorityOf(subjectId: string | null, today: string): Promise<TicketPriorityKey> {
    if (!subjectId) return 'NORMAL';
    const subject = await this.prisma.user.findUnique({ where: { id: subjectId }, select: { birthDate: true } });
    return priorityFrom(subject?.birthDate, today);
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
    const now = this.app.resources.clock.now();
    // Conditional: only a ticket still waiting (or called and not yet at the window) may be cancelled.
    const done = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.ticket.updateMany({
        where: { id: ticket.id, status: { in: ['WAITING', 'CALLED'] } },
        data: { status: 'CANCELLED', cancelledAt: now, activeKey: null },
      });
      if (count === 1) {
        await tx.ticketEvent.create({ data: { ticketId: ticket.id, type: 'CANCELLED', actorId, at: now } });
        // A checked-in appointment ends with its number (appointments/ticket-end.ts).
        if (ticket.channel === 'APPOINTMENT') await endAppointmentOfTicket(tx, { id: ticket.id, status: 'CANCELLED' }, actorId, now);
      }
      return count === 1;
    });
    const current = await this.load(ticket.id);
    if (!done) throw illegalStep(current.status, '取消');
    this.app.live.publish(ticket.officeId);
    this.app.notify.enqueuer.queueChanged(ticket.officeId);
    return current;
  }

  private async settingsOf(officeId: string): Promise<QueueSettings> {
    const row = await this.prisma.officeQueueSettings.findUnique({ where: { officeId } });
    return row ?? DEFAULT_QUEUE_SETTINGS;
  }

  /** People ahead and the estimate, from the waiting line of the ticket's letter and the open windows. */
  async standing(ticket: TicketRow): Promise<{ peopleAhead: number; estimate: WaitEstimate | null }> {
    const candidate = { id: ticket.id, priority: ticket.priority, queuedAt: ticket.queuedAt.getTime() };
    return this.lineStanding(ticket, candidate, ticket.service.timeStat?.ewmaMinutes ?? ticket.service.meanHandlingMinutes);
  }

  /**
   * Where `candidate` stands in one line (office, day, letter): the waiting tickets called before
   * it and the wait range over the open windows serving that letter. Also answers for a ticket not
   * taken yet (the take-number preview), so the preview and the ticket agree.
   */
  async lineStanding(
    line: { officeId: string; businessDate: Date; letter: string },
    candidate: QueueCandidate,
    serviceMinutes: number,
  ): Promise<{ peopleAhead: number; estimate: WaitEstimate | null }> {
    const [waiting, openCounters] = await Promise.all([
      this.prisma.ticket.findMany({
        where: { officeId: line.officeId, businessDate: line.businessDate, letter: line.letter, status: 'WAITING' },
        select: { id: true, priority: true, queuedAt: true },
      }),
      this.prisma.counter.count({ where: { officeId: line.officeId, state: 'OPEN', categories: { has: line.letter } } }),
    ]);
    const candidates = waiting.map((w) => ({ id: w.id, priority: w.priority, queuedAt: w.queuedAt.getTime() }));
    const ahead = countAhead(candidate, candidates);
    return { peopleAhead: ahead, estimate: estimateWait(ahead, serviceMinutes, openCounters) };
  }

  /** The ticket as its holder sees it (DESIGN.md §5): position and estimate only while waiting. */
  async view(ticket: TicketRow): Promise<TicketView> {
    if (ticket.status !== 'WAITING') return toView(ticket, null, DEFAULT_QUEUE_SETTINGS);
    const [standing, settings] = await Promise.all([this.standing(ticket), this.settingsOf(ticket.officeId)]);
    return toView(ticket, standing, settings);
  }

  /**
   * The views of many tickets in a few queries whatever their number (live updates: every holder
   * watching an office is refreshed after each change): the tickets, and per office its waiting
   * lines, open windows and settings once; each place is then counted in memory as view() does.
   */
  async viewsOf(ids: readonly string[]): Promise<TicketView[]> {
    if (ids.length === 0) return [];
    const rows = await this.prisma.ticket.findMany({ where: { id: { in: [...ids] } }, include: ticketInclude });
    const waitingOffices = [...new Set(rows.filter((r) => r.status === 'WAITING').map((r) => r.officeId))];
    const lines = new Map(
      await Promise.all(
        waitingOffices.map(async (officeId) => {
          const dates = [...new Set(rows.filter((r) => r.officeId === officeId).map((r) => r.businessDate.getTime()))].map((t) => new Date(t));
          const [waiting, counters, settings] = await Promise.all([
            this.prisma.ticket.findMany({
              where: { officeId, businessDate: { in: dates }, status: 'WAITING' },
              select: { id: true, priority: true, queuedAt: true, letter: true, businessDate: true },
            }),
            this.prisma.counter.findMany({ where: { officeId, state: 'OPEN' }, select: { categories: true } }),
            this.settingsOf(officeId),
          ]);
          return [officeId, { waiting, counters, settings }] as const;
        }),
      ),
    );
    return rows.map((ticket) => {
      const line = lines.get(ticket.officeId);
      if (ticket.status !== 'WAITING' || !line) return toView(ticket, null, DEFAULT_QUEUE_SETTINGS);
      const candidates = line.waiting
        .filter((w) => w.letter === ticket.letter && w.businessDate.getTime() === ticket.businessDate.getTime())
        .map((w) => ({ id: w.id, priority: w.priority, queuedAt: w.queuedAt.getTime() }));
      const ahead = countAhead({ id: ticket.id, priority: ticket.priority, queuedAt: ticket.queuedAt.getTime() }, candidates);
      const openCounters = line.counters.filter((c) => c.categories.includes(ticket.letter)).length;
      const minutes = ticket.service.timeStat?.ewmaMinutes ?? ticket.service.meanHandlingMinutes;
      return toView(ticket, { peopleAhead: ahead, estimate: estimateWait(ahead, minutes, openCounters) }, line.settings);
    });
  }
}

/**
 * Whether a take must have "turn is near" evaluated at its office (notify/enqueue.ts). A take moves
 * nobody forward, so only the new ticket can have become near; in a long line there is nothing to
 * evaluate, which spares the hall's busiest moments a statement per take. The margin of two places
 * covers calls committed between the take's read and its insert, which those calls' own evaluations
 * may have run too early to see.
 */
const NEAR_MARGIN_PLACES = 2;
function mayBeNear(standing: { peopleAhead: number }, serviceMinutes: number, openCounters: number, settings: QueueSettings): boolean {
  const ahead = Math.max(0, standing.peopleAhead - NEAR_MARGIN_PLACES);
  return isTurnNear(ahead, estimateWait(ahead, serviceMinutes, openCounters), settings);
}

/** A ticket, where it stands (while WAITING) and its office's settings → what its holder sees. */
function toView(ticket: TicketRow, standing: { peopleAhead: number; estimate: WaitEstimate | null } | null, settings: QueueSettings): TicketView {
  const onBehalf = ticket.subjectId !== null && ticket.actorId !== null && ticket.subjectId !== ticket.actorId;
  return {
    id: ticket.id,
    displayNumber: ticket.displayNumber,
    status: ticket.status,
    priority: ticket.priority,
    channel: ticket.channel,
    businessDate: isoDate(ticket.businessDate),
    office: ticket.office,
    service: { id: ticket.service.id, name: ticket.service.name },
    onBehalfOf: onBehalf ? (ticket.subject?.name ? maskName(ticket.subject.name) : '他人') : null,
    peopleAhead: standing?.peopleAhead ?? null,
    estimate: standing?.estimate ?? null,
    isTurnNear: ticket.status === 'CALLED' || (standing !== null && isTurnNear(standing.peopleAhead, standing.estimate, settings)),
    counter: ticket.counter,
    canRejoin: ticket.status === 'SKIPPED' && !ticket.rejoined,
    issuedAt: ticket.issuedAt.toISOString(),
    calledAt: ticket.calledAt?.toISOString() ?? null,
    finishedAt: ticket.finishedAt?.toISOString() ?? null,
  };
}
