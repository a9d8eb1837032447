// A hall's windows and queue settings as the admin console runs them (issue 17): add a window,
// rename it, choose the letters it serves (one letter: a specialised window; all the hall's: 全科),
// assign its clerk (a clerk posted to this hall) or none, retire it (closed for good, kept for its
// history: never listed to citizens or clerks again); and the hall's queue settings (near-turn
// thresholds, the anti-starvation N of DESIGN.md §4, daily remote-ticket capacity per service).
// A change to the open windows tells the hall's live views (queue/live.ts), as a clerk's does.
import { DEFAULT_QUEUE_SETTINGS } from '@palm/shared';
import type { AdminCounter, AdminCounterCreate, AdminCounterPatch, AdminQueueSettings, AdminQueueSettingsBody } from '@palm/shared/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Prisma } from '@palm/db/client';
import { isUniqueViolation } from '../lib/constraints';
import { AppError } from '../lib/errors';
import { authorizeOffice, pick, recordChange } from './changes';

const counterInclude = { clerk: { select: { name: true } } } as const;
type CounterRow = Prisma.CounterGetPayload<{ include: typeof counterInclude }>;

const toCounter = (c: CounterRow): AdminCounter => ({
  id: c.id,
  number: c.number,
  name: c.name,
  categories: c.categories,
  state: c.state,
  clerkId: c.clerkId,
  clerkName: c.clerk?.name ?? null,
  retired: c.retiredAt !== null,
});
const COUNTER_FIELDS = ['name', 'categories', 'clerkId', 'state', 'retiredAt'] as const;

export class CounterAdmin {
  constructor(private readonly app: FastifyInstance) {}

  async list(request: FastifyRequest, officeId: string): Promise<{ items: AdminCounter[] }> {
    await authorizeOffice(this.app, request, 'admin.office.read', officeId);
    const rows = await this.app.prisma.counter.findMany({ where: { officeId }, include: counterInclude, orderBy: { number: 'asc' } });
    return { items: rows.map(toCounter) };
  }

  async create(request: FastifyRequest, officeId: string, body: AdminCounterCreate): Promise<AdminCounter> {
    await authorizeOffice(this.app, request, 'admin.counter.manage', officeId);
    await this.checkLetters(officeId, body.categories);
    if (body.clerkId) await this.checkClerk(officeId, body.clerkId);
    const row = await this.app.prisma
      .$transaction(async (tx) => {
        const last = await tx.counter.findFirst({ where: { officeId }, orderBy: { number: 'desc' }, select: { number: true } });
        const created = await tx.counter.create({
          data: { officeId, number: body.number ?? (last?.number ?? 0) + 1, name: body.name, categories: body.categories, clerkId: body.clerkId ?? null },
          include: counterInclude,
        });
        await recordChange(this.app, request, { action: 'admin.counter.manage', resourceType: 'counter', resourceId: created.id, officeId, before: null, after: pick(created, ['number', ...COUNTER_FIELDS]) }, tx);
        return created;
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new AppError('CONFLICT', `本大厅已有${body.number}号窗口，请换一个编号`);
        throw err;
      });
    return toCounter(row);
  }

