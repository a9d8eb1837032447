// 好差评 (DESIGN.md §3 Rating, §4): one rating per handling per channel per round — the unique key
// (targetType, targetId, channel, round) decides a double submit, so exactly one insert wins and
// the other is RATING_ALREADY. A rating of a finished ticket, a done appointment or a resolved
// report, by its person (or under a REPORT grant for them); levels 1–2 need a reason and open a
// rectification case in the same transaction. After a report made from a rating is resolved, the
// handling may be rated again (the next round); both ratings are kept. Decorated as `app.ratings`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DEFAULT_RATING_DAYS, isBadRating, RATING_LEVEL_LABELS, RECTIFICATION_CAP_DAYS, RECTIFICATION_DAYS, type RatingLevel, type RatingTargetKey } from '@palm/shared';
import type { Rating, RatingCreateBody, RatingPending } from '@palm/shared/server';
import { Prisma, type PrismaClient, type Rating as RatingRow } from '@palm/db/client';
import { AppError } from '../lib/errors';
import { OWNER_FACTS } from '../policy';
import type { RatingInvitedFacts, RectificationOpenedFacts } from './notifications';
import { tell } from './notices';
import { reportResource, REPORT_FACTS, decodeCursor, encodeCursor } from './service';
import { calendarOf, endOfWorkingDays, inBatches, regionChain } from './sla';

const DAY_MS = 86_400_000;
const FIXED = ['RESOLVED', 'CONFIRMED', 'CLOSED'] as const;
export const ABOUT_ME_PAGE_SIZE = 50;
/** How many ended handlings the invitation step reads at a time. */
export const INVITE_BATCH = 500;

interface Handling {
  subjectId: string | null;
  officeId: string;
  serviceId: string | null;
  clerkId: string | null;
  /** When the handling ended (the rating period runs from it). */
  endedAt: Date;
}

