// Queue tickets (排队叫号, DESIGN.md §3–§4): taking a number and where a ticket stands. The number
// and the day's capacity are decided by PostgreSQL inside the ticket's transaction (one conditional
// upsert each, TOOLCHAIN.md), so under any concurrency no number repeats or is skipped, capacity is
// never exceeded, and a refused take gives everything back.
import {
  ageOn,
  DEFAULT_QUEUE_SETTINGS,
  ELDERLY_PRIORITY_AGE,
  estimateWait,
  isTurnNear,
  maskName,
  peopleAhead as countAhead,
  type QueueSettings,
  type TicketChannelKey,
  type TicketPriorityKey,
  type WaitEstimate,
} from '@palm/shared';
import type { Ticket as TicketView } from '@palm/shared/server';
import type { FastifyInstance } from 'fastify';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { calendarCacheFor } from '../catalogue/calendar';
import { officeOpenStatus } from '../catalogue/hours';
import { exceptionWindow } from '../catalogue/offices';
import { AppError } from '../lib/errors';
import { illegalStep } from './status';

/** Channels that take a number from afar: only while the hall is open and within today's capacity. */
const REMOTE_CHANNELS: readonly TicketChannelKey[] = ['ONLINE', 'PROXY', 'APPOINTMENT'];

