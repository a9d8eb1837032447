import { SEARCH_EXPECTATIONS, SEED_IDS, SERVICES, SLOT_RULES } from '../../../seeds';
import { searchRank } from '../../src/catalogue/search';
import { handlingFactsOf } from '@palm/shared';
import type { ServiceGuide } from '@palm/shared/server';
import { seedHandlingFacts } from '../catalogue/seed-handling';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';

interface Item {
  id: string;
  name: string;
  category: string;
  categoryLabel: string;
  popularity: number;
}

const S = SEED_IDS.services;

describe('GET /api/services', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const search = async (query: Record<string, string | number>) => {
    const res = await t.app.inject({ url: '/api/services', query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
    return { res, body: res.json() as { items: Item[]; nextCursor?: string } };
  };
  const ids = (items: Item[]) => items.map((i) => i.id);

  it('without a keyword lists the most used services first', async () => {
    const { res, body } = await search({});
    expect(res.statusCode).toBe(200);
    expect(body.items).toHaveLength(20);
    const popularity = body.items.map((i) => i.popularity);
    expect(popularity).toEqual([...popularity].sort((a, b) => b - a));
    const mostPopular = [...SERVICES].sort((a, b) => b.popularity - a.popularity)[0]!;
    expect(body.items[0]!.id).toBe(mostPopular.id);
    expect(body.items[0]).toEqual({
      id: mostPopular.id,
      code: mostPopular.code,
      name: mostPopular.name,
      department: mostPopular.department,
      category: mostPopular.category,
      categoryLabel: expect.any(String),
      summary: mostPopular.summary,
      promisedDays: mostPopular.promisedDays,
      onlineAllowed: mostPopular.onlineAllowed,
      appointmentRequired: mostPopular.appointmentRequired,
      popularity: mostPopular.popularity,
    });
  });

  it('社保 finds social-security services first, the most used first', async () => {
    const { body } = await search({ q: '社保' });
    const top = body.items.slice(0, 5);
    expect(top.every((i) => i.category === 'SOCIAL_SECURITY' && i.categoryLabel === '社会保险')).toBe(true);
    expect(body.items[0]!.id).toBe(S.socialSecurityCardApply);
    expect(ids(body.items)).toEqual(expect.arrayContaining([...SEARCH_EXPECTATIONS['社保']!].map((k) => S[k])));
  });

  it('退休 puts 办理退休 first, ahead of the more popular 公积金退休提取', async () => {
    const { body } = await search({ q: '退休' });
    expect(body.items[0]!.id).toBe(S.employeeRetirement);
    expect(ids(body.items)).toContain(S.housingFundWithdrawal);
  });

  it.each([
    ['营业执照', ['individualBusinessRegistration', 'companyRegistration', 'businessChangeRegistration', 'businessDeregistration']],
    ['身份证', ['residentIdRenewal', 'residentIdReissue']],
    ['公积金', ['housingFundWithdrawal', 'housingFundDepositRegistration', 'housingFundLoan']],
  ] as const)('%s returns its services before anything else', async (q, keys) => {
    const { body } = await search({ q });
    expect(new Set(ids(body.items).slice(0, keys.length))).toEqual(new Set(keys.map((k) => S[k])));
  });

  it('orders every seeded keyword exactly as the ranking rule says (SQL and TypeScript agree)', async () => {
    for (const q of Object.keys(SEARCH_EXPECTATIONS)) {
      const { body } = await search({ q, limit: 50 });
      const expected = SERVICES.map((s) => ({ s, rank: searchRank(s, q) }))
        .filter((x): x is { s: (typeof SERVICES)[number]; rank: number } => x.rank !== undefined)
        .sort((a, b) => a.rank - b.rank || b.s.popularity - a.s.popularity || (a.s.id < b.s.id ? -1 : 1))
        .map((x) => x.s.id);
      expect({ q, ids: ids(body.items) }).toEqual({ q, ids: expected });
      for (const key of SEARCH_EXPECTATIONS[q]!) expect(ids(body.items)).toContain(S[key]);
    }
  });

  it('trims the keyword and treats a blank one as none', async () => {
    const padded = await search({ q: '  退休  ' });
    expect(padded.body.items[0]!.id).toBe(S.employeeRetirement);
    const blank = await search({ q: '   ' });
    expect(ids(blank.body.items)).toEqual(ids((await search({})).body.items));
  });

  it('matches LIKE wildcards literally and returns an empty list, not everything', async () => {
    for (const q of ['%', '_', '\\', '%%', '社%保', "'", "' OR 1=1 --", '😀', '社保😀']) {
      const { res, body } = await search({ q });
      expect({ q, status: res.statusCode, body }).toEqual({ q, status: 200, body: { items: [] } });
    }
  });

  it('filters by category, and combines it with a keyword', async () => {
    const { body } = await search({ category: 'HOUSING_FUND' });
    expect(new Set(ids(body.items))).toEqual(new Set([S.housingFundWithdrawal, S.housingFundDepositRegistration, S.housingFundLoan]));
    expect(body.items.every((i) => i.categoryLabel === '住房公积金')).toBe(true);
    const both = await search({ q: '退休', category: 'HOUSING_FUND' });
    expect(ids(both.body.items)).toEqual([S.housingFundWithdrawal]);
  });

  it('pages with a cursor through the whole catalogue without repeating or skipping', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { res, body } = await search(cursor ? { limit: 7, cursor } : { limit: 7 });
      expect(res.statusCode).toBe(200);
      expect(body.items.length).toBeLessThanOrEqual(7);
      seen.push(...ids(body.items));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(seen).toHaveLength(SERVICES.length);
    expect(new Set(seen).size).toBe(SERVICES.length);
    const all = await search({ limit: 50 });
    expect(seen).toEqual(ids(all.body.items));
    expect(all.body.nextCursor).toBeUndefined();
  });

  it('pages a keyword search too', async () => {
    const first = await search({ q: '社保', limit: 2 });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await search({ q: '社保', limit: 2, cursor: first.body.nextCursor! });
    const whole = await search({ q: '社保', limit: 4 });
    expect([...ids(first.body.items), ...ids(second.body.items)]).toEqual(ids(whole.body.items));
  });

  it.each([
    ['a 1000-character keyword', { q: '社'.repeat(1000) }],
    ['a 41-character keyword', { q: 'a'.repeat(41) }],
    ['an unknown category', { category: 'xyz' }],
    ['a lower-case category', { category: 'social_security' }],
    ['limit 0', { limit: '0' }],
    ['limit 51', { limit: '51' }],
    ['limit abc', { limit: 'abc' }],
    ['limit Infinity', { limit: 'Infinity' }],
    ['limit 2.5', { limit: '2.5' }],
    ['a forged cursor', { cursor: 'abc' }],
    ['a cursor with bad characters', { cursor: '%%%' }],
    ['an unknown parameter', { sort: 'name' }],
  ])('rejects %s with 400 and the error shape', async (_label, query) => {
    const res = await t.app.inject({ url: '/api/services', query });
    expect(res.statusCode).toBe(400);
    expect(errorCodeOf(res)).toBe('VALIDATION_FAILED');
  });

  it('rejects a repeated keyword instead of guessing which one', async () => {
    const res = await t.app.inject({ url: '/api/services?q=a&q=b' });
    expect(res.statusCode).toBe(400);
    expect(errorCodeOf(res)).toBe('VALIDATION_FAILED');
  });

  it('accepts a 40-character keyword (the documented maximum)', async () => {
    const { res, body } = await search({ q: '社'.repeat(40) });
    expect(res.statusCode).toBe(200);
    expect(body).toEqual({ items: [] });
  });
});

