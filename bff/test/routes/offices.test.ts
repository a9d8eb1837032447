import { OFFICES, SEED_IDS, SLOT_RULES } from '../../../seeds';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';

interface OfficeItem {
  id: string;
  name: string;
  level: string;
  levelLabel: string;
  distanceMeters: number | null;
  openNow: boolean;
  todayHours: Array<[string, string]>;
  closesAt: string | null;
  opensNext: { date: string; time: string } | null;
  hasOnlineBooking?: boolean;
}

const O = SEED_IDS.offices;
// A few hundred metres from 上坊村便民服务站, far from every other hall.
const NEAR_SHANGFANG = { lat: '27.9330', lng: '115.0190' };

const list = async (t: TestApp, query: Record<string, string> = {}) => {
  const res = await t.app.inject({ url: '/api/offices', query });
  return { res, items: (res.json() as { items: OfficeItem[] }).items };
};
const byId = (items: OfficeItem[], id: string) => items.find((o) => o.id === id)!;

/** Switches one seeded slot rule off (or breaks it) for the length of `run`, then restores it. */
async function withRule(t: TestApp, key: { officeId: string; serviceId: string }, data: { active?: boolean; releaseTime?: string }, run: () => Promise<void>) {
  const where = { officeId_serviceId: key };
  const before = await t.app.prisma.slotRule.findUniqueOrThrow({ where });
  await t.app.prisma.slotRule.update({ where, data });
  try {
    await run();
  } finally {
    await t.app.prisma.slotRule.update({ where, data: { active: before.active, releaseTime: before.releaseTime } });
  }
}

