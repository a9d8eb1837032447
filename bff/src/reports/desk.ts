// The staff desk (issue 16 item 4): cases sorted by their running deadline with overdue and
// near-deadline in words, figures per office, and the escalation job's step. Scope: a clerk their
// hall (the cases about it or assigned to it), a supervisor their region, an admin everything.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ReportClassKey, ReportStatusKey } from '@palm/shared';
import { ESCALATION_STEP_WORKING_DAYS, REPORT_STATUS_LABELS, REPORT_STATUSES } from '@palm/shared';
import type { Report, StaffAssignee, StaffFigures } from '@palm/shared/server';
import type { Prisma, PrismaClient } from '@palm/db/client';
import { AppError } from '../lib/errors';
import type { ReportEscalatedFacts, ReportUpdatedFacts } from './notifications';
import { tell } from './notices';
import { calendarOf, inBatches, regionChain } from './sla';
import { deadlineOf, REPORT_VIEW_INCLUDE } from './view';

export interface DeskScope {
  all: boolean;
  officeId: string | null;
  regionPrefix: string | null;
}

/** The rows a desk scope reaches (reports: also those assigned to the clerk's hall). */
export function staffWhere(scope: DeskScope, assigned: boolean): { officeId?: string; regionCode?: { startsWith: string }; OR?: object[] } {
  if (scope.all) return {};
  if (scope.regionPrefix) return { regionCode: { startsWith: scope.regionPrefix } };
  if (assigned) return { OR: [{ officeId: scope.officeId! }, { assignedOfficeId: scope.officeId! }] };
  return { officeId: scope.officeId! };
}

export const DESK_PAGE_SIZE = 50;
/** How many overdue cases the escalation step reads at a time. */
export const ESCALATE_BATCH = 500;
const OPEN: ReportStatusKey[] = ['RECEIVED', 'TRIAGED', 'ASSIGNED'];