export class RatingService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  private now(): Date {
    return this.app.resources.clock.now();
  }

  /** Days after a handling ends within which a person rates it (then 基本满意 by default). */
  get ratingDays(): number {
    return this.app.config.RATING_DEFAULT_DAYS ?? DEFAULT_RATING_DAYS;
  }

  async create(request: FastifyRequest, body: RatingCreateBody): Promise<Rating> {
    const handling = await this.handlingFor(request, body.targetType, body.targetId);
    const reasons = [...new Set(body.reasons ?? [])];
    if (isBadRating(body.level) && reasons.length === 0) throw new AppError('RATING_REASON_REQUIRED');
    if (reasons.length > 0 && (await this.prisma.ratingReason.count({ where: { code: { in: reasons }, active: true } })) !== reasons.length) {
      throw new AppError('RATING_REASON_UNKNOWN');
    }
    const now = this.now();
    const round = await this.nextRound(body.targetType, body.targetId, handling, now);
    const raterId = request.auth!.userId;
    const office = await this.prisma.office.findUniqueOrThrow({ where: { id: handling.officeId }, select: { regionCode: true, name: true } });
    const calendar = isBadRating(body.level) ? await calendarOf(this.app) : null;
    let id: string;
    try {
      id = await this.prisma.$transaction(async (tx) => {
        const row = await tx.rating.create({
          data: {
            targetType: body.targetType,
            targetId: body.targetId,
            channel: 'APP',
            round,
            level: body.level,
            reasons,
            comment: body.comment ?? null,
            subjectId: handling.subjectId,
            raterId,
            officeId: handling.officeId,
            serviceId: handling.serviceId,
            clerkId: handling.clerkId,
            createdAt: now,
          },
        });
        if (calendar) {
          const today = this.app.resources.clock.businessDate(now);
          const rect = await tx.rectification.create({
            data: {
              ratingId: row.id,
              officeId: handling.officeId,
              regionCode: office.regionCode,
              dueAt: endOfWorkingDays(calendar, today, RECTIFICATION_DAYS),
              capAt: endOfWorkingDays(calendar, today, RECTIFICATION_CAP_DAYS),
              createdAt: now,
            },
          });
          const chain = await regionChain(this.app, office.regionCode);
          const supervisors = await tx.user.findMany({ where: { roles: { has: 'SUPERVISOR' }, regionCode: { in: chain }, disabled: false }, select: { id: true } });
          const facts: RectificationOpenedFacts = { rectificationId: rect.id, officeName: office.name, levelWords: RATING_LEVEL_LABELS[body.level as RatingLevel], dueAt: rect.dueAt.toISOString(), at: now.toISOString() };
          for (const s of supervisors) await tell(this.app, tx, 'RECTIFICATION_OPENED', s.id, `RECTIFICATION_OPENED:${rect.id}:${s.id}`, facts, now);
        }
        await this.app.audit.record({ actorId: raterId, action: 'rating.create', resourceType: 'rating', resourceId: row.id, result: 'OK' }, request, tx);
        return row.id;
      });
    } catch (err) {
      // The unique key (targetType, targetId, channel, round): another submit of this round won.
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') throw new AppError('RATING_ALREADY');
      throw err;
    }
    return this.view(id);
  }

  async view(id: string): Promise<Rating> {
    const row = await this.prisma.rating.findUniqueOrThrow({ where: { id }, include: { rectification: { select: { id: true } } } });
    const labels = await this.reasonLabels();
    return toRatingView(row, labels, row.rectification?.id ?? null);
  }

  /**
   * The handling rated, for the policy (the person's own: acting for them under a REPORT grant; a
   * stranger's is its object's 404) and its facts; RATING_NOT_RATEABLE until it has ended.
   */
  private async handlingFor(request: FastifyRequest, type: RatingTargetKey, id: string): Promise<Handling> {
    const { policy } = this.app;
    if (type === 'TICKET') {
      const row = await this.prisma.ticket.findUnique({ where: { id }, select: { ...OWNER_FACTS, status: true, finishedAt: true } });
      await policy.authorizeOwned(request, 'rating.create', 'ticket', id, row);
      if (row!.status !== 'DONE' || !row!.finishedAt) throw new AppError('RATING_NOT_RATEABLE');
      return { subjectId: row!.subjectId, officeId: row!.officeId, serviceId: row!.serviceId, clerkId: await this.clerkOf(id), endedAt: row!.finishedAt };
    }
    if (type === 'APPOINTMENT') {
      const row = await this.prisma.appointment.findUnique({ where: { id }, select: { ...OWNER_FACTS, status: true, doneAt: true, ticketId: true } });
      await policy.authorizeOwned(request, 'rating.create', 'appointment', id, row);
      if (row!.status !== 'DONE' || !row!.doneAt) throw new AppError('RATING_NOT_RATEABLE');
      return { subjectId: row!.subjectId, officeId: row!.officeId, serviceId: row!.serviceId, clerkId: row!.ticketId ? await this.clerkOf(row!.ticketId) : null, endedAt: row!.doneAt };
    }
    const facts = await this.prisma.report.findUnique({ where: { id }, select: REPORT_FACTS });
    await policy.authorizeFound(request, 'rating.create', 'report', id, facts, (r) => ({ ...reportResource(r) }));
    const report = await this.prisma.report.findUniqueOrThrow({ where: { id }, select: { status: true, resolvedAt: true, serviceId: true, officeId: true, assignedOfficeId: true, reporterId: true } });
    if (!(FIXED as readonly string[]).includes(report.status) || !report.resolvedAt) throw new AppError('RATING_NOT_RATEABLE');
    return { subjectId: report.reporterId, officeId: report.assignedOfficeId ?? report.officeId, serviceId: report.serviceId, clerkId: null, endedAt: report.resolvedAt };
  }

  /** The clerk who finished (or started) the ticket at the window. */
  private async clerkOf(ticketId: string): Promise<string | null> {
    const event = await this.prisma.ticketEvent.findFirst({ where: { ticketId, type: { in: ['FINISH', 'START'] }, actorId: { not: null } }, orderBy: { at: 'desc' }, select: { actorId: true } });
    return event?.actorId ?? null;
  }

  /**
   * Round 1 within the rating period; a further round only once a report made from the latest
   * rating has been resolved (the fix is rated again). Otherwise RATING_ALREADY.
   */
  private async nextRound(type: RatingTargetKey, id: string, handling: Handling, now: Date): Promise<number> {
    const latest = await this.prisma.rating.findFirst({ where: { targetType: type, targetId: id, channel: 'APP' }, orderBy: { round: 'desc' }, select: { id: true, round: true } });
    if (!latest) {
      if (handling.endedAt.getTime() + this.ratingDays * DAY_MS <= now.getTime()) throw new AppError('RATING_PERIOD_OVER');
      return 1;
    }
    const fixed = await this.prisma.report.count({ where: { ratingId: latest.id, status: { in: [...FIXED] } } });
    if (fixed === 0) throw new AppError('RATING_ALREADY');
    return latest.round + 1;
  }

  /** What the person may rate now: ended handlings not yet rated, and fixes to rate again. */
  async pending(subjectId: string): Promise<RatingPending[]> {
    const now = this.now();
    const since = new Date(now.getTime() - this.ratingDays * DAY_MS);
    const [tickets, appointments, reports] = await Promise.all([
      this.prisma.ticket.findMany({ where: { subjectId, status: 'DONE', finishedAt: { gt: since } }, select: { id: true, officeId: true, serviceId: true, finishedAt: true } }),
      this.prisma.appointment.findMany({ where: { subjectId, status: 'DONE', doneAt: { gt: since } }, select: { id: true, officeId: true, serviceId: true, doneAt: true } }),
      this.prisma.report.findMany({ where: { reporterId: subjectId, status: { in: [...FIXED] }, resolvedAt: { gt: since } }, select: { id: true, officeId: true, serviceId: true, resolvedAt: true, ratingId: true } }),
    ]);
    const candidates: Array<{ targetType: RatingTargetKey; targetId: string; round: number; officeId: string; serviceId: string | null; endedAt: Date }> = [
      ...tickets.map((t) => ({ targetType: 'TICKET' as const, targetId: t.id, round: 1, officeId: t.officeId, serviceId: t.serviceId, endedAt: t.finishedAt! })),
      ...appointments.map((a) => ({ targetType: 'APPOINTMENT' as const, targetId: a.id, round: 1, officeId: a.officeId, serviceId: a.serviceId, endedAt: a.doneAt! })),
      ...reports.map((r) => ({ targetType: 'REPORT' as const, targetId: r.id, round: 1, officeId: r.officeId, serviceId: r.serviceId, endedAt: r.resolvedAt! })),
    ];
    // A fix of a report made from a rating: the rated handling, one round further.
    const fromRatings = reports.filter((r) => r.ratingId !== null);
    if (fromRatings.length > 0) {
      const rated = await this.prisma.rating.findMany({ where: { id: { in: fromRatings.map((r) => r.ratingId!) } } });
      for (const r of fromRatings) {
        const rating = rated.find((x) => x.id === r.ratingId);
        if (rating) candidates.push({ targetType: rating.targetType, targetId: rating.targetId, round: rating.round + 1, officeId: rating.officeId, serviceId: rating.serviceId, endedAt: r.resolvedAt! });
      }
    }
    if (candidates.length === 0) return [];
    const given = await this.prisma.rating.findMany({ where: { targetId: { in: candidates.map((c) => c.targetId) }, channel: 'APP' }, select: { targetType: true, targetId: true, round: true } });
    const open = candidates.filter((c) => !given.some((g) => g.targetType === c.targetType && g.targetId === c.targetId && g.round >= c.round));
    const [offices, services] = await Promise.all([
      this.prisma.office.findMany({ where: { id: { in: open.map((c) => c.officeId) } }, select: { id: true, name: true } }),
      this.prisma.service.findMany({ where: { id: { in: open.flatMap((c) => (c.serviceId ? [c.serviceId] : [])) } }, select: { id: true, name: true } }),
    ]);
    return open
      .sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime())
      .map((c) => ({
        targetType: c.targetType,
        targetId: c.targetId,
        round: c.round,
        serviceName: services.find((s) => s.id === c.serviceId)?.name ?? null,
        officeName: offices.find((o) => o.id === c.officeId)?.name ?? '',
        finishedAt: c.endedAt.toISOString(),
        rateBy: new Date(c.endedAt.getTime() + this.ratingDays * DAY_MS).toISOString(),
      }));
  }

  async reasons(): Promise<Array<{ code: string; label: string }>> {
    return this.prisma.ratingReason.findMany({ where: { active: true }, orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }], select: { code: true, label: true } });
  }

  /** Ratings about the clerk's window: never who rated, whose handling or which ticket — only what was said and the day. */
  async aboutMe(clerkId: string, cursor: string | undefined) {
    const after = cursor ? decodeCursor(cursor) : undefined;
    const rows = await this.prisma.rating.findMany({
      where: { clerkId, ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: ABOUT_ME_PAGE_SIZE + 1,
    });
    const page = rows.slice(0, ABOUT_ME_PAGE_SIZE);
    const labels = await this.reasonLabels();
    const services = await this.prisma.service.findMany({ where: { id: { in: page.flatMap((r) => (r.serviceId ? [r.serviceId] : [])) } }, select: { id: true, name: true } });
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        level: r.level,
        levelWords: RATING_LEVEL_LABELS[r.level as RatingLevel],
        reasons: r.reasons.map((code) => ({ code, label: labels.get(code) ?? code })),
        comment: r.comment,
        serviceName: services.find((s) => s.id === r.serviceId)?.name ?? null,
        day: this.app.resources.clock.businessDate(r.createdAt),
        defaulted: r.defaulted,
      })),
      ...(rows.length > ABOUT_ME_PAGE_SIZE && last ? { nextCursor: encodeCursor(last) } : {}),
    };
  }

  async reasonLabels(): Promise<Map<string, string>> {
    const rows = await this.prisma.ratingReason.findMany({ select: { code: true, label: true } });
    return new Map(rows.map((r) => [r.code, r.label]));
  }

  /**
   * The job's step: tickets finished, appointments done and reports resolved (still resolved,
   * confirmed or closed — a reopened one is not, until resolved again) more than the rating period
   * ago, for a person, not rated in round 1 → 基本满意 (configurable), defaulted. One INSERT … SELECT
   * per kind, ON CONFLICT DO NOTHING on the unique key: a person's rating racing it wins or loses
   * cleanly. A report's rating is about the hall that fixed it (the assigned one), as a person's is.
   */
  async defaultDue(): Promise<{ tickets: number; appointments: number; reports: number }> {
    const now = this.now();
    const before = new Date(now.getTime() - this.ratingDays * DAY_MS);
    // Handlings older than this were before the feature: not defaulted retroactively in bulk.
    const from = new Date(before.getTime() - 30 * DAY_MS);
    const level = this.app.config.RATING_DEFAULT_LEVEL ?? 3;
    const tickets = await this.prisma.$executeRaw`
      INSERT INTO "Rating" ("id", "targetType", "targetId", "channel", "round", "level", "reasons", "subjectId", "officeId", "serviceId", "clerkId", "defaulted", "createdAt")
      SELECT gen_random_uuid(), 'TICKET', t."id", 'APP', 1, ${level}, '{}', t."subjectId", t."officeId", t."serviceId",
             (SELECT e."actorId" FROM "TicketEvent" e WHERE e."ticketId" = t."id" AND e."type" IN ('FINISH', 'START') AND e."actorId" IS NOT NULL ORDER BY e."at" DESC LIMIT 1),
             true, ${now}::timestamp(3)
      FROM "Ticket" t
      WHERE t."status" = 'DONE' AND t."subjectId" IS NOT NULL AND t."finishedAt" <= ${before}::timestamp(3) AND t."finishedAt" > ${from}::timestamp(3)
        AND NOT EXISTS (SELECT 1 FROM "Rating" r WHERE r."targetType" = 'TICKET' AND r."targetId" = t."id")
      ON CONFLICT ("targetType", "targetId", "channel", "round") DO NOTHING`;
    const appointments = await this.prisma.$executeRaw`
      INSERT INTO "Rating" ("id", "targetType", "targetId", "channel", "round", "level", "reasons", "subjectId", "officeId", "serviceId", "defaulted", "createdAt")
      SELECT gen_random_uuid(), 'APPOINTMENT', a."id", 'APP', 1, ${level}, '{}', a."subjectId", a."officeId", a."serviceId", true, ${now}::timestamp(3)
      FROM "Appointment" a
      WHERE a."status" = 'DONE' AND a."doneAt" <= ${before}::timestamp(3) AND a."doneAt" > ${from}::timestamp(3)
        AND NOT EXISTS (SELECT 1 FROM "Rating" r WHERE r."targetType" = 'APPOINTMENT' AND r."targetId" = a."id")
      ON CONFLICT ("targetType", "targetId", "channel", "round") DO NOTHING`;
    const reports = await this.prisma.$executeRaw`
      INSERT INTO "Rating" ("id", "targetType", "targetId", "channel", "round", "level", "reasons", "subjectId", "officeId", "serviceId", "defaulted", "createdAt")
      SELECT gen_random_uuid(), 'REPORT', p."id", 'APP', 1, ${level}, '{}', p."reporterId", COALESCE(p."assignedOfficeId", p."officeId"), p."serviceId", true, ${now}::timestamp(3)
      FROM "Report" p
      WHERE p."status" IN ('RESOLVED', 'CONFIRMED', 'CLOSED') AND p."reporterId" IS NOT NULL
        AND p."resolvedAt" <= ${before}::timestamp(3) AND p."resolvedAt" > ${from}::timestamp(3)
        AND NOT EXISTS (SELECT 1 FROM "Rating" r WHERE r."targetType" = 'REPORT' AND r."targetId" = p."id")
      ON CONFLICT ("targetType", "targetId", "channel", "round") DO NOTHING`;
    return { tickets, appointments, reports };
  }

  /**
   * The job's step: each person whose ticket or appointment ended in the period and is unrated is
   * invited once (the outbox key). Every such handling is reached, a batch at a time by id; those
   * rated or already invited are left out before anything is written.
   */
  async inviteDue(batchSize = INVITE_BATCH): Promise<{ invited: number }> {
    const now = this.now();
    const since = new Date(now.getTime() - this.ratingDays * DAY_MS);
    const rateBy = (endedAt: Date) => new Date(endedAt.getTime() + this.ratingDays * DAY_MS).toISOString();
    let invited = 0;
    const inviteBatch = async (targetType: 'TICKET' | 'APPOINTMENT', batch: Array<{ id: string; subjectId: string; endedAt: Date; officeName: string; serviceName: string }>) => {
      const ids = batch.map((h) => h.id);
      const keyOf = (id: string) => `RATING_INVITED:${targetType}:${id}:1`;
      const [rated, told] = await Promise.all([
        this.prisma.rating.findMany({ where: { targetType, targetId: { in: ids } }, select: { targetId: true } }),
        this.prisma.notification.findMany({ where: { dedupeKey: { in: ids.map((id) => `${keyOf(id)}:IN_APP`) } }, select: { dedupeKey: true } }),
      ]);
      const skip = new Set([...rated.map((r) => r.targetId), ...told.map((n) => n.dedupeKey.split(':')[2]!)]);
      for (const h of batch) {
        if (skip.has(h.id)) continue;
        const facts: RatingInvitedFacts = { targetType, targetId: h.id, round: 1, serviceName: h.serviceName, officeName: h.officeName, rateBy: rateBy(h.endedAt), at: now.toISOString() };
        await this.prisma.$transaction((tx) => tell(this.app, tx, 'RATING_INVITED', h.subjectId, keyOf(h.id), facts, now));
        invited += 1;
      }
    };
    const names = { office: { select: { name: true } }, service: { select: { name: true } } } as const;
    const byId = (after: string | undefined) => (after ? { id: { gt: after } } : {});
    await inBatches(
      batchSize,
      (after) =>
        this.prisma.ticket.findMany({
          where: { status: 'DONE', subjectId: { not: null }, finishedAt: { gt: since }, ...byId(after) },
          select: { id: true, subjectId: true, finishedAt: true, ...names },
          orderBy: { id: 'asc' },
          take: batchSize,
        }),
      (tickets) => inviteBatch('TICKET', tickets.map((t) => ({ id: t.id, subjectId: t.subjectId!, endedAt: t.finishedAt!, officeName: t.office.name, serviceName: t.service.name }))),
    );
    await inBatches(
      batchSize,
      (after) =>
        this.prisma.appointment.findMany({
          where: { status: 'DONE', doneAt: { gt: since }, ...byId(after) },
          select: { id: true, subjectId: true, doneAt: true, ...names },
          orderBy: { id: 'asc' },
          take: batchSize,
        }),
      (appointments) => inviteBatch('APPOINTMENT', appointments.map((a) => ({ id: a.id, subjectId: a.subjectId, endedAt: a.doneAt!, officeName: a.office.name, serviceName: a.service.name }))),
    );
    return { invited };
  }
}

export function toRatingView(row: RatingRow, labels: Map<string, string>, rectificationId: string | null): Rating {
  return {
    id: row.id,
    targetType: row.targetType,
    targetId: row.targetId,
    round: row.round,
    level: row.level,
    levelWords: RATING_LEVEL_LABELS[row.level as RatingLevel],
    reasons: row.reasons.map((code) => ({ code, label: labels.get(code) ?? code })),
    comment: row.comment,
    defaulted: row.defaulted,
    rectificationId,
    createdAt: row.createdAt.toISOString(),
  };
}
