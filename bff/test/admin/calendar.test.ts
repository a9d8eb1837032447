// The working-day calendar in the admin console (issue 17), on a clock pinned to 2026-12-01 with
// the seeds' 2025–2026 calendar and no 2027: the log at start, /readyz and the console warn that the
// next 60 days reach an unloaded year; an import is validated (every date in the year, no
// duplicates, kinds, 调休 on weekends, 元旦 present); after importing 2027 every instance reloads at
// once — no cache to wait out — the warnings clear, and a new instance starts without one.
// fixtures/calendar-2027.json (the catalogue tests') is an invented arrangement, not the notice.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { addDays, daysBetween } from '@palm/shared';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { consoleUsers, json, type Console } from './helpers';

jest.setTimeout(60_000);
const CLOCK = '2026-12-01T10:00:00+08:00';
const FIXTURE = path.join(__dirname, '../catalogue/fixtures/calendar-2027.json');

interface Day {
  date: string;
  kind: string;
  name: string;
}

/** The fixture's notice (ranges of holidays, single workdays) as the console's list of days. */
async function days2027(): Promise<Day[]> {
  const doc = JSON.parse(await readFile(FIXTURE, 'utf8')) as { holidays: Array<{ name: string; from: string; to: string }>; workdays: Array<{ name: string; date: string }> };
  const holidays = doc.holidays.flatMap((h) => Array.from({ length: daysBetween(h.from, h.to) + 1 }, (_, i) => ({ date: addDays(h.from, i), kind: 'HOLIDAY', name: h.name })));
  return [...holidays, ...doc.workdays.map((w) => ({ date: w.date, kind: 'WORKDAY', name: w.name }))];
}

const warned = (t: TestApp) => t.logs.some((line) => line.includes('holiday calendar not loaded from 2027-01-01'));

describe('admin console: the holiday calendar (clock pinned to 2026-12-01, no 2027 loaded)', () => {
  let a: TestApp;
  let b: TestApp;
  let who: Console;
  beforeAll(async () => {
    a = await build({ redis: true, env: { PALM_CLOCK: CLOCK } });
    b = await build({ redis: true, reset: false, env: { PALM_CLOCK: CLOCK } });
    who = await consoleUsers(a);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await closeTestDatabase();
  });

  const readiness = async (t: TestApp) => (await t.app.inject({ url: '/readyz' })).json() as { checks: { calendar: string }; warnings: string[] };

  it('warns at start, in /readyz and on the console that the next 60 days reach 2027', async () => {
    expect(warned(a)).toBe(true);
    expect(warned(b)).toBe(true);
    for (const t of [a, b]) expect((await readiness(t)).checks.calendar).toBe('gap');
    const res = await a.as(who.admin, { method: 'GET', url: '/api/admin/calendar', query: { year: '2027' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, covered: false, days: [], coverage: { coveredYears: [2025, 2026], uncoveredFrom: '2027-01-01', warning: expect.stringContaining('2027-01-01') } });
    // Without a year: this year's.
    expect((await a.as(who.admin, json('GET', '/api/admin/calendar'))).json()).toMatchObject({ year: 2026, covered: true });
  });

  it('is for admins only', async () => {
    for (const token of [who.manager, who.clerk, who.citizen]) {
      expect(errorCodeOf(await a.as(token, json('GET', '/api/admin/calendar')))).toBe('FORBIDDEN');
      const res = await a.as(token, json('POST', '/api/admin/calendar/import', { year: 2027, days: await days2027() }));
      expect([res.statusCode, errorCodeOf(res)]).toEqual([403, 'FORBIDDEN']);
    }
    expect((await a.app.inject(json('GET', '/api/admin/calendar'))).statusCode).toBe(401);
    expect(await a.app.prisma.calendarDay.count({ where: { date: { gte: new Date('2027-01-01T00:00:00Z') } } })).toBe(0);
  });

  it('refuses an invalid notice naming the field, and loads nothing', async () => {
    const good = await days2027();
    const cases: Array<[object | undefined, string | undefined]> = [
      [undefined, undefined],
      [{}, undefined],
      [{ year: 2027, days: [] }, undefined],
      [{ year: 1999, days: good }, undefined],
      [{ year: 2027, days: [...good, { date: '2028-01-01', kind: 'HOLIDAY', name: '元旦' }] }, `body.days[${good.length}].date`],
      [{ year: 2027, days: [...good, { date: '2027-13-01', kind: 'HOLIDAY', name: '错误' }] }, `body.days[${good.length}].date`],
      [{ year: 2027, days: [...good, { ...good[3]!, name: '重复' }] }, `body.days[${good.length}].date`],
      [{ year: 2027, days: [...good, { date: '2027-03-06', kind: 'HOLIDAY_ISH', name: '错误' }] }, `body.days[${good.length}].kind`],
      // A Wednesday cannot be a 调休上班 day.
      [{ year: 2027, days: [...good, { date: '2027-03-03', kind: 'WORKDAY', name: '调休' }] }, `body.days[${good.length}].date`],
      [{ year: 2027, days: good.filter((d) => d.date !== '2027-01-01') }, 'body.days'],
      [{ year: 2027, days: [{ date: '2027-01-01', kind: 'HOLIDAY', name: '' }] }, undefined],
    ];
    for (const [body, field] of cases) {
      const res = await a.as(who.admin, json('POST', '/api/admin/calendar/import', body));
      expect([String(JSON.stringify(body)).slice(0, 60), res.statusCode, errorCodeOf(res)]).toEqual([String(JSON.stringify(body)).slice(0, 60), 400, 'VALIDATION_FAILED']);
      if (field) expect(res.json().error.details).toEqual([expect.objectContaining({ field })]);
    }
    expect(await a.app.prisma.calendarDay.count({ where: { date: { gte: new Date('2027-01-01T00:00:00Z') } } })).toBe(0);
  });

  it('imports 2027: every instance reloads at once, the warnings clear, a new instance starts without one', async () => {
    const res = await a.as(who.admin, json('POST', '/api/admin/calendar/import', { year: 2027, days: await days2027() }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, covered: true, created: 16, updated: 0, deleted: 0, coverage: { warning: null, uncoveredFrom: null } });
    expect(res.json().days).toContainEqual({ date: '2027-01-09', kind: 'WORKDAY', name: '测试调休上班' });
    expect(await readiness(a)).toMatchObject({ checks: { calendar: 'ok' }, warnings: [] });
    // The other instance heard it on Redis: no minute-long cache to wait out.
    const deadline = Date.now() + 2000;
    while ((await readiness(b)).checks.calendar !== 'ok' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await readiness(b)).toMatchObject({ checks: { calendar: 'ok' }, warnings: [] });
    expect(await a.app.prisma.auditLog.findFirst({ where: { action: 'admin.calendar.import' }, orderBy: { id: 'desc' } })).toMatchObject({ resourceId: '2027', result: 'OK', meta: { before: { days: 0 }, after: { days: 16, created: 16 } } });

    const c = await build({ reset: false, env: { PALM_CLOCK: CLOCK } });
    try {
      expect(warned(c)).toBe(false);
    } finally {
      await c.close();
    }
    // The same notice again writes nothing.
    expect((await a.as(who.admin, json('POST', '/api/admin/calendar/import', { year: 2027, days: await days2027() }))).json()).toMatchObject({ created: 0, updated: 0, deleted: 0 });
  });
});