export class DeskService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  /** The signed-in staff member's scope (the policy has let them: desk.read / rectification.read). */
  async scopeOf(request: FastifyRequest): Promise<DeskScope> {
    const me = await this.prisma.user.findUniqueOrThrow({ where: { id: request.auth!.userId }, select: { roles: true, officeId: true, regionCode: true } });
    if (me.roles.includes('ADMIN')) return { all: true, officeId: null, regionPrefix: null };
    if (me.roles.includes('SUPERVISOR') && me.regionCode) return { all: false, officeId: null, regionPrefix: me.regionCode.replace(/0+$/, '') };
    return { all: false, officeId: me.officeId, regionPrefix: null };
  }

  /**
   * Cases in scope (not closed unless asked), by running deadline (overdue first; none running
   * last), a page at a time. The order is computed over every case the filter reaches (a narrow
   * read: id, state, deadlines), so a page never misses a more urgent case; the cursor is the last
   * case's (deadline, id).
   */
  async cases(
    scope: DeskScope,
    filter: { state?: ReportStatusKey | undefined; class?: ReportClassKey | undefined; due?: 'overdue' | 'near' | undefined; cursor?: string | undefined },
  ): Promise<{ items: Report[]; nextCursor?: string }> {
    const after = filter.cursor ? decodeDeskCursor(filter.cursor) : undefined;
    const keys = await this.prisma.report.findMany({
      where: { ...staffWhere(scope, true), status: filter.state ?? { not: 'CLOSED' }, ...(filter.class ? { class: filter.class } : {}) },
      select: { id: true, status: true, ackDueAt: true, dueAt: true },
    });
    const now = this.app.resources.clock.now();
    const ctx = { now, today: this.app.resources.clock.businessDate(now), calendar: await calendarOf(this.app) };
    const ordered = keys
      .map((row) => ({ id: row.id, deadline: deadlineOf(row, ctx) }))
      .filter(({ deadline }) => (filter.due === 'overdue' ? deadline.overdue : filter.due === 'near' ? deadline.near : true))
      .map(({ id, deadline }) => ({ id, at: deadline.at ? Date.parse(deadline.at) : Number.MAX_SAFE_INTEGER }))
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .filter((k) => !after || k.at > after.at || (k.at === after.at && k.id > after.id));
    const page = ordered.slice(0, DESK_PAGE_SIZE);
    const rows = await this.prisma.report.findMany({ where: { id: { in: page.map((k) => k.id) } }, include: REPORT_VIEW_INCLUDE });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items = await this.app.reports.views(
      page.flatMap((k) => byId.get(k.id) ?? []),
      true,
    );
    const last = page[page.length - 1];
    return { items, ...(ordered.length > DESK_PAGE_SIZE && last ? { nextCursor: Buffer.from(`${last.at}|${last.id}`).toString('base64url') } : {}) };
  }

  /**
   * 转办: the halls in scope (the hall choice — every one the caller may assign to, so none is a
   * 422 on sending) and the enabled clerks posted to them (one hall's when named), by hall and
   * name. Their names only — staff see staff names; never a phone or ID number.
   */
  async assignees(scope: DeskScope, officeId: string | undefined): Promise<{ items: StaffAssignee[]; offices: Array<{ id: string; name: string }> }> {
    const inScope = scope.all ? {} : scope.regionPrefix ? { regionCode: { startsWith: scope.regionPrefix } } : { id: scope.officeId! };
    const [rows, offices] = await Promise.all([
      this.prisma.user.findMany({
        where: { roles: { has: 'CLERK' }, disabled: false, officeId: officeId ?? { not: null }, office: inScope },
        select: { id: true, name: true, office: { select: { id: true, name: true, code: true } } },
        orderBy: [{ office: { code: 'asc' } }, { name: 'asc' }, { id: 'asc' }],
        take: DESK_PAGE_SIZE,
      }),
      this.prisma.office.findMany({ where: inScope, select: { id: true, name: true }, orderBy: [{ code: 'asc' }, { id: 'asc' }] }),
    ]);
    return { items: rows.map((r) => ({ id: r.id, name: r.name ?? '工作人员', office: { id: r.office!.id, name: r.office!.name } })), offices };
  }

  async figures(scope: DeskScope): Promise<StaffFigures> {
    const where = scope.all ? {} : scope.regionPrefix ? { regionCode: { startsWith: scope.regionPrefix } } : { id: scope.officeId! };
    const offices = await this.prisma.office.findMany({ where, select: { id: true, name: true }, orderBy: { code: 'asc' } });
    const ids = offices.map((o) => o.id);
    const [byState, resolved, ratings, bad] = await Promise.all([
      this.prisma.report.groupBy({ by: ['officeId', 'status'], where: { officeId: { in: ids } }, _count: { _all: true } }),
      this.prisma.report.findMany({ where: { officeId: { in: ids }, resolvedAt: { not: null } }, select: { officeId: true, resolvedAt: true, dueAt: true } }),
      this.prisma.rating.groupBy({ by: ['officeId', 'level'], where: { officeId: { in: ids } }, _count: { _all: true } }),
      this.prisma.rectification.findMany({ where: { officeId: { in: ids } }, select: { officeId: true, callbackAt: true } }),
    ]);
    const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);
    return {
      items: offices.map((office) => {
        const states = Object.fromEntries(REPORT_STATUSES.map((s) => [s, byState.find((b) => b.officeId === office.id && b.status === s)?._count._all ?? 0]));
        const done = resolved.filter((r) => r.officeId === office.id);
        const onTime = done.filter((r) => r.dueAt !== null && r.resolvedAt! <= r.dueAt).length;
        const cases = bad.filter((r) => r.officeId === office.id);
        const calledBack = cases.filter((r) => r.callbackAt !== null).length;
        return {
          office,
          byState: states,
          onTime: { resolved: done.length, onTime, rate: rate(onTime, done.length) },
          callback: { bad: cases.length, calledBack, rate: rate(calledBack, cases.length) },
          ratings: Object.fromEntries([1, 2, 3, 4, 5].map((l) => [String(l), ratings.find((r) => r.officeId === office.id && r.level === l)?._count._all ?? 0])),
        };
      }),
    };
  }

  /**
   * The job's step: an open case past its running deadline escalates to the supervisors of the
   * region one level above its hall's (level 1), and one further level every
   * ESCALATION_STEP_WORKING_DAYS working days it stays overdue, as far as the region tree goes.
   * Each level once: a conditional UPDATE from the level it read; a step and a message per level.
   * Every overdue case is read, a batch at a time by id (those already at their level cost a look).
   */
  async escalateDue(batchSize = ESCALATE_BATCH): Promise<{ escalated: number }> {
    const now = this.app.resources.clock.now();
    const today = this.app.resources.clock.businessDate(now);
    const calendar = await calendarOf(this.app);
    const chains = new Map<string, Promise<string[]>>();
    const chainOf = (code: string) => chains.get(code) ?? chains.set(code, regionChain(this.app, code)).get(code)!;
    let escalated = 0;
    await inBatches(
      batchSize,
      (after) =>
        this.prisma.report.findMany({
          where: { OR: [{ status: 'RECEIVED', ackDueAt: { lte: now } }, { status: { in: ['TRIAGED', 'ASSIGNED'] }, dueAt: { lte: now } }], ...(after ? { id: { gt: after } } : {}) },
          select: { id: true, status: true, ackDueAt: true, dueAt: true, regionCode: true, officeId: true, escalationLevel: true, reporterId: true },
          orderBy: { id: 'asc' },
          take: batchSize,
        }),
      async (overdue) => {
        for (const r of overdue) if (await this.escalate(r, { now, today, calendar, chainOf })) escalated += 1;
      },
    );
    return { escalated };
  }

  private async escalate(
    r: { id: string; status: ReportStatusKey; ackDueAt: Date; dueAt: Date | null; regionCode: string; officeId: string; escalationLevel: number; reporterId: string | null },
    run: { now: Date; today: string; calendar: Awaited<ReturnType<typeof calendarOf>>; chainOf: (code: string) => Promise<string[]> },
  ): Promise<boolean> {
    const { now, today, calendar } = run;
    const due = r.status === 'RECEIVED' ? r.ackDueAt : r.dueAt!;
    const lastDay = this.app.resources.clock.businessDate(new Date(due.getTime() - 1));
    const late = Math.max(1, calendar.workingDaysBetween(lastDay, today));
    const chain = await run.chainOf(r.regionCode);
    const target = Math.min(1 + Math.floor((late - 1) / ESCALATION_STEP_WORKING_DAYS), chain.length - 1);
    if (target <= r.escalationLevel) return false;
    const office = await this.prisma.office.findUnique({ where: { id: r.officeId }, select: { name: true } });
    const done = await this.prisma.$transaction(async (tx: Prisma.TransactionClient) => {
      const { count } = await tx.report.updateMany({ where: { id: r.id, escalationLevel: r.escalationLevel, status: r.status }, data: { escalationLevel: target, escalatedAt: now } });
      if (count === 0) return false;
      for (let level = r.escalationLevel + 1; level <= target; level += 1) {
        const region = chain[level]!;
        await tx.reportStep.create({ data: { reportId: r.id, at: now, actorId: null, action: 'escalate', fromStatus: r.status, toStatus: r.status, note: null, detail: { level, regionCode: region } } });
        const supervisors = await tx.user.findMany({ where: { roles: { has: 'SUPERVISOR' }, regionCode: region, disabled: false }, select: { id: true } });
        const facts: ReportEscalatedFacts = { reportId: r.id, level, officeName: office?.name ?? '', statusWords: REPORT_STATUS_LABELS[r.status], dueAt: due.toISOString(), at: now.toISOString() };
        for (const s of supervisors) await tell(this.app, tx, 'REPORT_ESCALATED', s.id, `REPORT_ESCALATED:${r.id}:${level}:${s.id}`, facts, now);
      }
      // The reporter is told as of every other step (one message for the level reached): keyed by
      // the deadline it escalated from and the level, so a re-run never doubles it and a reopened
      // case escalating again is told again.
      if (r.reporterId) {
        const region = await tx.region.findUnique({ where: { code: chain[target]! }, select: { name: true } });
        const told: ReportUpdatedFacts = {
          reportId: r.id,
          words: `已超期，已提请上级（${region?.name ?? '上级部门'}）督办`,
          // The title's words: the state is unchanged, the escalation is the news.
          statusWords: '已提请督办',
          officeName: office?.name ?? '',
          dueAt: null,
          at: now.toISOString(),
        };
        await tell(this.app, tx, 'REPORT_UPDATED', r.reporterId, `REPORT_UPDATED:${r.id}:escalate:${due.getTime()}:${target}`, told, now);
      }
      return true;
    });
    return done;
  }
}

export { OPEN as OPEN_REPORT_STATES };

const DESK_CURSOR = /^(\d{1,16})\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The desk's cursor (opaque to clients): anything cases() did not write is a 400. */
function decodeDeskCursor(cursor: string): { at: number; id: string } {
  const match = DESK_CURSOR.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new AppError('VALIDATION_FAILED', '分页参数不正确', [{ field: 'querystring.cursor', rule: 'cursor' }]);
  return { at: Number(match[1]), id: match[2]! };
}
