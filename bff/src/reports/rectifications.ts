// 整改 (DESIGN.md §4 好差评): a level 1–2 rating's case — due in 5 working days, one extension,
// never past the 15-working-day cap — which closes only once a callback (回访: when, by whom,
// outcome) is recorded. Each step one conditional UPDATE; a refusal read back says why.
// Decorated as `app.rectifications`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CALLBACK_OUTCOME_LABELS, RATING_LEVEL_LABELS, RECTIFICATION_DAYS, type CallbackOutcome, type RatingLevel } from '@palm/shared';
import type { Rectification, RectificationCallbackBody, RectificationExtendBody } from '@palm/shared/server';
import type { Prisma, PrismaClient } from '@palm/db/client';
import { AppError } from '../lib/errors';
import { decodeCursor, encodeCursor } from './service';
import { calendarOf, endOfWorkingDays } from './sla';
import { staffWhere, type DeskScope } from './desk';

export const RECTIFICATIONS_PAGE_SIZE = 50;
const include = { rating: true } as const;
type Row = Prisma.RectificationGetPayload<{ include: typeof include }>;

export class RectificationService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  private now(): Date {
    return this.app.resources.clock.now();
  }

  facts(id: string): Promise<{ officeId: string; regionCode: string } | null> {
    return this.prisma.rectification.findUnique({ where: { id }, select: { officeId: true, regionCode: true } });
  }

  async authorizeOn(request: FastifyRequest, id: string): Promise<void> {
    await this.app.policy.authorizeFound(request, 'rectification.work', 'rectification', id, await this.facts(id), (r) => ({ officeId: r.officeId, officeRegionCode: r.regionCode }));
  }

  async list(scope: DeskScope, status: 'OPEN' | 'CLOSED' | undefined, cursor: string | undefined) {
    const after = cursor ? decodeCursor(cursor) : undefined;
    const rows = await this.prisma.rectification.findMany({
      where: { ...staffWhere(scope, false), ...(status ? { status } : {}), ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: RECTIFICATIONS_PAGE_SIZE + 1,
      include,
    });
    const page = rows.slice(0, RECTIFICATIONS_PAGE_SIZE);
    const last = page[page.length - 1];
    return { items: await this.views(page), ...(rows.length > RECTIFICATIONS_PAGE_SIZE && last ? { nextCursor: encodeCursor(last) } : {}) };
  }

  async view(id: string): Promise<Rectification> {
    return (await this.views([await this.prisma.rectification.findUniqueOrThrow({ where: { id }, include })]))[0]!;
  }

  /** 回访: the outcome, when and by whom (the caller). Recorded again, it replaces the earlier one while open. */
  async callback(request: FastifyRequest, id: string, body: RectificationCallbackBody): Promise<Rectification> {
    if (!body.outcome) throw new AppError('CALLBACK_OUTCOME_REQUIRED');
    const now = this.now();
    const outcome: CallbackOutcome = body.outcome;
    await this.step(request, id, 'rectification.callback', { status: 'OPEN' }, { callbackAt: now, callbackById: request.auth!.userId, callbackOutcome: outcome, callbackNote: body.note ?? null });
    return this.view(id);
  }

  /** Once, by `days` working days (default 5), never past the cap. */
  async extend(request: FastifyRequest, id: string, body: RectificationExtendBody): Promise<Rectification> {
    const row = await this.prisma.rectification.findUniqueOrThrow({ where: { id }, select: { dueAt: true, capAt: true } });
    const calendar = await calendarOf(this.app);
    const lastDay = this.app.resources.clock.businessDate(new Date(row.dueAt.getTime() - 1));
    const dueAt = endOfWorkingDays(calendar, lastDay, body.days ?? RECTIFICATION_DAYS);
    if (dueAt > row.capAt) throw new AppError('RECTIFICATION_CAP');
    await this.step(request, id, 'rectification.extend', { status: 'OPEN', extendedAt: null, dueAt: row.dueAt }, { dueAt, extendedAt: this.now(), extendedById: request.auth!.userId, extensionReason: body.reason ?? null });
    return this.view(id);
  }

  /** Only after a callback is recorded. */
  async close(request: FastifyRequest, id: string, note: string | undefined): Promise<Rectification> {
    await this.step(request, id, 'rectification.close', { status: 'OPEN', callbackAt: { not: null } }, { status: 'CLOSED', closedAt: this.now(), closedById: request.auth!.userId, closingNote: note ?? null });
    return this.view(id);
  }

  private async step(request: FastifyRequest, id: string, action: string, where: Prisma.RectificationWhereInput, data: Prisma.RectificationUpdateManyMutationInput): Promise<void> {
    const changed = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.rectification.updateMany({ where: { id, ...where }, data });
      if (count === 0) return false;
      await this.app.audit.record({ actorId: request.auth!.userId, action, resourceType: 'rectification', resourceId: id, result: 'OK' }, request, tx);
      return true;
    });
    if (changed) return;
    const now = await this.prisma.rectification.findUniqueOrThrow({ where: { id }, select: { status: true, extendedAt: true, callbackAt: true } });
    if (now.status !== 'OPEN') throw new AppError('RECTIFICATION_STATE');
    if (action === 'rectification.extend' && now.extendedAt) throw new AppError('RECTIFICATION_EXTENDED');
    if (action === 'rectification.close' && !now.callbackAt) throw new AppError('RECTIFICATION_CALLBACK_REQUIRED');
    throw new AppError('CONFLICT');
  }

  private async views(rows: Row[]): Promise<Rectification[]> {
    const now = this.now();
    const [offices, services, labels] = await Promise.all([
      this.prisma.office.findMany({ where: { id: { in: rows.map((r) => r.officeId) } }, select: { id: true, name: true } }),
      this.prisma.service.findMany({ where: { id: { in: rows.flatMap((r) => (r.rating.serviceId ? [r.rating.serviceId] : [])) } }, select: { id: true, name: true } }),
      this.app.ratings.reasonLabels(),
    ]);
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      office: { id: r.officeId, name: offices.find((o) => o.id === r.officeId)?.name ?? '' },
      rating: {
        level: r.rating.level,
        levelWords: RATING_LEVEL_LABELS[r.rating.level as RatingLevel],
        reasons: r.rating.reasons.map((code) => ({ code, label: labels.get(code) ?? code })),
        comment: r.rating.comment,
        targetType: r.rating.targetType,
        serviceName: services.find((s) => s.id === r.rating.serviceId)?.name ?? null,
      },
      dueAt: r.dueAt.toISOString(),
      capAt: r.capAt.toISOString(),
      extended: r.extendedAt !== null,
      overdue: r.status === 'OPEN' && now >= r.dueAt,
      callback:
        r.callbackAt && r.callbackOutcome
          ? { at: r.callbackAt.toISOString(), outcome: r.callbackOutcome as CallbackOutcome, outcomeWords: CALLBACK_OUTCOME_LABELS[r.callbackOutcome as CallbackOutcome], note: r.callbackNote, by: '工作人员' }
          : null,
      closedAt: r.closedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    }));
  }
}
