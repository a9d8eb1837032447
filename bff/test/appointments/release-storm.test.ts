// What keeps a release storm off the database pool (bff/src/appointments/release-storm.ts) and how
// booking uses it (booking/): one attempt per slot at a time, a "full" passed only to those who
// were already waiting, Idempotency-Key lookups batched, and a booking judged by when it arrived.
import { OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { BookingService } from '../../src/appointments/booking';
import { SlotGate } from '../../src/appointments/release-storm';
import { AppError } from '../../src/lib/errors';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { slotMaker } from './fixtures';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** An attempt the test finishes by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SlotGate', () => {
  it('runs one attempt per slot at a time, in arrival order, and slots side by side', async () => {
    const gate = new SlotGate();
    const log: string[] = [];
    const a1 = deferred<string>();
    const run = (slot: string, name: string, d?: ReturnType<typeof deferred<string>>) =>
      gate.run(slot, async () => {
        log.push(`start ${name}`);
        return d ? d.promise : name;
      });
    const first = run('A', 'a1', a1);
    const second = run('A', 'a2');
    const third = run('A', 'a3');
    const other = run('B', 'b1');
    await tick();
    expect(log).toEqual(['start a1', 'start b1']);
    expect(await other).toBe('b1');
    a1.resolve('a1');
    expect(await Promise.all([first, second, third])).toEqual(['a1', 'a2', 'a3']);
    expect(log).toEqual(['start a1', 'start b1', 'start a2', 'start a3']);
    expect(gate.size).toBe(0);
  });

  it('refuses SLOT_FULL, without running them, those already waiting when an attempt that found the slot full started — and only those', async () => {
    const gate = new SlotGate();
    const ran: string[] = [];
    const head = deferred<string>();
    const full = deferred<string>();
    const attempt = (name: string, d?: ReturnType<typeof deferred<string>>) => () => {
      ran.push(name);
      return d ? d.promise : Promise.resolve(name);
    };
    const settle = (p: Promise<string>) => p.then((v) => v, (err: unknown) => (err instanceof AppError ? err.code : 'other'));
    const h = settle(gate.run('S', attempt('head', head)));
    const f = settle(gate.run('S', attempt('finds full', full)));
    const before = settle(gate.run('S', attempt('waiting before')));
    head.resolve('head');
    await tick();
    expect(ran).toEqual(['head', 'finds full']);
    // Arrives while "finds full" runs: its read may predate this request, so this one asks itself.
    const after = settle(gate.run('S', attempt('arrived after')));
    full.reject(new AppError('SLOT_FULL'));
    expect(await Promise.all([h, f, before, after])).toEqual(['head', 'SLOT_FULL', 'SLOT_FULL', 'arrived after']);
    expect(ran).toEqual(['head', 'finds full', 'arrived after']);
    expect(gate.size).toBe(0);
  });

  it('passes on no other refusal, and forgets a slot once nobody is at it', async () => {
    const gate = new SlotGate();
    const first = deferred<string>();
    const ran: string[] = [];
    const a = gate.run('S', () => first.promise);
    const b = gate.run('S', async () => {
      ran.push('b');
      return 'b';
    });
    first.reject(new AppError('SLOT_NOT_RELEASED'));
    await expect(a).rejects.toMatchObject({ code: 'SLOT_NOT_RELEASED' });
    expect(await b).toBe('b');
    expect(ran).toEqual(['b']);
    expect(gate.size).toBe(0);
    // A new crowd starts with no verdict.
    await expect(gate.run('S', () => Promise.reject(new AppError('SLOT_FULL')))).rejects.toMatchObject({ code: 'SLOT_FULL' });
    expect(await gate.run('S', async () => 'fresh')).toBe('fresh');
  });
});

describe('booking under a release storm', () => {
  const OFFICE = OFFICE_IDS.shiqiaoTown;
  const SERVICE = SERVICE_IDS.residentIdRenewal;
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000', BOOKING_IP_PER_MINUTE: '100000' } });
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const slot = slotMaker(() => t, { officeId: OFFICE, serviceId: SERVICE });
  let nextPhone = 0;
  const citizen = () => t.login({ phone: `134${String((nextPhone += 1)).padStart(8, '0')}` });
  const book = (token: string, slotId: string, key: string) =>
    t.as(token, { method: 'POST', url: '/api/appointments', payload: { slotId, serviceId: SERVICE }, headers: { 'idempotency-key': key } });

  it('gives a keyed crowd exactly the places, answers the winners’ retries with their bookings, and looks the keys up in a few queries', async () => {
    const { id } = await slot({ capacity: 5 });
    const people = await Promise.all(Array.from({ length: 60 }, citizen));
    const spy = jest.spyOn(t.app.prisma, '$queryRaw');
    try {
      const first = await Promise.all(people.map((p, i) => book(p.accessToken, id, `storm-key-${i}`)));
      const won = first.flatMap((r, i) => (r.statusCode === 201 ? [i] : []));
      expect(won).toHaveLength(5);
      expect(new Set(first.filter((r) => r.statusCode !== 201).map(errorCodeOf))).toEqual(new Set(['SLOT_FULL']));
      // Everyone again with the same key, the slot now full: the winners get their bookings back.
      const again = await Promise.all(people.map((p, i) => book(p.accessToken, id, `storm-key-${i}`)));
      again.forEach((r, i) => {
        if (won.includes(i)) {
          expect(r.statusCode).toBe(200);
          expect(r.json<{ id: string }>().id).toBe(first[i]!.json<{ id: string }>().id);
        } else {
          expect(errorCodeOf(r)).toBe('SLOT_FULL');
        }
      });
      const lookups = spy.mock.calls.filter(([sql]) => Array.isArray(sql) && sql.join('').includes('unnest')).length;
      // 55 + 60 refusals each had to rule out a retry: far fewer queries than refusals.
      expect(lookups).toBeGreaterThan(0);
      expect(lookups).toBeLessThan(20);
    } finally {
      spy.mockRestore();
    }
    expect((await t.app.prisma.slot.findUniqueOrThrow({ where: { id } })).booked).toBe(5);
    expect(await t.app.prisma.appointment.count({ where: { slotId: id } })).toBe(5);
  });

  it('judges a booking by when its request arrived: one that arrived before the release is refused even if its turn comes after', async () => {
    const service = new BookingService(t.app);
    const person = await citizen();
    const now = t.resources.clock.now().getTime();
    const { id } = await slot({ capacity: 5, releasedIn: -1000 }); // released a second ago
    const early = service.book({ slotId: id, serviceId: SERVICE, subjectId: person.user.id, actorId: person.user.id, at: new Date(now - 2000) });
    await expect(early).rejects.toMatchObject({ code: 'SLOT_NOT_RELEASED' });
    const { appointment, created } = await service.book({ slotId: id, serviceId: SERVICE, subjectId: person.user.id, actorId: person.user.id, at: new Date(now) });
    expect(created).toBe(true);
    expect(appointment.bookedAt.getTime()).toBe(now);
  });
});
