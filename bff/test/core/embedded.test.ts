// The embedded default (DESIGN.md §2): no DATABASE_URL, no REDIS_URL. PGlite runs the same
// migrations; seeds load; the public and signed-in API work.
import { COUNTER_IDS, DEMO_USERS, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { runAppointmentJobs } from '../../src/appointments/jobs';
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
});
