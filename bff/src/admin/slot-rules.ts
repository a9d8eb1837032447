// A hall's slot rules as the admin console runs them (issue 17 item 4): one rule per hall and
// service — weekday templates, capacity, breaks, slot length, release time (放号) and horizon.
// Before saving, a preview says what the change would do to the slots over the rule's horizon:
// how many are created, updated, withdrawn, and which booked ones it no longer plans. The preview
// is the slot job's own plan (appointments/slots.ts planRule) for the rule as it would be saved;
// saving stores the rule and runs the slot job for it, which carries out that plan. Booked slots
// are never changed by a rule: one the new rule drops while the hall is open is kept (and
// reported, so the hall can contact the person). Admins any hall; a hall manager their own.
import type { AdminSlotRule, AdminSlotRuleCreate, AdminSlotRulePatch, AdminSlotRulePreview, SlotPlanSummary } from '@palm/shared/server';
import { parseSlotRule, WEEKDAY_NAMES } from '@palm/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Prisma, SlotRule } from '@palm/db/client';
import { applyPlan, type GenerateSummary, planRule, type PlannableRule, type RulePlan } from '../appointments/slots';
import { CalendarCache, isoDateOf } from '../catalogue/calendar';
import { isUniqueViolation } from '../lib/constraints';
import { AppError } from '../lib/errors';
import { authorizeOffice, pick, recordChange } from './changes';
import { dayHoursProblems, refuseProblems } from './hours';

const RULE_FIELDS = ['weekTemplate', 'breaks', 'slotMinutes', 'capacityPerSlot', 'horizonDays', 'releaseTime', 'adjustedWorkdayWeekday', 'active'] as const;
const DEFAULTS = { breaks: [] as Array<[string, string]>, slotMinutes: 30, horizonDays: 7, releaseTime: '08:00', adjustedWorkdayWeekday: null, active: true };
type RuleWithService = SlotRule & { service: { name: string } };

/** A plan in the console's terms. */
function summaryOf(plan: RulePlan | null): SlotPlanSummary {
  if (!plan) return { created: 0, updated: 0, withdrawn: 0, closedBooked: 0, keptBooked: 0, keptBookedDates: [] };
  return {
    created: plan.created.length,
    updated: plan.updated.length,
    withdrawn: plan.withdrawn.length,
    closedBooked: plan.closed.length,
    keptBooked: plan.kept.length,
    keptBookedDates: [...new Set(plan.kept.map((s) => isoDateOf(s.date)))].sort(),
  };
}

const toRule = (r: RuleWithService): AdminSlotRule => ({
  id: r.id,
  officeId: r.officeId,
  serviceId: r.serviceId,
  serviceName: r.service.name,
  weekTemplate: r.weekTemplate as AdminSlotRule['weekTemplate'],
  breaks: r.breaks as AdminSlotRule['breaks'],
  slotMinutes: r.slotMinutes,
  capacityPerSlot: r.capacityPerSlot,
  horizonDays: r.horizonDays,
  releaseTime: r.releaseTime,
  adjustedWorkdayWeekday: r.adjustedWorkdayWeekday,
  active: r.active,
});

export class SlotRuleAdmin {
  constructor(private readonly app: FastifyInstance) {}

  async list(request: FastifyRequest, officeId: string): Promise<{ items: AdminSlotRule[] }> {
    await authorizeOffice(this.app, request, 'admin.office.read', officeId);
    const rows = await this.app.prisma.slotRule.findMany({ where: { officeId }, include: { service: { select: { name: true } } }, orderBy: { serviceId: 'asc' } });
    return { items: rows.map(toRule) };
  }

  async create(request: FastifyRequest, body: AdminSlotRuleCreate): Promise<{ rule: AdminSlotRule; slots: SlotPlanSummary }> {
    await authorizeOffice(this.app, request, 'admin.slot-rule.manage', body.officeId);
    const fields = { ...DEFAULTS, ...body };
    await this.check(fields, body.officeId, body.serviceId);
    const row = await this.app.prisma
      .$transaction(async (tx) => {
        const created = await tx.slotRule.create({ data: { ...fields, weekTemplate: fields.weekTemplate as Prisma.InputJsonValue, breaks: fields.breaks }, include: { service: { select: { name: true } } } });
        await recordChange(this.app, request, { action: 'admin.slot-rule.manage', resourceType: 'slotRule', resourceId: created.id, officeId: created.officeId, before: null, after: pick(created, ['serviceId', ...RULE_FIELDS]) }, tx);
        return created;
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new AppError('CONFLICT', '本大厅这项业务已有预约规则，请修改原规则');
        throw err;
      });
    return { rule: toRule(row), slots: await this.run(row) };
  }

