// 上门帮办: a grid worker's door-to-door tasks for residents of their grid. Decorated as
// `app.gridTasks` (../index.ts); the routes call it only after the policy has let the worker.
//
// Planning needs the resident's consent asked for at least (a PENDING grant: the visit may be the
// moment to explain it) or in force; acting for the resident — a number, a booking — needs the
// grant ACTIVE, which the policy checks on each such request. Recording a visit, finishing and
// cancelling are the worker's own record and need no grant: a grant revoked mid-task must not
// leave the task stuck open.
//
// Every transition is ONE conditional UPDATE whose WHERE names the states it leaves, so two racing
// taps cannot both pass (the second matches nothing and is told the state); one open task per
// worker, resident and service is the unique `activeKey`.
import { addDays, GRID_TASK_MAX_DAYS_AHEAD, GRID_TASK_STATUS_LABELS } from '@palm/shared';
import type { GridService, GridTask } from '@palm/shared/server';
import type { FastifyInstance } from 'fastify';
import type { GridTaskStatus, Prisma, PrismaClient } from '@palm/db/client';
import { isUniqueViolation } from '../../lib/constraints';
import { AppError } from '../../lib/errors';
import { decodeKeyset, encodeKeyset } from '../cursor';
import { GRANT_FACTS, grantOf } from '../grant-state';
import { linksOf } from './links';
import { isOpen, TASK_INCLUDE, taskView, type TaskRow } from './view';

const OPEN: GridTaskStatus[] = ['PLANNED', 'VISITED'];
const CLOSED: GridTaskStatus[] = ['DONE', 'CANCELLED'];
const DEFAULT_LIMIT = 20;

export interface TaskDraft {
  workerId: string;
  residentId: string;
  serviceId: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  plannedDate: string;
  note?: string;
  idempotencyKey?: string;
}

export interface TaskListQuery {
  state?: 'open' | 'closed';
  cursor?: string;
  limit?: number;
}

const activeKeyOf = (t: { workerId: string; residentId: string; serviceId: string }) => `${t.workerId}:${t.residentId}:${t.serviceId}`;
const dateOf = (isoDate: string) => new Date(`${isoDate}T00:00:00.000Z`);

