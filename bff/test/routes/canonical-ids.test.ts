// Ids are canonical at the edge: a UUID in a path, query, body or X-On-Behalf-Of is accepted in any
// letter case and reaches the rules and the database in lower case, so one person cannot hold two
// active tickets, bookings or waitlist places by spelling an id differently; replies echo the
// canonical id. Behind it, the database refuses an active key that is not the row's own ids.
import { LOWERCASE_KEYWORD } from '@palm/shared/server';
import { OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { slotMaker } from '../appointments/fixtures';
import { build, closeTestDatabase, errorCodeOf, resetQueue, type TestApp } from '../helper';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE: string = SERVICE_IDS.socialSecurityCardApply;
const upper = (id: string) => id.toUpperCase();
/** Every other letter in upper case: 5eEd0001-… */
const mixed = (id: string) => id.replace(/[a-f]/g, (c, at: number) => (at % 2 ? c.toUpperCase() : c));
const CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('canonical ids at the edge', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000', BOOKING_IP_PER_MINUTE: '100000' } });
  });
  beforeEach(async () => {
    await resetQueue(t);
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  let nextPhone = 0;
  const citizen = () => t.login({ phone: `134${String((nextPhone += 1)).padStart(8, '0')}` });
  const newSlot = slotMaker(() => t, { officeId: OFFICE, serviceId: SERVICE });

  describe('tickets', () => {
    const take = (token: string, officeId: string, serviceId: string, headers: Record<string, string> = {}) =>
      t.as(token, { method: 'POST', url: '/api/tickets', payload: { officeId, serviceId }, headers });

    it('gives one active ticket whatever the case of the office and service ids, and answers with the canonical ids', async () => {
      const a = await citizen();
      const first = await take(a.accessToken, upper(OFFICE), mixed(SERVICE));
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ office: { id: OFFICE }, service: { id: SERVICE } });
      for (const [officeId, serviceId] of [[OFFICE, SERVICE], [mixed(OFFICE), upper(SERVICE)], [upper(OFFICE), upper(SERVICE)]] as const) {
        const again = await take(a.accessToken, officeId, serviceId);
        expect([again.statusCode, errorCodeOf(again)]).toEqual([409, 'TICKET_ALREADY_ACTIVE']);
      }
      const rows = await t.app.prisma.ticket.findMany({ where: { subjectId: a.user.id } });
      expect(rows.map((r) => r.activeKey)).toEqual([`${a.user.id}:${OFFICE}:${SERVICE}:2026-11-23`]);
    });

    it('gives one active ticket to someone acted for, whatever the case of X-On-Behalf-Of and the ids', async () => {
      const mother = await t.login({ phone: '13800000002' });
      const son = await t.login({ phone: '13800000001' });
      const first = await take(son.accessToken, mixed(OFFICE), upper(SERVICE), { 'x-on-behalf-of': upper(mother.user.id) });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ channel: 'PROXY', office: { id: OFFICE }, service: { id: SERVICE } });
      const again = await take(son.accessToken, OFFICE, SERVICE, { 'x-on-behalf-of': mother.user.id });
      expect([again.statusCode, errorCodeOf(again)]).toEqual([409, 'TICKET_ALREADY_ACTIVE']);
      const herself = await take(mother.accessToken, upper(OFFICE), SERVICE);
      expect([herself.statusCode, errorCodeOf(herself)]).toEqual([409, 'TICKET_ALREADY_ACTIVE']);
      expect(await t.app.prisma.ticket.count({ where: { subjectId: mother.user.id } })).toBe(1);
    });

    it('finds a ticket by an id in any case in the path, and the preview by ids in any case in path and query', async () => {
      const a = await citizen();
      const { id } = (await take(a.accessToken, OFFICE, SERVICE)).json() as { id: string };
      const read = await t.as(a.accessToken, { method: 'GET', url: `/api/tickets/${upper(id)}` });
      expect(read.statusCode).toBe(200);
      expect(read.json().id).toBe(id);
      const preview = await t.as(a.accessToken, { method: 'GET', url: `/api/offices/${upper(OFFICE)}/queue/preview?serviceId=${mixed(SERVICE)}` });
      expect(preview.statusCode).toBe(200);
      expect(preview.json().activeTicketId).toBe(id);
      const cancelled = await t.as(a.accessToken, { method: 'POST', url: `/api/tickets/${mixed(id)}/cancel` });
      expect([cancelled.statusCode, cancelled.json().id, cancelled.json().status]).toEqual([200, id, 'CANCELLED']);
    });
  });

  describe('appointments and the waitlist', () => {
    it('gives one booking per person, service and day whatever the case of the slot and service ids', async () => {
      const a = await citizen();
      const [morning, afternoon] = [await newSlot({ capacity: 3 }), await newSlot({ capacity: 3 })];
      const first = await t.as(a.accessToken, { method: 'POST', url: '/api/appointments', payload: { slotId: upper(morning.id), serviceId: mixed(SERVICE) } });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ slotId: morning.id, service: { id: SERVICE }, office: { id: OFFICE } });
      const again = await t.as(a.accessToken, { method: 'POST', url: '/api/appointments', payload: { slotId: mixed(afternoon.id), serviceId: upper(SERVICE) } });
      expect([again.statusCode, errorCodeOf(again)]).toEqual([409, 'APPOINTMENT_LIMIT_SERVICE_DAY']);
      expect(await t.app.prisma.appointment.count({ where: { subjectId: a.user.id, activeKey: { not: null } } })).toBe(1);
      const read = await t.as(a.accessToken, { method: 'GET', url: `/api/appointments/${upper(first.json().id)}` });
      expect([read.statusCode, read.json().id]).toEqual([200, first.json().id]);
    });

    it('books on someone’s behalf once, whatever the case of X-On-Behalf-Of', async () => {
      const mother = await t.login({ phone: '13800000002' });
      const son = await t.login({ phone: '13800000001' });
      const slot = await newSlot({ capacity: 3 });
      const book = (onBehalfOf: string, slotId: string) =>
        t.as(son.accessToken, { method: 'POST', url: '/api/appointments', payload: { slotId, serviceId: SERVICE }, headers: { 'x-on-behalf-of': onBehalfOf } });
      expect((await book(upper(mother.user.id), upper(slot.id))).statusCode).toBe(201);
      const again = await book(mixed(mother.user.id), slot.id);
      expect([again.statusCode, errorCodeOf(again)]).toEqual([409, 'APPOINTMENT_LIMIT_SERVICE_DAY']);
      expect(await t.app.prisma.appointment.count({ where: { subjectId: mother.user.id, activeKey: { not: null } } })).toBe(1);
    });

    it('gives one waitlist place per person and slot whatever the case of the slot id, and answers with the canonical ids', async () => {
      const full = await newSlot({ capacity: 1 });
      expect((await t.as((await citizen()).accessToken, { method: 'POST', url: '/api/appointments', payload: { slotId: full.id, serviceId: SERVICE } })).statusCode).toBe(201);
      const a = await citizen();
      const join = (slotId: string, serviceId: string) => t.as(a.accessToken, { method: 'POST', url: '/api/appointments/waitlist', payload: { slotId, serviceId } });
      const first = await join(upper(full.id), mixed(SERVICE));
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ slot: { id: full.id }, service: { id: SERVICE }, office: { id: OFFICE } });
      for (const [slotId, serviceId] of [[full.id, SERVICE], [mixed(full.id), upper(SERVICE)]] as const) {
        const again = await join(slotId, serviceId);
        expect([again.statusCode, errorCodeOf(again)]).toEqual([409, 'WAITLIST_ALREADY']);
      }
      expect(await t.app.prisma.waitlistEntry.count({ where: { subjectId: a.user.id } })).toBe(1);
    });
  });

  it('still refuses what is not a bare UUID, in any case', async () => {
    const a = await citizen();
    for (const officeId of [`urn:uuid:${OFFICE}`, `${upper(OFFICE)}0`, `{${OFFICE}}`, upper(OFFICE).replace(/-/g, '')]) {
      const res = await t.as(a.accessToken, { method: 'POST', url: '/api/tickets', payload: { officeId, serviceId: SERVICE } });
      expect([res.statusCode, errorCodeOf(res)]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const path = await t.as(a.accessToken, { method: 'GET', url: `/api/tickets/${upper(OFFICE)}Z` });
    expect(path.statusCode).toBe(400);
  });

  it('declares every id with the one UuidSchema: no route takes an id the edge does not make canonical', async () => {
    // Each route's compiled request schemas, as the OpenAPI document publishes them: any property
    // named like an id (id, officeId, slotIds…) must carry the lower-casing keyword.
    const spec = t.app.swagger() as { paths: Record<string, Record<string, { parameters?: { name: string; schema: object }[]; requestBody?: { content: Record<string, { schema: object }> } }>> };
    const offenders: string[] = [];
    let checked = 0;
    const visit = (where: string, name: string, schema: unknown) => {
      if (!schema || typeof schema !== 'object') return;
      const s = schema as Record<string, unknown>;
      if (/(^id|Id)s?$/.test(name) && s.type === 'string') {
        checked += 1;
        if (s[LOWERCASE_KEYWORD] !== true) offenders.push(`${where} ${name}`);
      }
      for (const [key, value] of Object.entries((s.properties as Record<string, unknown>) ?? {})) visit(where, key, value);
      for (const key of ['anyOf', 'oneOf', 'allOf'] as const) for (const part of (s[key] as unknown[]) ?? []) visit(where, name, part);
      if (s.items) visit(where, name, s.items);
    };
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const p of op.parameters ?? []) visit(`${method.toUpperCase()} ${path}`, p.name, p.schema);
        for (const media of Object.values(op.requestBody?.content ?? {})) visit(`${method.toUpperCase()} ${path} body`, '', media.schema);
      }
    }
    expect(offenders).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });

  describe('the database guard', () => {
    const expectRefused = async (statement: Promise<unknown>, constraint: string) => {
      await expect(statement).rejects.toThrow(new RegExp(constraint));
    };

    it('refuses a ticket whose active key is not its own ids in lower case', async () => {
      const a = await citizen();
      const base = { officeId: OFFICE, serviceId: SERVICE, businessDate: new Date('2026-11-23T00:00:00Z'), letter: 'Z', channel: 'ONLINE' as const, subjectId: a.user.id, actorId: a.user.id, queuedAt: new Date() };
      await expectRefused(
        t.app.prisma.ticket.create({ data: { ...base, number: 1, displayNumber: 'Z001', activeKey: `${a.user.id}:${upper(OFFICE)}:${SERVICE}:2026-11-23` } }),
        'Ticket_activeKey_canonical',
      );
      await expectRefused(
        t.app.prisma.ticket.create({ data: { ...base, number: 2, displayNumber: 'Z002', subjectId: null, activeKey: `:${OFFICE}:${SERVICE}:2026-11-23` } }),
        'Ticket_activeKey_canonical',
      );
      const kept = await t.app.prisma.ticket.create({ data: { ...base, number: 3, displayNumber: 'Z003', activeKey: `${a.user.id}:${OFFICE}:${SERVICE}:2026-11-23` } });
      expect(kept.activeKey).toMatch(/^[0-9a-f:-]+:2026-11-23$/);
      expect(kept.id).toMatch(CANONICAL);
    });

    it('refuses an appointment or a waitlist entry whose active key is not its own ids in lower case', async () => {
      const a = await citizen();
      const slot = await newSlot({ capacity: 1 });
      const date = slot.date.toISOString().slice(0, 10);
      const row = { slotId: slot.id, officeId: OFFICE, serviceId: SERVICE, date: slot.date, subjectId: a.user.id, actorId: a.user.id };
      await expectRefused(
        t.app.prisma.appointment.create({ data: { ...row, code: 'ABC234', startsAt: slot.startsAt, activeKey: `${upper(a.user.id)}:${SERVICE}:${date}` } }),
        'Appointment_activeKey_canonical',
      );
      await expectRefused(t.app.prisma.waitlistEntry.create({ data: { ...row, activeKey: `${a.user.id}:${upper(slot.id)}` } }), 'WaitlistEntry_activeKey_canonical');
    });
  });
});