  async patch(request: FastifyRequest, id: string, body: AdminSlotRulePatch): Promise<{ rule: AdminSlotRule; slots: SlotPlanSummary }> {
    const rule = await this.authorizeRule(request, id);
    const merged = { ...rule, ...body };
    await this.check(merged, rule.officeId, rule.serviceId);
    const row = await this.app.prisma.$transaction(async (tx) => {
      const data: Prisma.SlotRuleUpdateInput = { ...body, ...(body.weekTemplate ? { weekTemplate: body.weekTemplate as Prisma.InputJsonValue } : {}) };
      const updated = await tx.slotRule.update({ where: { id }, data, include: { service: { select: { name: true } } } });
      const changed = Object.keys(body);
      await recordChange(this.app, request, { action: 'admin.slot-rule.manage', resourceType: 'slotRule', resourceId: id, officeId: rule.officeId, before: pick(rule, changed), after: pick(updated, changed) }, tx);
      return updated;
    });
    return { rule: toRule(row), slots: await this.run(row) };
  }

  /** What saving would do to the slots, without saving: the slot job's plan for the rule as it would be. */
  async preview(request: FastifyRequest, body: AdminSlotRulePreview): Promise<{ slots: SlotPlanSummary }> {
    let candidate: Omit<PlannableRule, 'office'>;
    if ('id' in body) {
      const { id, ...change } = body;
      const rule = await this.authorizeRule(request, id);
      candidate = { ...rule, ...change };
    } else {
      await authorizeOffice(this.app, request, 'admin.slot-rule.manage', body.officeId);
      const existing = await this.app.prisma.slotRule.findUnique({ where: { officeId_serviceId: { officeId: body.officeId, serviceId: body.serviceId } }, select: { id: true } });
      if (existing) throw new AppError('CONFLICT', '本大厅这项业务已有预约规则，请修改原规则');
      candidate = { ...DEFAULTS, ...body };
    }
    await this.check(candidate, candidate.officeId, candidate.serviceId);
    const office = await this.app.prisma.office.findUniqueOrThrow({ where: { id: candidate.officeId }, select: { weeklyHours: true, openOnHolidays: true } });
    const plan = await this.plan({ ...candidate, office });
    return { slots: summaryOf(plan) };
  }

  /** The slot job's plan for a rule over its horizon, now (null: nothing to plan). */
  private async plan(rule: PlannableRule): Promise<RulePlan | null> {
    const { clock } = this.app.resources;
    const now = clock.now();
    return planRule(this.app.prisma, rule, await new CalendarCache(this.app.prisma, 0).get(), { now, today: clock.businessDate(now) });
  }

  private async authorizeRule(request: FastifyRequest, id: string): Promise<SlotRule> {
    const found = await this.app.prisma.slotRule.findUnique({ where: { id }, include: { office: { select: { regionCode: true } } } });
    const { office: _office, ...rule } = await this.app.policy.authorizeFound(request, 'admin.slot-rule.manage', 'slotRule', id, found, (r) => ({ officeId: r.officeId, officeRegionCode: r.office.regionCode }));
    return rule;
  }

  /** The service is one the hall offers; breaks in order; the rule reads as the slot job will read it. */
  private async check(rule: Parameters<typeof parseSlotRule>[0], officeId: string, serviceId: string): Promise<void> {
    const offered = await this.app.prisma.officeService.findUnique({ where: { officeId_serviceId: { officeId, serviceId } }, select: { serviceId: true } });
    if (!offered) throw new AppError('VALIDATION_FAILED', '本大厅不办理该事项，请先在大厅设置中添加', [{ field: 'body.serviceId', rule: 'offered' }]);
    refuseProblems(dayHoursProblems((rule.breaks ?? []) as Array<[string, string]>, 'body.breaks'), '午休等时段有误');
    // A 调休 working day follows a weekday that has hours (one without would give that day no slots).
    const adjusted = rule.adjustedWorkdayWeekday;
    const week = rule.weekTemplate as Record<string, unknown> | null;
    if (adjusted !== null && adjusted !== undefined && !week?.[String(adjusted)]) {
      throw new AppError('VALIDATION_FAILED', `${WEEKDAY_NAMES[adjusted - 1] ?? '这天'}不放号，调休上班日不能按它放号`, [{ field: 'body.adjustedWorkdayWeekday', rule: 'weekdayWithHours', value: adjusted }]);
    }
    try {
      parseSlotRule(rule);
    } catch (err) {
      if (err instanceof RangeError) throw new AppError('VALIDATION_FAILED', `预约规则有误：${err.message}`, [{ field: 'body', rule: 'slotRule' }]);
      throw err;
    }
  }

  /**
   * The slot job for the saved rule: its plan (the preview's), carried out. The counts are what the
   * writes did (a slot booked meanwhile is left alone, so it can be fewer than planned).
   */
  private async run(rule: SlotRule): Promise<SlotPlanSummary> {
    const office = await this.app.prisma.office.findUniqueOrThrow({ where: { id: rule.officeId }, select: { weeklyHours: true, openOnHolidays: true } });
    const plan = await this.plan({ ...rule, office });
    if (!plan) return summaryOf(null);
    const done: GenerateSummary = { rules: 1, created: 0, updated: 0, withdrawn: 0, closedBooked: 0, cancelled: 0, keptBooked: 0, failedRules: 0 };
    await applyPlan({ prisma: this.app.prisma, resources: this.app.resources, log: this.app.log }, rule, plan, this.app.resources.clock.now(), done);
    return { ...summaryOf(plan), created: done.created, updated: done.updated, withdrawn: done.withdrawn, closedBooked: done.closedBooked };
  }
}