export interface IssueInput {
  officeId: string;
  serviceId: string;
  /** Who is served (null for a walk-in without an account). */
  subjectId: string | null;
  /** Who took it (null at a kiosk). */
  actorId: string | null;
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

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const utcDate = (date: string) => new Date(`${date}T00:00:00Z`);
/** A unique violation on `field`, from a typed query (P2002) or a raw one (P2010 carrying 23505). */
const isUniqueViolation = (err: unknown, field: string): boolean => {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const detail = `${JSON.stringify(err.meta ?? {})} ${err.message}`;
  return (err.code === 'P2002' || (err.code === 'P2010' && detail.includes('23505'))) && detail.includes(field);
};

export class TicketService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  /**
   * Takes a number; `created` is false when an Idempotency-Key replays an earlier take. A new
   * ticket comes with its view (place and estimate), already computed to record the estimate.
   */
  async issue(input: IssueInput): Promise<{ ticket: TicketRow; created: boolean; view?: TicketView }> {
    if (input.idempotencyKey && input.actorId) {
      const replay = await this.findByIdempotencyKey(input.actorId, input.idempotencyKey);
      if (replay) return this.replay(replay, input);
    }
    const { clock } = this.app.resources;
    const at = clock.businessDateTime();
    const offering = await this.prisma.officeService.findUnique({
      where: { officeId_serviceId: { officeId: input.officeId, serviceId: input.serviceId } },
      include: { service: { select: { categoryLetter: true } }, office: { include: { exceptions: exceptionWindow(at.date) } } },
    });
    if (!offering) {
      const office = await this.prisma.office.findUnique({ where: { id: input.officeId }, select: { id: true } });
      throw new AppError(office ? 'SERVICE_NOT_OFFERED' : 'NOT_FOUND');
    }
    const isRemote = REMOTE_CHANNELS.includes(input.channel);
    if (isRemote) {
      const calendar = await calendarCacheFor(this.app.resources).get();
      if (!officeOpenStatus(offering.office, calendar, at).openNow) throw new AppError('OFFICE_CLOSED');
    }
    const priority = input.transferFrom?.priority ?? (await this.priorityOf(input.subjectId, at.date));
    const letter = offering.service.categoryLetter;
    const businessDate = utcDate(at.date);

    const now = clock.now();
    const activeKey = input.subjectId ? `${input.subjectId}:${input.officeId}:${input.serviceId}` : null;
    const queuedAt = input.transferFrom?.queuedAt ?? now;
    const from = input.transferFrom;
    // Capacity counts remote takes only: walk-ins at the window are never refused. A transfer
    // first retires the old ticket (if it is still at a window); no row there, no new ticket.
    const quota = from
      ? Prisma.sql`moved AS (
          UPDATE "Ticket" SET "status" = 'TRANSFERRED'::"TicketStatus", "transferredAt" = ${now}::timestamp(3), "activeKey" = NULL
          WHERE "id" = ${from.id}::uuid AND "status" IN ('CALLED', 'SERVING')
          RETURNING "id"),
        "movedEvent" AS (
          INSERT INTO "TicketEvent" ("ticketId", "type", "actorId", "at") SELECT "id", 'TRANSFER', ${input.actorId}::uuid, ${now}::timestamp(3) FROM moved),
        quota AS (SELECT 1 AS "issued" FROM moved),`
      : isRemote
      ? Prisma.sql`quota AS (
          INSERT INTO "TicketQuota" ("officeId", "serviceId", "businessDate", "issued")
          SELECT ${input.officeId}::uuid, ${input.serviceId}::uuid, ${businessDate}::date, 1 WHERE ${offering.dailyTicketCapacity}::int > 0
          ON CONFLICT ("officeId", "serviceId", "businessDate")
          DO UPDATE SET "issued" = "TicketQuota"."issued" + 1 WHERE "TicketQuota"."issued" < ${offering.dailyTicketCapacity}::int
          RETURNING "issued"),`
      : Prisma.sql`quota AS (SELECT 1 AS "issued"),`;
    let rows: { id: string }[];
    try {
      // One statement (TOOLCHAIN.md "queue numbers"): the quota place, the number and the ticket are
      // taken together or not at all — a refused take (capacity, an active ticket) uses no number.
      // One statement also needs no interactive transaction, whose pool wait fails under a storm.
      rows = await this.prisma.$queryRaw<{ id: string }[]>`
        WITH ${quota}
        seq AS (
          INSERT INTO "TicketSequence" ("officeId", "businessDate", "letter", "last")
          SELECT ${input.officeId}::uuid, ${businessDate}::date, ${letter}, 1 FROM quota
          ON CONFLICT ("officeId", "businessDate", "letter") DO UPDATE SET "last" = "TicketSequence"."last" + 1
          RETURNING "last"),
        ticket AS (
          INSERT INTO "Ticket" ("id", "officeId", "serviceId", "businessDate", "letter", "number", "displayNumber", "subjectId", "actorId",
                                "channel", "priority", "status", "queuedAt", "issuedAt", "activeKey", "idempotencyKey", "counterId", "transferredFromId")
          SELECT gen_random_uuid(), ${input.officeId}::uuid, ${input.serviceId}::uuid, ${businessDate}::date, ${letter}, seq."last",
                 ${letter} || CASE WHEN seq."last" < 1000 THEN lpad(seq."last"::text, 3, '0') ELSE seq."last"::text END,
                 ${input.subjectId}::uuid, ${input.actorId}::uuid, ${input.channel}::"TicketChannel", ${priority}::"TicketPriority",
                 'WAITING'::"TicketStatus", ${queuedAt}::timestamp(3), ${now}::timestamp(3), ${activeKey}, ${input.idempotencyKey ?? null},
                 ${from?.counterId ?? null}::uuid, ${from?.id ?? null}::uuid
          FROM seq
          RETURNING "id")
        INSERT INTO "TicketEvent" ("ticketId", "type", "actorId", "at", "detail")
        SELECT "id", 'ISSUED', ${input.actorId}::uuid, ${now}::timestamp(3), ${JSON.stringify({ channel: input.channel })}::jsonb FROM ticket
        RETURNING "ticketId" AS "id"`;
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
    const ticketId = rows[0]!.id;
    this.app.live.publish(input.officeId);
    const ticket = await this.load(ticketId);
    // What the person was told at the moment they took it, kept for the estimate's accuracy report.
    const view = await this.view(ticket);
    if (view.estimate) {
      await this.prisma.ticket.update({
        where: { id: ticketId },
        data: { estimateLowMinutes: view.estimate.lowMinutes, estimateHighMinutes: view.estimate.highMinutes },
      });
    }
    return { ticket, created: true, view };
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
  private async priorityOf(subjectId: string | null, today: string): Promise<TicketPriorityKey> {
    if (!subjectId) return 'NORMAL';
    const subject = await this.prisma.user.findUnique({ where: { id: subjectId }, select: { birthDate: true } });
    if (subject?.birthDate && ageOn(isoDate(subject.birthDate), today) >= ELDERLY_PRIORITY_AGE) return 'ELDERLY';
    return 'NORMAL';
  }

  load(id: string): Promise<TicketRow> {
    return this.prisma.ticket.findUniqueOrThrow({ where: { id }, include: ticketInclude });
  }

  find(id: string): Promise<TicketRow | null> {
    return this.prisma.ticket.findUnique({ where: { id }, include: ticketInclude });
  }

  /** One's tickets: today's first (active before finished), newest first. */
  async listFor(userId: string): Promise<TicketRow[]> {
    return this.prisma.ticket.findMany({
      where: { OR: [{ subjectId: userId }, { actorId: userId }] },
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
      if (count === 1) await tx.ticketEvent.create({ data: { ticketId: ticket.id, type: 'CANCELLED', actorId, at: now } });
      return count === 1;
    });
    const current = await this.load(ticket.id);
    if (!done) throw illegalStep(current.status, '取消');
    this.app.live.publish(ticket.officeId);
    return current;
  }

  private async settingsOf(officeId: string): Promise<QueueSettings> {
    const row = await this.prisma.officeQueueSettings.findUnique({ where: { officeId } });
    return row ?? DEFAULT_QUEUE_SETTINGS;
  }

  /** People ahead and the estimate, from the waiting line of the ticket's letter and the open windows. */
  async standing(ticket: TicketRow): Promise<{ peopleAhead: number; estimate: WaitEstimate | null }> {
    const [waiting, openCounters] = await Promise.all([
      this.prisma.ticket.findMany({
        where: { officeId: ticket.officeId, businessDate: ticket.businessDate, letter: ticket.letter, status: 'WAITING' },
        select: { id: true, priority: true, queuedAt: true },
      }),
      this.prisma.counter.count({ where: { officeId: ticket.officeId, state: 'OPEN', categories: { has: ticket.letter } } }),
    ]);
    const candidates = waiting.map((w) => ({ id: w.id, priority: w.priority, queuedAt: w.queuedAt.getTime() }));
    const ahead = countAhead({ id: ticket.id, priority: ticket.priority, queuedAt: ticket.queuedAt.getTime() }, candidates);
    const minutes = ticket.service.timeStat?.ewmaMinutes ?? ticket.service.meanHandlingMinutes;
    return { peopleAhead: ahead, estimate: estimateWait(ahead, minutes, openCounters) };
  }

  /** The ticket as its holder sees it (DESIGN.md §5): position and estimate only while waiting. */
  async view(ticket: TicketRow): Promise<TicketView> {
    const isWaiting = ticket.status === 'WAITING';
    const standing = isWaiting ? await this.standing(ticket) : null;
    const settings = isWaiting ? await this.settingsOf(ticket.officeId) : DEFAULT_QUEUE_SETTINGS;
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
}
