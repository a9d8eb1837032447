// The demo seeds (issue 2 / DESIGN.md §2): consistent on their own, complete enough for the county
// of the issue, loaded into real PostgreSQL, and idempotent — a second load writes nothing.
import { CALENDAR_DAYS, DEMO_PHONES, OFFICES, seedAll, SERVICES, validateSeedData } from '../../../seeds';
import { build, closeTestDatabase, type TestApp } from '../helper';

describe('seed data', () => {
  it('passes every integrity rule (validateSeedData)', () => {
    expect(validateSeedData()).toEqual([]);
  });

  it('has the county of the issue: one centre, ≥ 4 town centres, ≥ 8 stations, ≥ 30 services', () => {
    const levels = OFFICES.reduce<Record<string, number>>((count, office) => ({ ...count, [office.level]: (count[office.level] ?? 0) + 1 }), {});
    expect(levels.COUNTY_CENTER).toBe(1);
    expect(levels.TOWN_CENTER).toBeGreaterThanOrEqual(4);
    expect(levels.VILLAGE_STATION).toBeGreaterThanOrEqual(8);
    expect(SERVICES.length).toBeGreaterThanOrEqual(30);
  });

  it('has the official 2025 and 2026 holidays and 调休 working days', () => {
    const day = (date: string) => CALENDAR_DAYS.find((d) => d.date === date)?.kind;
    expect(day('2025-10-01')).toBe('HOLIDAY');
    expect(day('2025-09-28')).toBe('WORKDAY');
    expect(day('2026-02-16')).toBe('HOLIDAY');
    expect(day('2026-02-14')).toBe('WORKDAY');
    expect(day('2026-10-10')).toBe('WORKDAY');
  });

  it('has the demo phones of DESIGN.md §2', () => {
    expect(Object.values(DEMO_PHONES)).toEqual(expect.arrayContaining(['13800000001', '13800000002', '13800000003', '13800000004', '13800000005', '13800000006']));
  });
});

describe('seedAll on PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('is idempotent: loading the seeds again writes no row', async () => {
    const again = await seedAll(t.app.prisma, t.resources.pii);
    expect(again.changes).toBe(0);
    expect(await t.app.prisma.office.count()).toBe(OFFICES.length);
    expect(await t.app.prisma.service.count()).toBe(SERVICES.length);
  });
});
