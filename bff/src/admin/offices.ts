// A hall as the admin console runs it (issue 17): its weekly hours and 节假日 opening (admins and
// its hall manager), its name, address, phone and the services it offers (admins), and its dated
// closures and special hours. A change to when the hall opens runs the slot job for the hall at
// once: slots the hall no longer opens for are withdrawn, and bookings of a day it now closes are
// cancelled as the hall's doing and their people told (appointments/hall-closure.ts, the existing
// mechanism) — never counted as no-shows.
import type { AdminException, AdminExceptionBody, AdminExceptionPreview, AdminOffice, AdminOfficePatch } from '@palm/shared/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addDays, type WeeklyHours } from '@palm/shared';
import type { Prisma } from '@palm/db/client';
import { appointmentsToCancel, generateSlots } from '../appointments/slots';
import { isoDateOf } from '../catalogue/calendar';
import { parseDayHours, parseWeeklyHours } from '../catalogue/hours';
import { isUniqueViolation } from '../lib/constraints';
import { AppError } from '../lib/errors';
import { authorizeOffice, pick, recordChange } from './changes';
import { dayHoursProblems, refuseProblems, weeklyHoursProblems } from './hours';

const utcDate = (date: string) => new Date(`${date}T00:00:00.000Z`);
/** How far ahead a closure may be entered: a year (a notice for next year's 春节, say). */
const EXCEPTION_HORIZON_DAYS = 366;
const HOURS_FIELDS = ['weeklyHours', 'openOnHolidays'] as const;
const PROFILE_FIELDS = ['name', 'address', 'phone', 'serviceIds'] as const;
const DAY_TAKEN = '这一天已有特别安排，请先删除原安排再添加';

type ExceptionRow = { id: string; date: Date; closed: boolean; hours: Prisma.JsonValue; note: string | null };
const toException = (row: ExceptionRow): AdminException => ({
  id: row.id,
  date: isoDateOf(row.date),
  closed: row.closed,
  hours: row.hours == null ? null : parseDayHours(row.hours),
  reason: row.note,
});

export class OfficeAdmin {
  constructor(private readonly app: FastifyInstance) {}

  async get(request: FastifyRequest, id: string): Promise<AdminOffice> {
    await authorizeOffice(this.app, request, 'admin.office.read', id);
    return this.view(id);
  }

  /**
   * Hours need `admin.office.hours` (a hall manager's own hall); the name, contact and services
   * offered need `admin.office.profile` too (admins): a hall manager who sends them is refused
   * (403: the hall is theirs to see) and nothing is changed.
   */
  async patch(request: FastifyRequest, id: string, body: AdminOfficePatch): Promise<AdminOffice> {
    const touches = (fields: readonly string[]) => fields.filter((f) => Object.hasOwn(body, f));
    const hoursFields = touches(HOURS_FIELDS);
    const profileFields = touches(PROFILE_FIELDS);
    const office = await authorizeOffice(this.app, request, hoursFields.length > 0 ? 'admin.office.hours' : 'admin.office.read', id);
    if (profileFields.length > 0) await this.app.policy.authorize(request, 'admin.office.profile', { type: 'office', officeId: office.id, officeRegionCode: office.regionCode });
    if (body.weeklyHours) refuseProblems(weeklyHoursProblems(body.weeklyHours as WeeklyHours));
    if (body.serviceIds) {
      const known = await this.app.prisma.service.findMany({ where: { id: { in: body.serviceIds } }, select: { id: true } });
      const unknown = body.serviceIds.filter((s) => !known.some((k) => k.id === s));
      if (unknown.length > 0) throw new AppError('VALIDATION_FAILED', '所选事项不存在，请刷新后重试', unknown.map((s) => ({ field: 'body.serviceIds', rule: 'exists', value: s })));
    }
    const stopped = await this.app.prisma.$transaction(async (tx) => {
      const before = await tx.office.findUniqueOrThrow({ where: { id }, include: { services: { select: { serviceId: true } } } });
      const { serviceIds, ...fields } = body;
      const data: Prisma.OfficeUpdateInput = { ...fields, ...(fields.weeklyHours ? { weeklyHours: fields.weeklyHours as Prisma.InputJsonValue } : {}) };
      const after = await tx.office.update({ where: { id }, data });
      const beforeServices = before.services.map((s) => s.serviceId).sort();
      const stopping = serviceIds ? await this.stopServices(tx, id, serviceIds) : null;
      if (serviceIds) {
        await tx.officeService.deleteMany({ where: { officeId: id, serviceId: { notIn: serviceIds } } });
        await tx.officeService.createMany({ data: serviceIds.map((serviceId) => ({ officeId: id, serviceId })), skipDuplicates: true });
      }
      const plain = Object.keys(fields);
      await recordChange(
        this.app,
        request,
        {
          action: profileFields.length > 0 ? 'admin.office.profile' : 'admin.office.hours',
          resourceType: 'office',
          resourceId: id,
          officeId: id,
          before: { ...pick(before, plain), ...(serviceIds ? { serviceIds: beforeServices } : {}) },
          after: { ...pick(after, plain), ...(serviceIds ? { serviceIds: [...serviceIds].sort() } : {}) },
          ...(stopping && stopping.services.length > 0 ? { extra: { servicesStopped: stopping.services, slotRulesStopped: stopping.rules, slotsWithdrawn: stopping.slotsWithdrawn } } : {}),
        },
        tx,
      );
      return stopping?.services ?? [];
    });
    if (hoursFields.length > 0 || stopped.length > 0) await this.regenerate(id);
    return this.view(id);
  }