describe('GET /api/offices (pinned Monday 2026-11-23 09:30)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('without a location lists every hall, county centre first, then towns, then stations', async () => {
    const { res, items } = await list(t);
    expect(res.statusCode).toBe(200);
    expect(items).toHaveLength(OFFICES.length);
    expect(items[0]).toMatchObject({ id: O.countyCenter, level: 'COUNTY_CENTER', levelLabel: '政务服务中心', distanceMeters: null });
    const levels = items.map((o) => o.level);
    expect(levels).toEqual([...levels].sort((a, b) => ['COUNTY_CENTER', 'TOWN_CENTER', 'VILLAGE_STATION'].indexOf(a) - ['COUNTY_CENTER', 'TOWN_CENTER', 'VILLAGE_STATION'].indexOf(b)));
    expect(items.find((o) => o.level === 'TOWN_CENTER')!.levelLabel).toBe('为民服务中心');
    expect(items.find((o) => o.level === 'VILLAGE_STATION')!.levelLabel).toBe('便民服务站');
  });

  it('the county centre is open now, until noon, with its two intervals today', async () => {
    const centre = byId((await list(t)).items, O.countyCenter);
    const seed = OFFICES.find((o) => o.id === O.countyCenter)!;
    expect(centre).toMatchObject({
      name: seed.name,
      address: seed.address,
      phone: seed.phone,
      lat: seed.lat,
      lng: seed.lng,
      openNow: true,
      todayHours: [
        ['09:00', '12:00'],
        ['13:30', '17:30'],
      ],
      closesAt: '12:00',
      opensNext: null,
    });
  });

  it('sorts by distance from a point near a village station, that station first', async () => {
    const { items } = await list(t, NEAR_SHANGFANG);
    expect(items[0]!.id).toBe(O.shangfangStation);
    expect(items[0]!.distanceMeters).toBeLessThan(200);
    const distances = items.map((o) => o.distanceMeters!);
    expect(distances.every((d) => Number.isInteger(d))).toBe(true);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('a hall closed today by a dated exception is closed now and says when it opens next', async () => {
    await t.app.prisma.officeException.create({
      data: { officeId: O.qingyunTown, date: new Date('2026-11-23T00:00:00Z'), closed: true, note: '系统升级，暂停服务一天' },
    });
    try {
      const { items } = await list(t);
      expect(byId(items, O.qingyunTown)).toMatchObject({ openNow: false, todayHours: [], closesAt: null, opensNext: { date: '2026-11-24', time: '08:30' } });
      const detail = (await t.app.inject({ url: `/api/offices/${O.qingyunTown}` })).json();
      expect(detail.upcomingExceptions[0]).toEqual({ date: '2026-11-23', closed: true, hours: null, note: '系统升级，暂停服务一天' });
      expect(detail.openNow).toBe(false);
    } finally {
      await t.app.prisma.officeException.deleteMany({ where: { officeId: O.qingyunTown, date: new Date('2026-11-23T00:00:00Z') } });
    }
  });

  it('filters by service: only halls offering it', async () => {
    const serviceId = SEED_IDS.services.companyRegistration;
    const { items } = await list(t, { serviceId });
    const expected = OFFICES.filter((o) => o.services.some((s) => s.serviceId === serviceId)).map((o) => o.id);
    expect(items.map((o) => o.id).sort()).toEqual([...expected].sort());
    const stationService = SEED_IDS.services.oldAgeAllowance;
    const near = await list(t, { serviceId: stationService, ...NEAR_SHANGFANG });
    expect(near.items.length).toBeGreaterThan(expected.length);
    expect(near.items[0]!.id).toBe(O.shangfangStation);
  });

  it('with a service, says of each hall whether it takes online bookings for it (an active slot rule)', async () => {
    const serviceId = SEED_IDS.services.residentIdRenewal;
    const { items } = await list(t, { serviceId });
    const withRules = SLOT_RULES.filter((r) => r.serviceId === serviceId).map((r) => r.officeId);
    expect(withRules).toEqual(expect.arrayContaining([O.countyCenter, O.qingyunTown, O.shiqiaoTown]));
    expect(items.filter((o) => o.hasOnlineBooking).map((o) => o.id).sort()).toEqual([...withRules].sort());
    expect(items.length).toBeGreaterThan(withRules.length);
    expect(items.every((o) => typeof o.hasOnlineBooking === 'boolean')).toBe(true);
  });

  it('a hall whose slot rule is switched off (active = false) or unreadable is not bookable; the others still are', async () => {
    const serviceId = SEED_IDS.services.residentIdRenewal;
    await withRule(t, { officeId: O.qingyunTown, serviceId }, { active: false }, async () => {
      const { items } = await list(t, { serviceId });
      expect(byId(items, O.qingyunTown).hasOnlineBooking).toBe(false);
      expect(byId(items, O.countyCenter).hasOnlineBooking).toBe(true);
      // The slot list agrees: no appointments there.
      const slots = await t.app.inject({ url: `/api/offices/${O.qingyunTown}/slots`, query: { serviceId } });
      expect(errorCodeOf(slots)).toBe('APPOINTMENT_NOT_OFFERED');
    });
    await withRule(t, { officeId: O.shiqiaoTown, serviceId }, { releaseTime: '8 am' }, async () => {
      expect(byId((await list(t, { serviceId })).items, O.shiqiaoTown).hasOnlineBooking).toBe(false);
      const slots = await t.app.inject({ url: `/api/offices/${O.shiqiaoTown}/slots`, query: { serviceId } });
      expect(errorCodeOf(slots)).toBe('APPOINTMENT_NOT_OFFERED');
    });
    expect(byId((await list(t, { serviceId })).items, O.qingyunTown).hasOnlineBooking).toBe(true);
  });

  it('without a service leaves bookable out (bookable for what?)', async () => {
    const { items } = await list(t);
    expect(items.some((o) => 'bookable' in o)).toBe(false);
  });

  it('filters by level', async () => {
    const { items } = await list(t, { level: 'VILLAGE_STATION' });
    expect(items.length).toBe(OFFICES.filter((o) => o.level === 'VILLAGE_STATION').length);
    expect(items.every((o) => o.level === 'VILLAGE_STATION')).toBe(true);
  });

  it('is 404 for a service id of nothing', async () => {
    const res = await t.app.inject({ url: '/api/offices', query: { serviceId: '00000000-0000-4000-8000-000000000000' } });
    expect(res.statusCode).toBe(404);
    expect(errorCodeOf(res)).toBe('NOT_FOUND');
  });

  it.each([
    ['lat=abc', { lat: 'abc', lng: '115.1' }],
    ['lat without lng', { lat: '27.8' }],
    ['lng without lat', { lng: '115.1' }],
    ['lat out of range', { lat: '90.5', lng: '115.1' }],
    ['lng out of range', { lat: '27.8', lng: '-181' }],
    ['Infinity', { lat: 'Infinity', lng: '115.1' }],
    ['-Infinity', { lat: '27.8', lng: '-Infinity' }],
    ['1e400', { lat: '1e400', lng: '115.1' }],
    ['NaN', { lat: 'NaN', lng: '115.1' }],
    ['empty lat', { lat: '', lng: '115.1' }],
    ['serviceId=not-a-uuid', { serviceId: 'not-a-uuid' }],
    ['an unknown level', { level: 'PALACE' }],
    ['an unknown parameter', { radius: '5000' }],
  ])('rejects %s with 400 and the error shape', async (_label, query) => {
    const res = await t.app.inject({ url: '/api/offices', query });
    expect(res.statusCode).toBe(400);
    expect(errorCodeOf(res)).toBe('VALIDATION_FAILED');
  });
});

