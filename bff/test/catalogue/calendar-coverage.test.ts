// Calendar coverage on a clock pinned to 2026-12-15 with the seeds' 2025–2026 calendar and no 2027:
// readiness warns (without draining the instance), 元旦 and 春节 2027 are still holidays by the
// statutory fallback, and loading 2027 from a file through `npm run db:calendar` clears the warning.
// fixtures/calendar-2027.json is an invented arrangement for tests, not the State Council notice.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { generateSlots } from '../../src/appointments/slots';
import { calendarCacheFor } from '../../src/catalogue/calendar';
import { loadCalendarYear, parseCalendarYear, SEED_IDS } from '../../../seeds';
import { build, closeTestDatabase, type TestApp } from '../helper';
import { getTestDatabaseUrl } from '../db';

const O = SEED_IDS.offices;
const S = SEED_IDS.services;
const CLOCK = '2026-12-15T10:00:00+08:00';
const ROOT = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(__dirname, 'fixtures/calendar-2027.json');

async function loadWithCli(): Promise<string> {
  const env = { ...process.env, DATABASE_URL: await getTestDatabaseUrl(), PALM_CLOCK: CLOCK };
  const { stdout } = await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/tsx'), ['bff/src/calendar-cli.ts', FIXTURE], { cwd: ROOT, env });
  return stdout;
}

const slotDay = async (t: TestApp, date: string) => {
  const res = await t.app.inject({ url: `/api/offices/${O.countyCenter}/slots`, query: { serviceId: S.marriageRegistration, date } });
  expect(res.statusCode).toBe(200);
  return res.json() as { items: unknown[]; note: string | null };
};

describe('calendar coverage (clock pinned to 2026-12-15, calendar seeded for 2025–2026)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ env: { PALM_CLOCK: CLOCK } });
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('readiness stays ready but reports that the next 60 days reach the unloaded 2027', async () => {
    const res = await t.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.checks).toEqual({ database: 'ok', redis: 'disabled', calendar: 'gap' });
    expect(body.warnings).toHaveLength(1);
    expect(body.warnings[0]).toContain('not loaded from 2027-01-01');
    expect(body.warnings[0]).toContain('npm run db:calendar');
  });

  it('the start banner’s coverage says the same', async () => {
    const coverage = await t.app.catalogue.calendarCoverage();
    expect(coverage).toMatchObject({ coveredYears: [2025, 2026], horizon: { from: '2026-12-15', to: '2027-02-13' }, uncoveredFrom: '2027-01-01' });
  });

  it('counts 元旦 2027 as a holiday in working-day arithmetic', async () => {
    const calendar = await calendarCacheFor(t.resources).get();
    expect(calendar.dayKind('2027-01-01')).toBe('HOLIDAY');
    expect(calendar.nextWorkingDay('2026-12-31')).toBe('2027-01-04');
  });

  it('counts the lunar statutory days of 2027 too: 除夕 and 正月初一–初三 (02-05…02-08), 清明, 端午, 中秋', async () => {
    const calendar = await calendarCacheFor(t.resources).get();
    for (const date of ['2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15']) expect([date, calendar.dayKind(date)]).toEqual([date, 'HOLIDAY']);
    expect(calendar.nextWorkingDay('2027-02-04')).toBe('2027-02-09');
    expect((await t.app.catalogue.calendarCoverage()).warning).toContain('春节');
  });

  it('generates no slots on 元旦 2027 and says it is a holiday, but does on the Monday after', async () => {
    await generateSlots(t.app, { days: 30 });
    expect(await slotDay(t, '2027-01-01')).toMatchObject({ items: [], note: '法定节假日不开放预约，急办事项可到大厅现场办理' });
    expect((await slotDay(t, '2027-01-04')).items.length).toBeGreaterThan(0);
    expect((await slotDay(t, '2027-01-09')).items).toEqual([]);
  });

  it('after `npm run db:calendar -- 2027.json` the warning clears, and a second load writes nothing', async () => {
    expect(await loadWithCli()).toContain('calendar 2027: 16 days in the file, 16 created, 0 updated, 0 deleted');
    calendarCacheFor(t.resources).invalidate();
    const res = await t.app.inject({ url: '/readyz' });
    expect(res.json()).toMatchObject({ status: 'ready', checks: { calendar: 'ok' }, warnings: [] });
    expect((await t.app.catalogue.calendarCoverage()).coveredYears).toEqual([2025, 2026, 2027]);
    // The file's 调休 Saturday is now a working day: the slot job gives it slots.
    await generateSlots(t.app, { days: 30 });
    expect((await slotDay(t, '2027-01-09')).items.length).toBeGreaterThan(0);
    expect(await loadWithCli()).toContain('0 created, 0 updated, 0 deleted');
  }, 60_000);

  it('a corrected file replaces the year: days it no longer lists are removed, renamed ones updated', async () => {
    const doc = JSON.parse(await readFile(FIXTURE, 'utf8')) as { holidays: Array<{ name: string; from: string; to?: string }> };
    doc.holidays = doc.holidays.map((h) => (h.name === '国庆节' ? { ...h, name: '国庆节、中秋节', to: '2027-10-06' } : h));
    expect(await loadCalendarYear(t.app.prisma, parseCalendarYear(doc))).toEqual({ year: 2027, created: 0, updated: 6, deleted: 1 });
    expect(await t.app.prisma.calendarDay.findUnique({ where: { date: new Date('2027-10-07T00:00:00Z') } })).toBeNull();
  });
});

describe('opening hours outside coverage (元旦 2027, calendar seeded for 2025–2026 only)', () => {
  it('every hall is closed on 2027-01-01 and opens again after it', async () => {
    const t = await build({ env: { PALM_CLOCK: '2027-01-01T10:00:00+08:00' } });
    try {
      const res = await t.app.inject({ url: '/api/offices' });
      expect(res.statusCode).toBe(200);
      const items = res.json().items as Array<{ id: string; openNow: boolean; todayHours: unknown[]; opensNext: { date: string } | null }>;
      expect(items.every((o) => !o.openNow && o.todayHours.length === 0)).toBe(true);
      expect(items.find((o) => o.id === O.countyCenter)?.opensNext?.date).toMatch(/^2027-01-0[2-4]$/);
    } finally {
      await t.close();
      await closeTestDatabase();
    }
  });
});