  /**
   * Stops the services `serviceIds` no longer lists, inside the change's transaction: their coming
   * slots are locked first (a booking in flight waits, then finds its slot withdrawn), then the
   * change is refused (409, nothing changed) while any of them has a booking from today on not yet
   * handled — those people were promised the service here; otherwise the unbooked slots are
   * withdrawn and the slot rules stop (re-offering the service leaves them stopped until the hall
   * starts them again in 预约号源).
   */
  private async stopServices(tx: Prisma.TransactionClient, officeId: string, serviceIds: string[]): Promise<{ services: string[]; rules: string[]; slotsWithdrawn: number }> {
    const offered = await tx.officeService.findMany({ where: { officeId, serviceId: { notIn: serviceIds } }, select: { serviceId: true, service: { select: { name: true } } } });
    const services = offered.map((o) => o.serviceId);
    if (services.length === 0) return { services, rules: [], slotsWithdrawn: 0 };
    const now = this.app.resources.clock.now();
    await tx.$queryRaw`SELECT "id" FROM "Slot" WHERE "officeId" = ${officeId}::uuid AND "serviceId" = ANY(${services}::uuid[]) AND "withdrawnAt" IS NULL AND "startsAt" > ${now} ORDER BY "id" FOR UPDATE`;
    const today = utcDate(this.app.resources.clock.businessDate());
    const pending = await tx.appointment.groupBy({
      by: ['serviceId'],
      where: { officeId, serviceId: { in: services }, status: { in: ['BOOKED', 'CHECKED_IN'] }, date: { gte: today } },
      _count: { _all: true },
    });
    if (pending.length > 0) {
      const names = pending.map((p) => `“${offered.find((o) => o.serviceId === p.serviceId)?.service.name}”${p._count._all} 个`).join('、');
      throw new AppError('CONFLICT', `${names}预约尚未办理，不能停办；请先停用该事项的预约号源，待预约办完后再停办`, pending.map((p) => ({ field: 'body.serviceIds', rule: 'activeBookings', value: p.serviceId })));
    }
    const withdrawn = await tx.slot.updateMany({ where: { officeId, serviceId: { in: services }, withdrawnAt: null, startsAt: { gt: now }, booked: 0, held: 0 }, data: { withdrawnAt: now } });
    const rules = (await tx.slotRule.findMany({ where: { officeId, serviceId: { in: services }, active: true }, select: { id: true } })).map((r) => r.id);
    if (rules.length > 0) await tx.slotRule.updateMany({ where: { id: { in: rules } }, data: { active: false } });
    return { services, rules, slotsWithdrawn: withdrawn.count };
  }

  async addException(request: FastifyRequest, id: string, body: AdminExceptionBody): Promise<{ exception: AdminException; appointmentsCancelled: number }> {
    const { closed, hours } = await this.checkException(request, id, body);
    const row = await this.app.prisma
      .$transaction(async (tx) => {
        const created = await tx.officeException.create({ data: { officeId: id, date: utcDate(body.date), closed, hours: hours ?? undefined, note: body.reason } });
        await recordChange(this.app, request, { action: 'admin.office.hours', resourceType: 'officeException', resourceId: created.id, officeId: id, before: null, after: toException(created) }, tx);
        return created;
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new AppError('CONFLICT', DAY_TAKEN);
        throw err;
      });
    const summary = await this.regenerate(id);
    return { exception: toException(row), appointmentsCancelled: summary.cancelled };
  }