describe('GET /api/services/:id', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('returns the full guide with materials in order and the e-licence that replaces each', async () => {
    const seed = SERVICES.find((s) => s.id === S.residentIdRenewal)!;
    const res = await t.app.inject({ url: `/api/services/${seed.id}` });
    expect(res.statusCode).toBe(200);
    const guide = res.json();
    expect(guide).toMatchObject({
      id: seed.id,
      code: seed.code,
      name: seed.name,
      aliases: seed.aliases,
      department: seed.department,
      category: 'HOUSEHOLD',
      categoryLabel: '户籍证件',
      conditions: seed.conditions,
      process: seed.process,
      legalDays: seed.legalDays,
      promisedDays: seed.promisedDays,
      fee: { fen: 2000, maxFen: 4000, display: '20–40 元', note: seed.feeNote },
      channels: { window: true, online: seed.onlineAllowed, proxy: seed.proxyAllowed, appointmentRequired: seed.appointmentRequired },
      meanHandlingMinutes: seed.meanHandlingMinutes,
      legalBasis: seed.legalBasis,
    });
    expect(guide.materials.map((m: { name: string }) => m.name)).toEqual(seed.materials.map((m) => m.name));
    const positions = guide.materials.map((m: { position: number }) => m.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const m of guide.materials) {
      expect(Object.keys(m).sort()).toEqual(['copies', 'licenceLabel', 'licenceType', 'name', 'note', 'originals', 'position', 'required']);
    }
    const idCard = guide.materials.find((m: { licenceType: string | null }) => m.licenceType === 'RESIDENT_ID');
    if (idCard) expect(idCard.licenceLabel).toBe('电子身份证');
  });

  it('labels a business licence material 电子营业执照 and shows free services as 免费', async () => {
    const res = await t.app.inject({ url: `/api/services/${S.businessChangeRegistration}` });
    const guide = res.json();
    const licence = guide.materials.find((m: { licenceType: string | null }) => m.licenceType === 'BUSINESS_LICENCE');
    expect(licence).toMatchObject({ name: '营业执照正、副本', licenceLabel: '电子营业执照' });
    expect(guide.fee).toEqual({ fen: 0, maxFen: null, display: '免费', note: '不收费' });
    const optional = guide.materials.find((m: { required: boolean }) => !m.required);
    expect(optional).toBeDefined();
  });

  it('lists the halls offering it, open now at the pinned Monday 09:30, with distances when located', async () => {
    const plain = (await t.app.inject({ url: `/api/services/${S.residentPensionEnrolment}` })).json();
    expect(plain.offices.length).toBeGreaterThan(5);
    expect(plain.offices[0]).toMatchObject({ id: SEED_IDS.offices.countyCenter, level: 'COUNTY_CENTER', levelLabel: '政务服务中心', isOpen: true, distanceMeters: null });

    const near = (
      await t.app.inject({ url: `/api/services/${S.residentPensionEnrolment}`, query: { lat: '27.9330', lng: '115.0190' } })
    ).json();
    expect(near.offices[0].id).toBe(SEED_IDS.offices.shangfangStation);
    const distances = near.offices.map((o: { distanceMeters: number }) => o.distanceMeters);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('lists only the halls that offer the service', async () => {
    const guide = (await t.app.inject({ url: `/api/services/${S.companyRegistration}` })).json();
    const offering = await t.app.prisma.officeService.findMany({ where: { serviceId: S.companyRegistration } });
    expect(new Set(guide.offices.map((o: { id: string }) => o.id))).toEqual(new Set(offering.map((o) => o.officeId)));
  });

  it('says of each hall whether it takes online bookings for the service; a rule switched off says false', async () => {
    const bookableIds = async () => {
      const guide = (await t.app.inject({ url: `/api/services/${S.residentIdRenewal}` })).json();
      return (guide.offices as Array<{ id: string; hasOnlineBooking: boolean }>).filter((o) => o.hasOnlineBooking).map((o) => o.id).sort();
    };
    const withRules = SLOT_RULES.filter((r) => r.serviceId === S.residentIdRenewal).map((r) => r.officeId);
    expect(withRules.length).toBeGreaterThan(1);
    expect(await bookableIds()).toEqual([...withRules].sort());
    const key = { officeId_serviceId: { officeId: SEED_IDS.offices.qingyunTown, serviceId: S.residentIdRenewal } };
    await t.app.prisma.slotRule.update({ where: key, data: { active: false } });
    try {
      expect(await bookableIds()).toEqual(withRules.filter((id) => id !== SEED_IDS.offices.qingyunTown).sort());
    } finally {
      await t.app.prisma.slotRule.update({ where: key, data: { active: true } });
    }
    const unbooked = (await t.app.inject({ url: `/api/services/${S.residentPensionEnrolment}` })).json();
    expect(unbooked.offices.every((o: { hasOnlineBooking: boolean }) => o.hasOnlineBooking === false)).toBe(true);
  });

  it('shows a fee that depends on the case as a range with its basis, and one figure as one figure', async () => {
    const reissue = (await t.app.inject({ url: `/api/services/${S.residentIdReissue}` })).json();
    expect(reissue.fee).toEqual({ fen: 4000, maxFen: 5000, display: '40–50 元', note: SERVICES.find((s) => s.id === S.residentIdReissue)!.feeNote });
    await t.app.prisma.service.update({ where: { id: S.residentIdReissue }, data: { feeMaxFen: null } });
    try {
      expect((await t.app.inject({ url: `/api/services/${S.residentIdReissue}` })).json().fee).toMatchObject({ fen: 4000, maxFen: null, display: '40 元' });
    } finally {
      await t.app.prisma.service.update({ where: { id: S.residentIdReissue }, data: { feeMaxFen: 5000 } });
    }
  });

  it('refuses to store a fee range whose upper end is not above its lower one (CHECK)', async () => {
    await expect(t.app.prisma.service.update({ where: { id: S.residentIdRenewal }, data: { feeMaxFen: 2000 } })).rejects.toThrow(/Service_fee_range/);
  });

  it('says of each hall whether it gives out numbers for the service: a quota and a window calling its letter', async () => {
    const ticketIds = async () => {
      const guide = (await t.app.inject({ url: `/api/services/${S.residentIdRenewal}` })).json();
      return (guide.offices as Array<{ id: string; takesTickets: boolean }>).filter((o) => o.takesTickets).map((o) => o.id).sort();
    };
    const all = (await t.app.prisma.officeService.findMany({ where: { serviceId: S.residentIdRenewal } })).map((o) => o.officeId).sort();
    expect(await ticketIds()).toEqual(all);

    const town = SEED_IDS.offices.qingyunTown;
    const key = { officeId_serviceId: { officeId: town, serviceId: S.residentIdRenewal } };
    const { dailyTicketCapacity } = await t.app.prisma.officeService.findUniqueOrThrow({ where: key });
    await t.app.prisma.officeService.update({ where: key, data: { dailyTicketCapacity: 0 } });
    try {
      expect(await ticketIds()).toEqual(all.filter((id) => id !== town));
    } finally {
      await t.app.prisma.officeService.update({ where: key, data: { dailyTicketCapacity } });
    }

    // No window of the hall calls 身份证换领's letter (C) any more: its numbers would never be called.
    const counters = await t.app.prisma.counter.findMany({ where: { officeId: town } });
    await t.app.prisma.$transaction(counters.map((c) => t.app.prisma.counter.update({ where: { id: c.id }, data: { categories: c.categories.filter((l) => l !== 'C') } })));
    try {
      expect(await ticketIds()).toEqual(all.filter((id) => id !== town));
    } finally {
      await t.app.prisma.$transaction(counters.map((c) => t.app.prisma.counter.update({ where: { id: c.id }, data: { categories: c.categories } })));
    }
  });

  it('gives, for every seeded service, the facts its 办理方式 is said from, as the seeds define them', async () => {
    for (const service of SERVICES) {
      const guide: ServiceGuide = (await t.app.inject({ url: `/api/services/${service.id}` })).json();
      expect({ service: service.name, ...handlingFactsOf(guide) }).toEqual({ service: service.name, ...seedHandlingFacts(service) });
    }
  });

  it('is 404 NOT_FOUND for a well-formed id of nothing', async () => {
    const res = await t.app.inject({ url: '/api/services/00000000-0000-4000-8000-000000000000' });
    expect(res.statusCode).toBe(404);
    expect(errorCodeOf(res)).toBe('NOT_FOUND');
  });

  it.each([
    ['a non-uuid id', '/api/services/not-a-uuid'],
    ['a SQL-looking id', "/api/services/1'%20OR%20'1'='1"],
    ['lat without lng', `/api/services/${S.residentIdRenewal}?lat=27.8`],
    ['lat=abc', `/api/services/${S.residentIdRenewal}?lat=abc&lng=115.1`],
    ['lat out of range', `/api/services/${S.residentIdRenewal}?lat=91&lng=115.1`],
    ['lng=-Infinity', `/api/services/${S.residentIdRenewal}?lat=27.8&lng=-Infinity`],
    ['an unknown parameter', `/api/services/${S.residentIdRenewal}?foo=1`],
  ])('rejects %s with 400 and the error shape', async (_label, url) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(400);
    expect(errorCodeOf(res)).toBe('VALIDATION_FAILED');
  });
});