describe('GET /api/offices/:id', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('returns the hall with weekly hours, upcoming exceptions, windows, services and open windows', async () => {
    const seed = OFFICES.find((o) => o.id === O.countyCenter)!;
    const res = await t.app.inject({ url: `/api/offices/${O.countyCenter}` });
    expect(res.statusCode).toBe(200);
    const office = res.json();
    expect(office).toMatchObject({ id: O.countyCenter, level: 'COUNTY_CENTER', openNow: true, distanceMeters: null, openOnHolidays: false });
    expect(office.weeklyHours).toEqual(seed.weeklyHours);
    // The seeded 2026-12-05 延时服务 Saturday is within 30 days of 2026-11-23.
    expect(office.upcomingExceptions).toEqual(
      seed.exceptions.filter((e) => e.date >= '2026-11-23' && e.date <= '2026-12-23').map((e) => ({ date: e.date, closed: e.closed, hours: e.hours, note: e.note })),
    );
    expect(office.counters.map((c: { number: number }) => c.number)).toEqual(seed.counters.map((c) => c.number).sort((a, b) => a - b));
    expect(office.counters[0]).toEqual({
      id: seed.counters[0]!.id,
      number: seed.counters[0]!.number,
      name: seed.counters[0]!.name,
      categories: [...seed.counters[0]!.categories],
      state: 'OPEN',
    });
    expect(office.services).toHaveLength(seed.services.length);
    expect(office.services[0]).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      category: expect.any(String),
      categoryLabel: expect.any(String),
      aliases: expect.any(Array),
      department: expect.any(String),
      popularity: expect.any(Number),
      hasOnlineBooking: expect.any(Boolean),
    });
    // What the service chooser searches and orders by is the catalogue's own: 社保 is an alias.
    const card = office.services.find((s: { name: string }) => s.name === '社会保障卡申领');
    expect(card).toMatchObject({ aliases: expect.arrayContaining(['社保']), department: expect.stringContaining('人力资源和社会保障局'), popularity: 900 });
    expect(office.queue).toEqual({ openCounters: seed.counters.length });
  });

  it('says of each service whether the hall takes online bookings for it; a rule switched off says false', async () => {
    const bookableIds = async () => {
      const office = (await t.app.inject({ url: `/api/offices/${O.countyCenter}` })).json();
      return (office.services as Array<{ id: string; hasOnlineBooking: boolean }>).filter((s) => s.hasOnlineBooking).map((s) => s.id).sort();
    };
    const withRules = SLOT_RULES.filter((r) => r.officeId === O.countyCenter).map((r) => r.serviceId);
    expect(withRules).toContain(SEED_IDS.services.marriageRegistration);
    expect(await bookableIds()).toEqual([...withRules].sort());
    await withRule(t, { officeId: O.countyCenter, serviceId: SEED_IDS.services.marriageRegistration }, { active: false }, async () => {
      expect(await bookableIds()).toEqual(withRules.filter((id) => id !== SEED_IDS.services.marriageRegistration).sort());
    });
    // A hall without any rule books nothing.
    const station = (await t.app.inject({ url: `/api/offices/${O.shangfangStation}` })).json();
    expect(station.services.length).toBeGreaterThan(0);
    expect(station.services.every((s: { hasOnlineBooking: boolean }) => s.hasOnlineBooking === false)).toBe(true);
  });

  it('counts only open windows in the queue summary', async () => {
    await t.app.prisma.counter.update({ where: { id: SEED_IDS.counters.countyCenter2 }, data: { state: 'PAUSED' } });
    try {
      const office = (await t.app.inject({ url: `/api/offices/${O.countyCenter}` })).json();
      expect(office.queue.openCounters).toBe(office.counters.length - 1);
      expect(office.counters.find((c: { id: string }) => c.id === SEED_IDS.counters.countyCenter2).state).toBe('PAUSED');
    } finally {
      await t.app.prisma.counter.update({ where: { id: SEED_IDS.counters.countyCenter2 }, data: { state: 'OPEN' } });
    }
  });

  it('gives the distance when located', async () => {
    const office = (await t.app.inject({ url: `/api/offices/${O.shangfangStation}`, query: NEAR_SHANGFANG })).json();
    expect(office.distanceMeters).toBeLessThan(200);
  });

  it('is 404 NOT_FOUND for a well-formed id of nothing, 400 for a malformed one', async () => {
    const missing = await t.app.inject({ url: '/api/offices/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(errorCodeOf(missing)).toBe('NOT_FOUND');
    for (const url of ['/api/offices/not-a-uuid', '/api/offices/%00', `/api/offices/${O.countyCenter}?lat=1`, `/api/offices/${O.countyCenter}?x=1`]) {
      const res = await t.app.inject({ url });
      expect({ url, status: res.statusCode, code: errorCodeOf(res) }).toEqual({ url, status: 400, code: 'VALIDATION_FAILED' });
    }
  });
});

