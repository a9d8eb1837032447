// Booking is limited per address as well as per person (DESIGN.md §6, OWASP API6 "reserve all
// time slots", issue 5): many accounts behind one address cannot book out a release, the people of
// one hall's Wi-Fi are not limited one by one, and one person cannot hammer from many addresses.
// Counters live in the shared Redis, so two instances count together.
import type { LightMyRequestResponse } from 'fastify';
import Redis from 'ioredis';
import { OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { testRedisUrl } from '../db';
import { slotMaker } from '../appointments/fixtures';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE: string = SERVICE_IDS.socialSecurityCardApply;
const PER_ADDRESS = 5;

describe('booking limits per address and per person', () => {
  let a: TestApp;
  let b: TestApp;
  let redis: Redis;
  beforeAll(async () => {
    // Behind a proxy (TRUST_PROXY): the client address is the X-Forwarded-For one. The global
    // per-address ceiling is raised: sign-ins all come from the test's own address.
    const env = { TRUST_PROXY: 'true', BOOKING_IP_PER_MINUTE: String(PER_ADDRESS), RATE_LIMIT_PER_MINUTE: '100000' };
    a = await build({ redis: true, env });
    // A second instance on the same database and Redis, as behind a load balancer.
    b = await build({ redis: true, reset: false, env });
    redis = new Redis(testRedisUrl());
  });
  afterAll(async () => {
    redis.disconnect();
    await a.close();
    await b.close();
    await closeTestDatabase();
  });

  let nextPhone = 0;
  const citizen = async () => (await a.login({ phone: `135${String((nextPhone += 1)).padStart(8, '0')}` })).accessToken;
  const newSlot = slotMaker(() => a, { officeId: OFFICE, serviceId: SERVICE, capacity: 50 });
  const slot = async (capacity?: number) => (await newSlot({ capacity })).id;
  const book = (t: TestApp, token: string, slotId: string, ip: string) =>
    t.app.inject({ method: 'POST', url: '/api/appointments', payload: { slotId, serviceId: SERVICE }, headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': ip } });
  const reschedule = (t: TestApp, token: string, id: string, slotId: string, ip: string) =>
    t.app.inject({ method: 'POST', url: `/api/appointments/${id}/reschedule`, payload: { slotId }, headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': ip } });
  const expectRateLimited = (res: LightMyRequestResponse) => {
    expect(res.statusCode).toBe(429);
    expect(errorCodeOf(res)).toBe('RATE_LIMITED');
    expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
  };

  it('refuses the attempt after BOOKING_IP_PER_MINUTE from one address, whoever makes it, on any instance; other addresses are counted apart', async () => {
    const id = await slot();
    const tokens = await Promise.all(Array.from({ length: PER_ADDRESS + 2 }, citizen));
    const statuses: number[] = [];
    for (let i = 0; i < PER_ADDRESS; i += 1) statuses.push((await book(i % 2 === 0 ? a : b, tokens[i]!, id, '203.0.113.7')).statusCode);
    expect(statuses).toEqual(Array.from({ length: PER_ADDRESS }, () => 201));
    const refused = await book(b, tokens[PER_ADDRESS]!, id, '203.0.113.7');
    expectRateLimited(refused);
    // The refusal never reached the database: the slot holds the allowed bookings only.
    expect((await a.app.prisma.slot.findUniqueOrThrow({ where: { id } })).booked).toBe(PER_ADDRESS);
    // The next person along, from another address, books.
    expect((await book(a, tokens[PER_ADDRESS]!, id, '203.0.113.8')).statusCode).toBe(201);
    // The count is in Redis (both instances saw it), keyed by the address.
    const keys = await redis.keys('*appointment-ip:203.0.113.7');
    expect(keys).toHaveLength(1);
    expect(Number(await redis.get(keys[0]!))).toBe(PER_ADDRESS + 1);
  });

  it('counts moves and bookings together', async () => {
    const [first, second] = [await slot(), await slot()];
    const token = await citizen();
    const ip = '203.0.113.20';
    const booked = await book(a, token, first, ip);
    expect(booked.statusCode).toBe(201);
    const appointment = booked.json<{ id: string }>().id;
    for (let i = 1; i < PER_ADDRESS; i += 1) expect((await reschedule(b, token, appointment, i % 2 === 1 ? second : first, ip)).statusCode).toBe(200);
    const at = (await a.app.prisma.appointment.findUniqueOrThrow({ where: { id: appointment } })).slotId;
    expectRateLimited(await reschedule(a, token, appointment, at === first ? second : first, ip));
    expect((await a.app.prisma.appointment.findUniqueOrThrow({ where: { id: appointment } })).slotId).toBe(at);
    expectRateLimited(await book(a, await citizen(), first, ip));
  });

  it('counts waitlist joins with bookings: an address at its limit cannot fill a full slot’s waitlist either', async () => {
    const id = await slot(1);
    const ip = '203.0.113.40';
    expect((await book(a, await citizen(), id, ip)).statusCode).toBe(201);
    const join = (t: TestApp, token: string) =>
      t.app.inject({ method: 'POST', url: '/api/appointments/waitlist', payload: { slotId: id, serviceId: SERVICE }, headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': ip } });
    for (let i = 1; i < PER_ADDRESS; i += 1) expect((await join(i % 2 === 0 ? a : b, await citizen())).statusCode).toBe(201);
    expectRateLimited(await join(a, await citizen()));
    expect(await a.app.prisma.waitlistEntry.count({ where: { slotId: id } })).toBe(PER_ADDRESS - 1);
  });

  it('counts before sign-in and validation: a flood of bad tokens or bodies from one address is limited too', async () => {
    const id = await slot();
    const ip = '203.0.113.30';
    const bad = await a.app.inject({ method: 'POST', url: '/api/appointments', payload: { slotId: id, serviceId: SERVICE }, headers: { authorization: 'Bearer nope', 'x-forwarded-for': ip } });
    expect(bad.statusCode).toBe(401);
    const token = await citizen();
    for (let i = 1; i < PER_ADDRESS; i += 1) {
      const malformed = await a.app.inject({ method: 'POST', url: '/api/appointments', payload: { slotId: 'x' }, headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': ip } });
      expect(malformed.statusCode).toBe(400);
    }
    expectRateLimited(await book(a, token, id, ip));
  });

  it('still limits each person to 20 a minute, whatever the address', async () => {
    const id = await slot(1);
    const token = await citizen();
    const statuses: number[] = [];
    // A new address every time: the per-address limit never applies.
    for (let i = 0; i < 20; i += 1) statuses.push((await book(i % 2 === 0 ? a : b, token, id, `198.51.100.${i + 1}`)).statusCode);
    expect(statuses[0]).toBe(201);
    expect(statuses).not.toContain(429);
    const refused = await book(a, token, id, '198.51.100.99');
    expectRateLimited(refused);
    // Another person from an address this one used still books.
    expect((await book(b, await citizen(), await slot(), '198.51.100.1')).statusCode).toBe(201);
  });

  it('does not believe X-Forwarded-For without TRUST_PROXY: a forged header does not make a new address', async () => {
    const direct = await build({ redis: true, reset: false, env: { BOOKING_IP_PER_MINUTE: String(PER_ADDRESS), RATE_LIMIT_PER_MINUTE: '100000' } });
    try {
      const id = await slot();
      const statuses: number[] = [];
      for (let i = 0; i <= PER_ADDRESS; i += 1) {
        const res = await direct.app.inject({
          method: 'POST',
          url: '/api/appointments',
          payload: { slotId: id, serviceId: SERVICE },
          headers: { authorization: `Bearer ${await citizen()}`, 'x-forwarded-for': `192.0.2.${i + 1}` },
          remoteAddress: '10.9.9.9',
        });
        statuses.push(res.statusCode);
        if (i === PER_ADDRESS) expectRateLimited(res);
      }
      expect(statuses.slice(0, PER_ADDRESS)).toEqual(Array.from({ length: PER_ADDRESS }, () => 201));
    } finally {
      await direct.close();
    }
  });
});
