// GET /api/offices/:id/queue/preview on real PostgreSQL: the take-number page's preview agrees
// with the ticket a take then gives, and names why no number can be taken.
import { OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
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
