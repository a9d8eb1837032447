// A simulated morning at the county centre (issue 4 "Estimate"): people take numbers every few
// minutes, two windows call, start and finish with varied service times, the clock moves minute
// by minute. Every finished ticket keeps the range it was shown and when it was really called;
// the supervisor's accuracy report is computed from them and printed.
import { COUNTER_IDS, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { createClock, type Clock } from '../../src/lib/clock';
import { build, closeTestDatabase, type TestApp } from '../helper';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE = SERVICE_IDS.socialSecurityCardApply;
const WINDOWS = [COUNTER_IDS.countyCenter1, COUNTER_IDS.countyCenter2];

describe('a simulated morning of queueing', () => {
  let t: TestApp;
  let sim = Date.parse('2026-11-23T09:00:00+08:00');
  const base = createClock();
  const clock: Clock = {
    now: () => new Date(sim),
    businessDate: (at) => base.businessDate(at ?? new Date(sim)),
    businessTime: (at) => base.businessTime(at ?? new Date(sim)),
    businessDateTime: (at) => base.businessDateTime(at ?? new Date(sim)),
  };

  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000' }, resources: { clock } });
    await t.app.prisma.counter.updateMany({ where: { officeId: OFFICE }, data: { state: 'CLOSED' } });
    await t.app.prisma.counter.updateMany({ where: { id: { in: WINDOWS } }, data: { state: 'OPEN' } });
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('records estimated vs actual waits for every finished ticket and reports the accuracy', async () => {
    const clerk = (await t.login({ phone: '13800000004' })).accessToken;
    const supervisor = (await t.login({ phone: '13800000005' })).accessToken;
    // A small deterministic generator: the same morning every run.
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const busyUntil = new Map<string, { ticketId: string; until: number } | null>(WINDOWS.map((w) => [w, null]));
    let taken = 0;
    for (let minute = 0; minute < 170; minute += 1) {
      if (minute < 90 && minute % 3 === 0) {
        const { accessToken } = await t.login({ phone: `133${String((taken += 1)).padStart(8, '0')}` });
        const res = await t.as(accessToken, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE } });
        expect(res.statusCode).toBe(201);
      }
      for (const window of WINDOWS) {
        const current = busyUntil.get(window);
        if (current && current.until <= minute) {
          expect((await t.as(clerk, { method: 'POST', url: `/api/tickets/${current.ticketId}/finish`, payload: {} })).statusCode).toBe(200);
          busyUntil.set(window, null);
        }
        if (!busyUntil.get(window)) {
          const called = (await t.as(clerk, { method: 'POST', url: `/api/counters/${window}/call-next`, payload: {} })).json().called;
          if (called) {
            await t.as(clerk, { method: 'POST', url: `/api/tickets/${called.id}/start`, payload: {} });
            busyUntil.set(window, { ticketId: called.id, until: minute + 6 + Math.floor(random() * 8) });
          }
        }
      }
      sim += 60_000;
    }
    const report = (await t.as(supervisor, { method: 'GET', url: `/api/offices/${OFFICE}/queue/accuracy?date=2026-11-23` })).json();
    console.log(`simulated morning: ${taken} tickets, ${report.finished} finished; estimate within range ${Math.round(report.withinRangeShare * 100)}%, mean error ${report.meanErrorMinutes} min`);
    expect(report.finished).toBe(taken);
    expect(report.samples).toBe(taken);
    expect(report.withinRangeShare).toBeGreaterThanOrEqual(0);
    expect(report.withinRangeShare).toBeLessThanOrEqual(1);
    const stat = await t.app.prisma.serviceTimeStat.findUniqueOrThrow({ where: { serviceId: SERVICE } });
    expect(stat.samples).toBe(taken);
    // The EWMA learnt this morning's 6–13 minute services.
    expect(stat.ewmaMinutes).toBeGreaterThan(5);
    expect(stat.ewmaMinutes).toBeLessThan(14);
    // A clerk may not read the supervisor's figures.
    expect((await t.as(clerk, { method: 'GET', url: `/api/offices/${OFFICE}/queue/accuracy` })).statusCode).toBe(404);
  }, 120_000);
});
