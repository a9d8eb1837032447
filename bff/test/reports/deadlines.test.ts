// 办不成事 deadlines in working days on the 调休-aware calendar (issue 16; DESIGN.md §4), through the
// API on real PostgreSQL: a report received on Wednesday 2026-09-30, the eve of the National Day
// holiday (10-01 … 10-07 off; Saturday 10-10 worked), and the per-region setting.
import { workingDeadline, WorkingCalendar } from '@palm/shared';
import { CALENDAR_DAYS } from '../../../seeds';
import { calendarCacheFor } from '../../src/catalogue/calendar';
import { build, closeTestDatabase, type TestApp } from '../helper';
import { DEMO, OFFICE, REGION_CODES, reportFixtures, type Person } from './fixtures';

interface ReportJson {
  id: string;
  deadline: { kind: string; day: string; at: string; words: string };
}

describe('办不成事 deadlines across a holiday and a 调休 Saturday', () => {
  let t: TestApp;
  const f = reportFixtures(() => t, '1377');
  let supervisor: Person;

  beforeAll(async () => {
    t = await build({ env: { PALM_CLOCK: '2026-09-30T10:00:00+08:00', RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' } });
    supervisor = await f.byPhone(DEMO.supervisor);
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const triaged = async (cls: string): Promise<ReportJson> => {
    const me = await f.citizen();
    const created = (await f.report(me, { officeId: OFFICE })).json<ReportJson>();
    return (await f.call(supervisor, 'POST', `/api/reports/${created.id}/triage`, { class: cls })).json<ReportJson>();
  };

  it('acknowledges by the first working day after the holiday', async () => {
    const me = await f.citizen();
    const res = (await f.report(me, { officeId: OFFICE })).json<ReportJson>();
    expect(res.deadline).toMatchObject({ kind: 'ACK', day: '2026-10-08', at: '2026-10-08T16:00:00.000Z' });
  });

  it.each([
    // 10-08 Thu, 10-09 Fri, 10-10 Sat (调休, worked), 10-12 Mon, 10-13 Tue: without the 调休 Saturday it would be 10-14.
    ['GENERAL', '2026-10-13'],
    ['COMPLEX', '2026-10-20'],
    ['LEGALLY_IMPOSSIBLE', '2026-10-10'],
    ['STAFF_FAULT', '2026-10-10'],
  ])('%s: due %s', async (cls, day) => {
    expect((await triaged(cls)).deadline).toMatchObject({ kind: 'RESOLVE', day });
  });

  it('follows the region’s own setting, the nearest one up the tree', async () => {
    await t.app.prisma.reportSlaSetting.create({ data: { regionCode: REGION_CODES.county, generalDays: 3 } });
    try {
      expect((await triaged('GENERAL')).deadline.day).toBe('2026-10-10');
    } finally {
      await t.app.prisma.reportSlaSetting.delete({ where: { regionCode: REGION_CODES.county } });
    }
  });

  it('uses the calendar as loaded: a holiday added by an admin moves the deadline', async () => {
    await t.app.prisma.calendarDay.create({ data: { date: new Date('2026-10-12T00:00:00.000Z'), kind: 'HOLIDAY', name: '测试假日' } });
    calendarCacheFor(t.resources).invalidate();
    try {
      expect((await triaged('GENERAL')).deadline.day).toBe('2026-10-14');
    } finally {
      await t.app.prisma.calendarDay.delete({ where: { date: new Date('2026-10-12T00:00:00.000Z') } });
      calendarCacheFor(t.resources).invalidate();
    }
  });

  it('computes the same in the shared rule (pure), and a plain Mon–Fri count would be a day late', () => {
    const calendar = new WorkingCalendar(CALENDAR_DAYS.map((d) => ({ date: d.date, kind: d.kind })));
    expect(workingDeadline(calendar, '2026-09-30', 5).dueDate).toBe('2026-10-13');
    const withoutWorkday = new WorkingCalendar(CALENDAR_DAYS.filter((d) => d.kind === 'HOLIDAY').map((d) => ({ date: d.date, kind: d.kind })));
    expect(workingDeadline(withoutWorkday, '2026-09-30', 5).dueDate).toBe('2026-10-14');
  });
});
