// The working-day calendar as the admin console keeps it (issue 17): a year's days and whether the
// coming 60 days are covered; importing a year's notice — checked by the same rules as `npm run
// db:calendar` (seeds/calendar-file.ts checkCalendarDays) and loaded the same way
// (catalogue/calendar-import.ts) — after which every instance reloads its calendar at once
// (catalogue/reloads.ts) and /readyz's `calendar: gap` clears. Admins only.
import type { AdminCalendar, AdminCalendarImport } from '@palm/shared/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CalendarFileError, checkCalendarDays } from '../../../seeds';
import { isoDateOf } from '../catalogue/calendar';
import { importCalendarYear } from '../catalogue/calendar-import';
import { AppError } from '../lib/errors';
import { recordChange } from './changes';

const dbDate = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

export class CalendarAdmin {
  constructor(private readonly app: FastifyInstance) {}

  async get(request: FastifyRequest, year?: number): Promise<AdminCalendar> {
    await this.app.policy.authorize(request, 'admin.calendar.read');
    return this.view(year ?? Number(this.app.resources.clock.businessDate().slice(0, 4)));
  }

  async import(request: FastifyRequest, body: AdminCalendarImport): Promise<AdminCalendar & { created: number; updated: number; deleted: number }> {
    await this.app.policy.authorize(request, 'admin.calendar.import');
    let file;
    try {
      file = checkCalendarDays(body.year, body.days);
    } catch (err) {
      if (err instanceof CalendarFileError) throw new AppError('VALIDATION_FAILED', `节假日安排有误：${err.message}`, [{ field: `body.${err.field ?? 'days'}`, rule: err.rule ?? 'calendar' }]);
      throw err;
    }
    const before = await this.days(body.year);
    const { loaded } = await importCalendarYear({ prisma: this.app.prisma, resources: this.app.resources, log: this.app.log }, file);
    await recordChange(this.app, request, {
      action: 'admin.calendar.import',
      resourceType: 'calendar',
      resourceId: String(body.year),
      officeId: null,
      before: { days: before.length },
      after: { days: file.days.length, created: loaded.created, updated: loaded.updated, deleted: loaded.deleted },
    });
    this.app.calendarReloads.changed();
    return { ...(await this.view(body.year)), created: loaded.created, updated: loaded.updated, deleted: loaded.deleted };
  }

  private async days(year: number) {
    const rows = await this.app.prisma.calendarDay.findMany({ where: { date: { gte: dbDate(`${year}-01-01`), lte: dbDate(`${year}-12-31`) } }, orderBy: { date: 'asc' } });
    return rows.map((r) => ({ date: isoDateOf(r.date), kind: r.kind, name: r.name }));
  }

  private async view(year: number): Promise<AdminCalendar> {
    const [days, coverage] = await Promise.all([this.days(year), this.app.catalogue.calendarCoverage()]);
    return { year, covered: coverage.coveredYears.includes(year), days, coverage };
  }
}