  async patch(request: FastifyRequest, id: string, body: AdminCounterPatch): Promise<AdminCounter> {
    const found = await this.app.prisma.counter.findUnique({ where: { id }, include: { office: { select: { regionCode: true } } } });
    const counter = await this.app.policy.authorizeFound(request, 'admin.counter.manage', 'counter', id, found, (c) => ({ officeId: c.officeId, officeRegionCode: c.office.regionCode }));
    if (counter.retiredAt) throw new AppError('CONFLICT', '该窗口已停用，不能再修改');
    if (body.categories) await this.checkLetters(counter.officeId, body.categories);
    if (body.clerkId) await this.checkClerk(counter.officeId, body.clerkId);
    if (body.retired) {
      const busy = await this.app.prisma.ticket.findFirst({ where: { counterId: id, status: { in: ['CALLED', 'SERVING'] } }, select: { displayNumber: true } });
      if (busy) throw new AppError('COUNTER_BUSY', `请先办结、过号或转办 ${busy.displayNumber}，再停用窗口`);
    }
    const now = this.app.resources.clock.now();
    const row = await this.app.prisma.$transaction(async (tx) => {
      const data: Prisma.CounterUncheckedUpdateInput = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.categories ? { categories: body.categories } : {}),
        ...(body.clerkId !== undefined ? { clerkId: body.clerkId } : {}),
        // Retired: closed, no clerk; numbers sent to it go back to every window of their letter.
        ...(body.retired ? { retiredAt: now, state: 'CLOSED' as const, clerkId: null } : {}),
      };
      if (body.retired) await tx.ticket.updateMany({ where: { counterId: id, status: 'WAITING' }, data: { counterId: null } });
      const updated = await tx.counter.update({ where: { id }, data, include: counterInclude });
      await recordChange(this.app, request, { action: 'admin.counter.manage', resourceType: 'counter', resourceId: id, officeId: counter.officeId, before: pick(counter, COUNTER_FIELDS), after: pick(updated, COUNTER_FIELDS) }, tx);
      return updated;
    });
    this.app.live.publish(counter.officeId);
    return toCounter(row);
  }

  async settings(request: FastifyRequest, officeId: string): Promise<AdminQueueSettings> {
    await authorizeOffice(this.app, request, 'admin.office.read', officeId);
    return this.settingsOf(officeId);
  }

  async putSettings(request: FastifyRequest, officeId: string, body: AdminQueueSettingsBody): Promise<AdminQueueSettings> {
    await authorizeOffice(this.app, request, 'admin.queue-settings.update', officeId);
    const capacity = body.dailyCapacity ?? [];
    if (capacity.length > 0) {
      const offered = new Set((await this.app.prisma.officeService.findMany({ where: { officeId }, select: { serviceId: true } })).map((s) => s.serviceId));
      const problems = capacity.flatMap((c, i) => (offered.has(c.serviceId) ? [] : [{ field: `body.dailyCapacity[${i}].serviceId`, rule: 'offered', message: '本大厅不办理该事项' }]));
      if (problems.length > 0) throw new AppError('VALIDATION_FAILED', '只能设置本大厅办理的事项', problems);
    }
    const before = await this.settingsOf(officeId);
    const { dailyCapacity: _ignored, ...thresholds } = body;
    await this.app.prisma.$transaction(async (tx) => {
      await tx.officeQueueSettings.upsert({ where: { officeId }, create: { officeId, ...thresholds }, update: thresholds });
      for (const c of capacity) await tx.officeService.update({ where: { officeId_serviceId: { officeId, serviceId: c.serviceId } }, data: { dailyTicketCapacity: c.dailyTicketCapacity } });
      const after = { ...thresholds, dailyCapacity: capacity };
      await recordChange(this.app, request, { action: 'admin.queue-settings.update', resourceType: 'queueSettings', resourceId: officeId, officeId, before: { ...before, dailyCapacity: before.dailyCapacity.filter((b) => capacity.some((c) => c.serviceId === b.serviceId)) }, after }, tx);
    });
    this.app.live.publish(officeId);
    return this.settingsOf(officeId);
  }

  private async settingsOf(officeId: string): Promise<AdminQueueSettings> {
    const [row, services] = await Promise.all([
      this.app.prisma.officeQueueSettings.findUnique({ where: { officeId } }),
      this.app.prisma.officeService.findMany({ where: { officeId }, select: { serviceId: true, dailyTicketCapacity: true }, orderBy: { serviceId: 'asc' } }),
    ]);
    const s = row ?? DEFAULT_QUEUE_SETTINGS;
    return { nearPeopleAhead: s.nearPeopleAhead, nearMinutes: s.nearMinutes, maxPriorityStreak: s.maxPriorityStreak, dailyCapacity: services };
  }

  /** The letters must be ones the hall's services use: a window serving no service's letter serves nobody. */
  private async checkLetters(officeId: string, letters: readonly string[]): Promise<void> {
    const services = await this.app.prisma.officeService.findMany({ where: { officeId }, select: { service: { select: { categoryLetter: true } } } });
    const used = new Set(services.map((s) => s.service.categoryLetter));
    const problems = letters.flatMap((l, i) => (used.has(l) ? [] : [{ field: `body.categories[${i}]`, rule: 'letter', message: `本大厅没有 ${l} 类业务` }]));
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', `窗口只能办理本大厅的业务类别（${[...used].sort().join('、')}）`, problems);
  }

  /** A window's clerk is a clerk posted to this hall. */
  private async checkClerk(officeId: string, clerkId: string): Promise<void> {
    const clerk = await this.app.prisma.user.findUnique({ where: { id: clerkId }, select: { roles: true, officeId: true, disabled: true } });
    if (!clerk || !clerk.roles.includes('CLERK') || clerk.officeId !== officeId || clerk.disabled) {
      throw new AppError('VALIDATION_FAILED', '只能指派本大厅的窗口工作人员', [{ field: 'body.clerkId', rule: 'clerkOfTheOffice' }]);
    }
  }
}