export class GridTaskService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  private now(): Date {
    return this.app.resources.clock.now();
  }

  /** What the policy needs of a task named by id (whose, and where its resident lives); null when none. */
  async facts(id: string): Promise<{ workerId: string; residentId: string; homeRegionCode: string | null } | null> {
    const row = await this.prisma.gridTask.findUnique({ where: { id }, select: { workerId: true, residentId: true, resident: { select: { homeRegionCode: true } } } });
    return row && { workerId: row.workerId, residentId: row.residentId, homeRegionCode: row.resident.homeRegionCode };
  }

  /** The worker's open tasks (soonest visit first) or closed ones (latest first), of residents still in the grid. */
  async list(workerId: string, query: TaskListQuery): Promise<{ items: GridTask[]; nextCursor?: string }> {
    const grid = await this.app.gridRoster.gridOf(workerId);
    if (!grid) return { items: [] };
    const isClosed = query.state === 'closed';
    const kind = isClosed ? 'tasks-closed' : 'tasks-open';
    const limit = query.limit ?? DEFAULT_LIMIT;
    const filters: Prisma.GridTaskWhereInput[] = [{ workerId, status: { in: isClosed ? CLOSED : OPEN }, resident: { homeRegionCode: grid } }];
    if (query.cursor) {
      const after = decodeKeyset(kind, query.cursor);
      if (after.value === null || Number.isNaN(Date.parse(after.value))) throw new AppError('VALIDATION_FAILED', '分页参数无效，请从第一页重新加载', [{ field: 'querystring.cursor', rule: 'format' }]);
      const at = new Date(after.value);
      filters.push(
        isClosed
          ? { OR: [{ updatedAt: { lt: at } }, { updatedAt: at, id: { lt: after.id } }] }
          : { OR: [{ plannedDate: { gt: at } }, { plannedDate: at, id: { gt: after.id } }] },
      );
    }
    const rows = await this.prisma.gridTask.findMany({
      where: { AND: filters },
      include: TASK_INCLUDE,
      orderBy: isClosed ? [{ updatedAt: 'desc' }, { id: 'desc' }] : [{ plannedDate: 'asc' }, { id: 'asc' }],
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    const items = await this.views(workerId, page);
    const last = page.at(-1);
    if (rows.length <= limit || !last) return { items };
    return { items, nextCursor: encodeKeyset(kind, { value: (isClosed ? last.updatedAt : last.plannedDate).toISOString(), id: last.id }) };
  }

  /** The services a task may be for (those that may be done by proxy), most used first. */
  async services(): Promise<GridService[]> {
    const rows = await this.prisma.service.findMany({
      where: { proxyAllowed: true },
      select: { id: true, name: true, category: true, aliases: true, department: true, popularity: true },
      orderBy: [{ popularity: 'desc' }, { code: 'asc' }],
    });
    return rows.map((row) => ({ ...row, category: row.category as GridService['category'] }));
  }

  /** Plans a visit (201), or answers a retry under the same Idempotency-Key with the task it made (200). */
  async create(draft: TaskDraft): Promise<{ task: GridTask; created: boolean }> {
    if (draft.idempotencyKey) {
      const replay = await this.replay(draft);
      if (replay) return { task: replay, created: false };
    }
    const today = this.app.resources.clock.businessDate(this.now());
    if (draft.plannedDate < today || draft.plannedDate > addDays(today, GRID_TASK_MAX_DAYS_AHEAD)) throw new AppError('GRID_TASK_DATE_INVALID');
    const service = await this.prisma.service.findUnique({ where: { id: draft.serviceId }, select: { proxyAllowed: true } });
    if (!service) throw new AppError('NOT_FOUND', '没有找到该事项');
    if (!service.proxyAllowed) throw new AppError('GRID_SERVICE_NOT_PROXY');
    await this.requireConsentAsked(draft.workerId, draft.residentId);
    try {
      const row = await this.prisma.gridTask.create({
        data: {
          workerId: draft.workerId,
          residentId: draft.residentId,
          serviceId: draft.serviceId,
          plannedDate: dateOf(draft.plannedDate),
          note: draft.note?.trim() || null,
          activeKey: activeKeyOf(draft),
          idempotencyKey: draft.idempotencyKey ?? null,
          createdAt: this.now(),
        },
        // Read back in its own query: a create with an include is an implicit transaction whose
        // nested reads Prisma's pg adapter sends at once on the one connection (pg warns).
        select: { id: true },
      });
      return { task: await this.load(row.id), created: true };
    } catch (err) {
      // A retry racing its first attempt loses on either key (whichever index PostgreSQL checks first).
      if (draft.idempotencyKey && (isUniqueViolation(err, 'idempotencyKey') || isUniqueViolation(err, 'activeKey'))) {
        const replay = await this.replay(draft);
        if (replay) return { task: replay, created: false };
      }
      if (isUniqueViolation(err, 'activeKey')) throw new AppError('GRID_TASK_DUPLICATE');
      throw err;
    }
  }

  /** 记录走访: PLANNED or VISITED → VISITED, with the visit and its note, in one transaction. */
  async visit(id: string, note?: string): Promise<GridTask> {
    const at = this.now();
    await this.prisma.$transaction(async (tx) => {
      const moved = await tx.gridTask.updateMany({ where: { id, status: { in: OPEN } }, data: { status: 'VISITED', visitedAt: at } });
      if (moved.count === 0) throw await this.stateError(id, 'visit');
      await tx.gridTaskVisit.createMany({ data: [{ taskId: id, at, note: note?.trim() || null }] });
    });
    return this.load(id);
  }

  /** 完成: VISITED → DONE (a task is done after at least one visit). */
  async finish(id: string, note?: string): Promise<GridTask> {
    const moved = await this.prisma.gridTask.updateMany({
      where: { id, status: 'VISITED' },
      data: { status: 'DONE', doneAt: this.now(), doneNote: note?.trim() || null, activeKey: null },
    });
    if (moved.count === 0) throw await this.stateError(id, 'finish');
    return this.load(id);
  }

  /** 取消: PLANNED or VISITED → CANCELLED. */
  async cancel(id: string, reason?: string): Promise<GridTask> {
    const moved = await this.prisma.gridTask.updateMany({
      where: { id, status: { in: OPEN } },
      data: { status: 'CANCELLED', cancelledAt: this.now(), cancelReason: reason?.trim() || null, activeKey: null },
    });
    if (moved.count === 0) throw await this.stateError(id, 'cancel');
    return this.load(id);
  }

  async load(id: string): Promise<GridTask> {
    const row = await this.prisma.gridTask.findUniqueOrThrow({ where: { id }, include: TASK_INCLUDE });
    return (await this.views(row.workerId, [row]))[0]!;
  }

  /** Rows as the worker sees them: the residents' roster rows and the tasks' links, batched. */
  private async views(workerId: string, rows: readonly TaskRow[]): Promise<GridTask[]> {
    const residents = await this.app.gridRoster.views(workerId, rows.map((r) => r.resident));
    const byId = new Map(residents.map((r) => [r.id, r]));
    const links = await linksOf(this.prisma, this.app.resources.clock, workerId, rows);
    return rows.map((row) => taskView(row, byId.get(row.residentId)!, links.get(row.id)!));
  }

  /** The task made under this key, if the same plan; another plan under a used key is a conflict. */
  private async replay(draft: TaskDraft): Promise<GridTask | null> {
    const row = await this.prisma.gridTask.findUnique({ where: { workerId_idempotencyKey: { workerId: draft.workerId, idempotencyKey: draft.idempotencyKey! } }, include: TASK_INCLUDE });
    if (!row) return null;
    const same = row.residentId === draft.residentId && row.serviceId === draft.serviceId && row.plannedDate.toISOString().slice(0, 10) === draft.plannedDate;
    if (!same) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return (await this.views(draft.workerId, [row]))[0]!;
  }

  /** Consent asked (PENDING) or in force (ACTIVE); else the worker is told how to get it. */
  private async requireConsentAsked(workerId: string, residentId: string): Promise<void> {
    const grants = await this.prisma.grant.findMany({ where: { granteeId: workerId, grantorId: residentId }, select: GRANT_FACTS });
    const { state } = grantOf(grants, this.now());
    if (state === 'ACTIVE' || state === 'PENDING') return;
    const resident = await this.prisma.user.findUniqueOrThrow({ where: { id: residentId }, select: { phoneHash: true } });
    throw new AppError(
      'GRID_CONSENT_REQUIRED',
      resident.phoneHash ? undefined : '该居民还没有授权您代办；没有手机的居民请陪同到窗口办理见证授权，再安排上门',
    );
  }

  /** Why a transition matched nothing: the task's state now, in words. */
  private async stateError(id: string, step: 'visit' | 'finish' | 'cancel'): Promise<AppError> {
    const row = await this.prisma.gridTask.findUnique({ where: { id }, select: { status: true } });
    if (row && step === 'finish' && row.status === 'PLANNED') return new AppError('GRID_TASK_STATE', '还没有记录走访：请先记录走访，再办结');
    if (row && !isOpen(row.status)) return new AppError('GRID_TASK_STATE', `该任务${GRID_TASK_STATUS_LABELS[row.status]}，不能再操作`);
    return new AppError('GRID_TASK_STATE');
  }
}
