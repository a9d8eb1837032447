// The embedded default (DESIGN.md §2): no DATABASE_URL, no REDIS_URL. PGlite runs the same
// migrations; seeds load; the public and signed-in API work.
import { COUNTER_IDS, DEMO_USERS, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { runAppointmentJobs } from '../../src/appointments/jobs';
import { runReportJobs } from '../../src/reports/jobs';
import { generateSlots } from '../../src/appointments/slots';
import { openDatabase, type Database } from '@palm/db';
import { build, type TestApp } from '../helper';

describe('embedded default (PGlite, no Redis)', () => {
  let db: Database;
  let t: TestApp;
  beforeAll(async () => {
    db = await openDatabase({ migrate: true });
    expect(db.kind).toBe('pglite');
    t = await build({ db, env: { DATABASE_URL: '' } });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await db.close();
  });

  it('serves readiness, the catalogue, offices and a signed-in profile', async () => {
    expect((await t.app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ready', checks: { database: 'ok', redis: 'disabled', calendar: 'gap' } });
    const services = await t.app.inject({ url: `/api/services?q=${encodeURIComponent('社保')}` });
    expect(services.statusCode).toBe(200);
    expect(services.json().items.length).toBeGreaterThan(0);
    const offices = await t.app.inject({ url: '/api/offices?lat=28.0&lng=116.0' });
    expect(offices.json().items.length).toBeGreaterThanOrEqual(13);
    const { accessToken } = await t.login({ phone: '13800000001' });
    const me = await t.as(accessToken, { url: '/api/me' });
    expect(me.json().phoneMasked).toBe('138****0001');
  });

  it('writes the notification outbox with the same statements (near on taking, called in the call’s transaction)', async () => {
    const { accessToken } = await t.login({ phone: '13800000001' });
    const clerk = await t.login({ phone: '13800000004' });
    await t.app.prisma.counter.update({ where: { id: COUNTER_IDS.countyCenter1 }, data: { state: 'OPEN' } });
    const taken = await t.as(accessToken, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE_IDS.countyCenter, serviceId: SERVICE_IDS.socialSecurityCardApply } });
    expect(taken.statusCode).toBe(201);
    await t.as(clerk.accessToken, { method: 'POST', url: `/api/counters/${COUNTER_IDS.countyCenter1}/call-next`, payload: {} });
    await t.app.notify.enqueuer.settled();
    const messages = (await t.as(accessToken, { url: '/api/messages' })).json();
    expect(messages.items.map((m: { kind: string }) => m.kind)).toEqual(['TICKET_CALLED', 'TICKET_NEAR']);
  });

  it('binds a real name with the built-in demo register and moves a held number, told in the same transaction', async () => {
    const { accessToken } = await t.login({ phone: '13700000077' });
    const citizen = await t.login({ phone: '13800000001' });
    const { name, idNumber } = DEMO_USERS.citizen;
    const bound = await t.as(accessToken, { method: 'POST', url: '/api/me/real-name', payload: { name, idNumber } });
    expect(bound.json()).toMatchObject({ realNameVerified: true, name });
    expect((await t.as(citizen.accessToken, { url: '/api/me' })).json().realNameVerified).toBe(false);
    const told = (await t.as(citizen.accessToken, { url: '/api/messages' })).json();
    expect(told.items.map((m: { kind: string }) => m.kind)).toContain('REAL_NAME_MOVED');
    // Put the demo back as it was for the steps below.
    expect((await t.as(citizen.accessToken, { method: 'POST', url: '/api/me/real-name', payload: { name, idNumber } })).statusCode).toBe(200);
  });

  it('books, and runs every appointment job step (waitlist, reminders, no-shows, day end) on PGlite without a failing step', async () => {
    await generateSlots({ prisma: t.app.prisma, resources: t.resources });
    const slot = await t.app.prisma.slot.findFirstOrThrow({
      where: { officeId: OFFICE_IDS.countyCenter, releasedAt: { lte: t.resources.clock.now() }, startsAt: { gt: new Date(t.resources.clock.now().getTime() + 3_600_000) } },
      orderBy: { startsAt: 'asc' },
    });
    const { accessToken } = await t.login({ phone: '13800000001' });
    // The seeded grant lets the son book for his mother (70+): the on-behalf path on PGlite too.
    const booked = await t.as(accessToken, {
      method: 'POST',
      url: '/api/appointments',
      headers: { 'x-on-behalf-of': '5eed0004-0000-4000-8000-000000000002' },
      payload: { slotId: slot.id, serviceId: slot.serviceId },
    });
    expect(booked.statusCode).toBe(201);
    const results = await runAppointmentJobs(t.app);
    expect(Object.keys(results).length).toBeGreaterThanOrEqual(4);
    for (const [step, result] of Object.entries(results)) expect([step, result]).not.toEqual([step, { error: true }]);
  });

  it('keeps a 办不成事 photo in the database itself: uploaded, attached, read back, and the report job runs clean', async () => {
    const { accessToken } = await t.login({ phone: '13800000001' });
    const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('embedded photo bytes')]);
    const boundary = '----palmembedded';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const uploaded = await t.as(accessToken, { method: 'POST', url: '/api/reports/photos', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect([uploaded.statusCode, uploaded.json().mime]).toEqual([201, 'image/png']);
    const report = await t.as(accessToken, { method: 'POST', url: '/api/reports', payload: { about: { officeId: OFFICE_IDS.countyCenter }, text: '窗口告示和清单不一样。', photoIds: [uploaded.json().id] } });
    expect(report.statusCode).toBe(201);
    const photo = await t.as(accessToken, { url: report.json().photos[0].url });
    expect([photo.statusCode, photo.headers['content-type'], photo.rawPayload.equals(bytes)]).toEqual([200, 'image/png', true]);
    const results = await runReportJobs(t.app);
    for (const [step, result] of Object.entries(results)) expect([step, result]).not.toEqual([step, { error: true }]);
  });
});