describe('opening hours across the working-day calendar', () => {
  afterAll(async () => {
    await closeTestDatabase();
  });

  it('on National Day (2026-10-01 10:00) every hall is closed and opens again after the holiday', async () => {
    const t = await build({ env: { PALM_CLOCK: '2026-10-01T10:00:00+08:00' } });
    try {
      const { items } = await list(t);
      expect(items.every((o) => !o.openNow && o.todayHours.length === 0)).toBe(true);
      const centre = byId(items, O.countyCenter);
      expect(centre.opensNext!.date > '2026-10-07').toBe(true);
      const holiday = await t.app.prisma.calendarDay.findMany({ where: { date: { gte: new Date('2026-10-01T00:00:00Z'), lte: new Date('2026-10-31T00:00:00Z') }, kind: 'HOLIDAY' } });
      const lastHoliday = holiday.map((d) => d.date.toISOString().slice(0, 10)).sort().at(-1)!;
      expect(centre.opensNext!.date > lastHoliday).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('on the 调休 Saturday 2026-10-10 a town centre closed on Saturdays opens with weekday hours', async () => {
    const t = await build({ env: { PALM_CLOCK: '2026-10-10T10:00:00+08:00' }, reset: false });
    try {
      const town = byId((await list(t)).items, O.qingyunTown);
      expect(town).toMatchObject({ openNow: true, closesAt: '12:00', todayHours: [['08:30', '12:00'], ['14:00', '17:30']] });
    } finally {
      await t.close();
    }
    const ordinary = await build({ env: { PALM_CLOCK: '2026-10-17T10:00:00+08:00' }, reset: false });
    try {
      const town = byId((await list(ordinary)).items, O.qingyunTown);
      expect(town).toMatchObject({ openNow: false, todayHours: [], opensNext: { date: '2026-10-19', time: '08:30' } });
    } finally {
      await ordinary.close();
    }
  });
});