  /**
   * What adding the closure would cancel, nothing saved: the same checks as adding it, then the slot
   * job's own plans with the closure as if saved (appointments/slots.ts appointmentsToCancel) — the
   * bookings addException's run cancels, unless someone books or cancels in between.
   */
  async previewException(request: FastifyRequest, id: string, body: AdminExceptionBody): Promise<AdminExceptionPreview> {
    const { closed, hours } = await this.checkException(request, id, body);
    const taken = await this.app.prisma.officeException.findUnique({ where: { officeId_date: { officeId: id, date: utcDate(body.date) } }, select: { id: true } });
    if (taken) throw new AppError('CONFLICT', DAY_TAKEN);
    const appointmentsAffected = await appointmentsToCancel(this.deps(), { officeId: id, unsavedException: { date: utcDate(body.date), closed, hours, note: body.reason } });
    return { date: body.date, appointmentsAffected };
  }

  /** The hall may be changed by this person, and the closure reads right: closed or one range, today to a year ahead. */
  private async checkException(request: FastifyRequest, id: string, body: AdminExceptionBody): Promise<{ closed: boolean; hours: Array<[string, string]> | null }> {
    await authorizeOffice(this.app, request, 'admin.office.hours', id);
    const closed = body.closed === true;
    const hasHours = body.opens !== undefined || body.closes !== undefined;
    if (closed === hasHours) {
      throw new AppError('VALIDATION_FAILED', '请选择全天闭厅，或填写当天的开始和结束时间', [{ field: 'body', rule: 'closedOrHours' }]);
    }
    if (hasHours && (body.opens === undefined || body.closes === undefined)) {
      throw new AppError('VALIDATION_FAILED', '请同时填写开始和结束时间', [{ field: body.opens === undefined ? 'body.opens' : 'body.closes', rule: 'required' }]);
    }
    const hours = hasHours ? ([[body.opens!, body.closes!]] as Array<[string, string]>) : null;
    if (hours) refuseProblems(dayHoursProblems(hours, 'body.opens'));
    const today = this.app.resources.clock.businessDate();
    if (body.date < today || body.date > addDays(today, EXCEPTION_HORIZON_DAYS)) {
      throw new AppError('VALIDATION_FAILED', `日期须在今天（${today}）到一年以内`, [{ field: 'body.date', rule: 'range' }]);
    }
    return { closed, hours };
  }

  async removeException(request: FastifyRequest, officeId: string, exceptionId: string): Promise<AdminException> {
    const found = await this.app.prisma.officeException.findUnique({ where: { id: exceptionId }, include: { office: { select: { regionCode: true } } } });
    // One of another hall through this hall's path names nothing here.
    const row = found && found.officeId === officeId ? found : null;
    await this.app.policy.authorizeFound(request, 'admin.office.hours', 'officeException', exceptionId, row, (r) => ({ officeId: r.officeId, officeRegionCode: r.office.regionCode }));
    await this.app.prisma.$transaction(async (tx) => {
      await tx.officeException.delete({ where: { id: exceptionId } });
      await recordChange(this.app, request, { action: 'admin.office.hours', resourceType: 'officeException', resourceId: exceptionId, officeId, before: toException(row!), after: null }, tx);
    });
    await this.regenerate(officeId);
    return toException(row!);
  }

  /** The slot job for this hall (appointments/slots.ts): closes what the hall no longer opens for. */
  private regenerate(officeId: string) {
    return generateSlots(this.deps(), { officeId });
  }

  private deps() {
    return { prisma: this.app.prisma, resources: this.app.resources, log: this.app.log };
  }

  private async view(id: string): Promise<AdminOffice> {
    const today = this.app.resources.clock.businessDate();
    const [office, waiting] = await Promise.all([
      this.app.prisma.office.findUniqueOrThrow({
        where: { id },
        include: {
          exceptions: { where: { date: { gte: utcDate(today) } }, orderBy: { date: 'asc' } },
          services: { include: { service: { select: { name: true, categoryLetter: true } } }, orderBy: { serviceId: 'asc' } },
        },
      }),
      // Today's numbers still to be served, per service: 大厅信息 says they are still called when the
      // service stops (a stop refuses new takes and bookings only).
      this.app.prisma.ticket.groupBy({
        by: ['serviceId'],
        where: { officeId: id, businessDate: utcDate(today), status: { in: ['WAITING', 'CALLED', 'SERVING'] } },
        _count: { _all: true },
      }),
    ]);
    const waitingOf = (serviceId: string) => waiting.find((w) => w.serviceId === serviceId)?._count._all ?? 0;
    return {
      id: office.id,
      code: office.code,
      name: office.name,
      level: office.level,
      regionCode: office.regionCode,
      address: office.address,
      phone: office.phone,
      weeklyHours: parseWeeklyHours(office.weeklyHours),
      openOnHolidays: office.openOnHolidays,
      exceptions: office.exceptions.map(toException),
      services: office.services.map((s) => ({ id: s.serviceId, name: s.service.name, categoryLetter: s.service.categoryLetter, dailyTicketCapacity: s.dailyTicketCapacity, waitingToday: waitingOf(s.serviceId) })),
    };
  }
}
