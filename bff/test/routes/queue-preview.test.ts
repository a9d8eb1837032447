// GET /api/offices/:id/queue/preview on real PostgreSQL: the take-number page's preview agrees
// with the ticket a take then gives, and names why no number can be taken.
import { OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { activeGrant, person, type Person } from '../grants/helpers';
import { build, closeTestDatabase, errorCodeOf, resetQueue, type TestApp } from '../helper';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE = SERVICE_IDS.socialSecurityCardApply;
const previewUrl = (officeId: string = OFFICE, serviceId: string = SERVICE) => `/api/offices/${officeId}/queue/preview?serviceId=${serviceId}`;

describe('GET /api/offices/:id/queue/preview', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  beforeEach(async () => {
    await resetQueue(t);
    await t.app.prisma.officeService.update({ where: { officeId_serviceId: { officeId: OFFICE, serviceId: SERVICE } }, data: { dailyTicketCapacity: 1000 } });
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  let nextPhone = 0;
  const citizen = () => t.login({ phone: `136${String((nextPhone += 1)).padStart(8, '0')}` });
  const take = (token: string) => t.as(token, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE } });
  const preview = async (token?: string, url = previewUrl()) => {
    const res = token ? await t.as(token, { method: 'GET', url }) : await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('is public, and shows an empty line as open with nobody ahead', async () => {
    expect(await preview()).toEqual({ open: true, peopleAhead: 0, estimate: { lowMinutes: 0, highMinutes: 0 } });
  });

  it('gives the people ahead and the wait range that the next take then gets', async () => {
    for (let i = 0; i < 3; i += 1) expect((await take((await citizen()).accessToken)).statusCode).toBe(201);
    const next = await citizen();
    const before = await preview(next.accessToken);
    expect(before).toMatchObject({ open: true, peopleAhead: 3 });
    expect(before.estimate.highMinutes).toBeGreaterThan(0);
    const ticket = (await take(next.accessToken)).json();
    expect({ peopleAhead: ticket.peopleAhead, estimate: ticket.estimate }).toEqual({ peopleAhead: before.peopleAhead, estimate: before.estimate });
  });

  it('puts a signed-in person aged 60+ in the priority lane, as the take does', async () => {
    for (let i = 0; i < 2; i += 1) await take((await citizen()).accessToken);
    expect((await preview()).peopleAhead).toBe(2);
    const elder = await t.login({ phone: '13800000002' });
    expect((await preview(elder.accessToken)).peopleAhead).toBe(0);
    expect((await take(elder.accessToken)).json().peopleAhead).toBe(0);
  });

  it('previews as anyone when the token is not valid, instead of refusing', async () => {
    await take((await citizen()).accessToken);
    expect(await preview('not-a-token')).toMatchObject({ open: true, peopleAhead: 1 });
  });

  it('says the caller already holds a number for this service here, and which', async () => {
    const a = await citizen();
    const ticket = (await take(a.accessToken)).json();
    expect(await preview(a.accessToken)).toMatchObject({ open: false, code: 'TICKET_ALREADY_ACTIVE', activeTicketId: ticket.id, reason: expect.stringContaining('已有') });
  });

  it('says when today’s remote numbers are all taken', async () => {
    await t.app.prisma.officeService.update({ where: { officeId_serviceId: { officeId: OFFICE, serviceId: SERVICE } }, data: { dailyTicketCapacity: 1 } });
    await take((await citizen()).accessToken);
    const full = await preview();
    expect(full).toMatchObject({ open: false, code: 'QUEUE_FULL_TODAY', peopleAhead: 1 });
    expect(full.reason).toContain('今日线上号已取完');
    // The take agrees.
    expect(errorCodeOf(await take((await citizen()).accessToken))).toBe('QUEUE_FULL_TODAY');
  });

  it('says a hall does not offer the service; an unknown hall is a 404 and a missing service a 400', async () => {
    const stations = await t.app.prisma.office.findMany({ where: { level: 'VILLAGE_STATION' }, include: { services: true } });
    const station = stations.find((o) => !o.services.some((s) => s.serviceId === SERVICE_IDS.companyRegistration))!;
    expect(await preview(undefined, previewUrl(station.id, SERVICE_IDS.companyRegistration))).toEqual({
      open: false,
      code: 'SERVICE_NOT_OFFERED',
      reason: '本大厅不办理该事项，请选择其他大厅',
      peopleAhead: 0,
      estimate: null,
    });
    const unknown = await t.app.inject({ method: 'GET', url: previewUrl('00000000-0000-4000-8000-000000000000') });
    expect(unknown.statusCode).toBe(404);
    expect(errorCodeOf(unknown)).toBe('NOT_FOUND');
    const missing = await t.app.inject({ method: 'GET', url: `/api/offices/${OFFICE}/queue/preview` });
    expect(missing.statusCode).toBe(400);
    expect(errorCodeOf(missing)).toBe('VALIDATION_FAILED');
  });
});

describe('GET /api/offices/:id/queue/preview acting for someone (X-On-Behalf-Of)', () => {
  let t: TestApp;
  /** 13800000002 in the seeds: aged 60+, so her numbers go in the priority lane. */
  let elder: Person;
  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' } });
    const { accessToken, user } = await t.login({ phone: '13800000002' });
    elder = { id: user.id, token: accessToken, phone: '13800000002' };
  });
  beforeEach(async () => {
    await resetQueue(t);
    await t.app.prisma.officeService.update({ where: { officeId_serviceId: { officeId: OFFICE, serviceId: SERVICE } }, data: { dailyTicketCapacity: 1000 } });
    await revokeHerGrants();
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const previewFor = (helper: Person | null, subjectId: string, url = previewUrl()) =>
    helper
      ? t.as(helper.token, { method: 'GET', url, headers: { 'x-on-behalf-of': subjectId } })
      : t.app.inject({ method: 'GET', url, headers: { 'x-on-behalf-of': subjectId } });
  const takeFor = (helper: Person, subjectId: string) => t.as(helper.token, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE }, headers: { 'x-on-behalf-of': subjectId } });
  /** Her live grants ended (the seeded one, an earlier test's): at most 5 family members at once. */
  const revokeHerGrants = async () => {
    const { items } = (await t.as(elder.token, { method: 'GET', url: '/api/grants?as=grantor&state=live' })).json() as { items: Array<{ id: string }> };
    for (const g of items) expect((await t.as(elder.token, { method: 'POST', url: `/api/grants/${g.id}/revoke` })).statusCode).toBe(200);
  };
  const others = async (n: number) => {
    for (let i = 0; i < n; i += 1) expect((await t.as((await person(t)).token, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE } })).statusCode).toBe(201);
  };

  it('is the person’s own preview — her priority lane — as the take for her then gets, not the helper’s', async () => {
    const son = await person(t);
    await activeGrant(t, elder, son);
    await others(2);
    expect((await t.as(son.token, { method: 'GET', url: previewUrl() })).json()).toMatchObject({ open: true, peopleAhead: 2 });
    const hers = await previewFor(son, elder.id);
    expect(hers.statusCode).toBe(200);
    expect(hers.json()).toMatchObject({ open: true, peopleAhead: 0 });
    const ticket = await takeFor(son, elder.id);
    expect(ticket.statusCode).toBe(201);
    expect({ peopleAhead: ticket.json().peopleAhead, estimate: ticket.json().estimate }).toEqual({ peopleAhead: hers.json().peopleAhead, estimate: hers.json().estimate });
    // Now she holds a number for it: her preview says so (which one); the helper's own does not.
    expect((await previewFor(son, elder.id)).json()).toMatchObject({ open: false, code: 'TICKET_ALREADY_ACTIVE', activeTicketId: ticket.json().id, reason: '对方在该大厅已有这项业务的排队号' });
    expect((await t.as(son.token, { method: 'GET', url: previewUrl() })).json()).toMatchObject({ open: true });
    // Decided and audited by the policy as a view: in her log with views, not among the acts.
    const seen = await t.app.prisma.auditLog.findMany({ where: { actorId: son.id, subjectId: elder.id, action: 'queue.preview' } });
    expect(seen.map((r) => [r.result, r.onBehalf, r.reason])).toEqual([
      ['ALLOW', true, 'GRANT'],
      ['ALLOW', true, 'GRANT'],
    ]);
    const acts = (await t.as(elder.token, { method: 'GET', url: '/api/me/activity' })).json() as { items: Array<{ action: string }> };
    expect(acts.items.map((a) => a.action)).not.toContain('queue.preview');
  });

  it('is refused without a QUEUE grant in force for the service, without sign-in, and for a malformed header', async () => {
    const stranger = await person(t);
    const bookingOnly = await person(t);
    await activeGrant(t, elder, bookingOnly, { scopes: ['APPOINTMENT'] });
    const otherService = await person(t);
    await activeGrant(t, elder, otherService, { serviceIds: [SERVICE_IDS.residentIdRenewal] });
    const revoked = await person(t);
    const grant = await activeGrant(t, elder, revoked);
    expect((await t.as(elder.token, { method: 'POST', url: `/api/grants/${grant.id}/revoke` })).statusCode).toBe(200);
    for (const helper of [stranger, bookingOnly, otherService, revoked]) {
      const res = await previewFor(helper, elder.id);
      expect([res.statusCode, errorCodeOf(res)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
    }
    const anonymous = await previewFor(null, elder.id);
    expect([anonymous.statusCode, errorCodeOf(anonymous)]).toEqual([401, 'UNAUTHENTICATED']);
    const malformed = await previewFor(stranger, 'not-a-user');
    expect([malformed.statusCode, errorCodeOf(malformed)]).toEqual([400, 'VALIDATION_FAILED']);
    // The grant limited to 身份证换领 does reach that service's preview.
    expect((await previewFor(otherService, elder.id, previewUrl(OFFICE, SERVICE_IDS.residentIdRenewal))).statusCode).toBe(200);
  });
});

describe('GET /api/offices/:id/queue/preview outside opening hours', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A Monday evening: every hall of the county is closed until Tuesday morning.
    t = await build({ env: { PALM_CLOCK: '2026-11-23T21:00:00+08:00' } });
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('says the hall has closed and when numbers can be taken again', async () => {
    const res = await t.app.inject({ method: 'GET', url: previewUrl() });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ open: false, code: 'OFFICE_CLOSED', peopleAhead: 0 });
    expect(body.reason).toMatch(/^大厅已下班，11月24日 \d{2}:\d{2} 开门后可取号$/);
  });
});
