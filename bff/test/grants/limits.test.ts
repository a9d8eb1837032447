// Asking for grants cannot be spammed, on real PostgreSQL and Redis with two app instances: each
// person sends at most GRANT_PHONE_REQUESTS_PER_DAY invitations or requests naming a phone in a
// business day, counted in Redis so every instance counts together (a sweep of phone numbers, which
// GRANT_PHONE_NOT_REGISTERED would answer, ends there too); and after the other side rejected one,
// the same asker waits 24 hours before asking that person again, told until when.
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { gridFixtures } from '../grid/fixtures';
import { ask, invite, ok, person, step, type Person } from './helpers';

const PER_DAY = 4;
const HOUR = 3_600_000;

describe('limits on asking for grants', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', GRANT_PHONE_REQUESTS_PER_DAY: String(PER_DAY) };
    a = await build({ redis: true, env });
    // One business clock for both, as servers share real time (each test clock starts when built).
    b = await build({ redis: true, reset: false, env, resources: { clock: a.resources.clock } });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await closeTestDatabase();
  });

  const refusal = (res: { statusCode: number; json(): unknown }) => {
    const { error } = res.json() as { error: { code: string; message: string } };
    return [res.statusCode, error.code, error.message];
  };
  const grantsOf = (who: Person) => a.app.prisma.grant.count({ where: { OR: [{ grantorId: who.id }, { granteeId: who.id }] } });

  describe('a daily cap per person on invitations and requests naming a phone', () => {
    it('counts every one on either instance — unknown phones, invitations, requests — then refuses with 429 until midnight', async () => {
      const sweeper = await person(a);
      const known = await person(a);
      const other = await person(a);
      // A sweep of numbers nobody uses, an invitation and a request: PER_DAY in all, on two instances.
      expect(errorCodeOf(await invite(a, sweeper, { phone: '13600000001' }))).toBe('GRANT_PHONE_NOT_REGISTERED');
      expect(errorCodeOf(await invite(b, sweeper, { phone: '13600000002' }))).toBe('GRANT_PHONE_NOT_REGISTERED');
      ok(await invite(b, sweeper, known), 201);
      ok(await ask(a, sweeper, other), 201);
      const before = await grantsOf(sweeper);
      // The next one, on either instance, whatever the phone: refused before the phone is looked up.
      for (const [app, phone] of [
        [a, '13600000003'],
        [b, other.phone],
      ] as const) {
        const res = await invite(app, sweeper, { phone });
        expect(refusal(res)).toEqual([429, 'GRANT_DAILY_LIMIT', `今天发起的代办邀请和申请已达${PER_DAY}次，请明天再试`]);
        // Until midnight in Asia/Shanghai (the server's clock), when the count starts again.
        const today = a.resources.clock.businessDate();
        const midnight = new Date(`${today}T00:00:00+08:00`).getTime() + 24 * HOUR;
        const retryAfter = Number(res.headers['retry-after']);
        expect(Math.abs(retryAfter - (midnight - a.resources.clock.now().getTime()) / 1000)).toBeLessThan(60);
      }
      expect(await grantsOf(sweeper)).toBe(before);
      // Someone else is not held back, nor the sweeper's answers to what others ask.
      expect(errorCodeOf(await invite(b, known, { phone: '13600000004' }))).toBe('GRANT_PHONE_NOT_REGISTERED');
      const third = await person(a);
      const asked = ok(await ask(a, third, sweeper), 201);
      expect(ok(await step(b, sweeper, asked.id, 'accept')).status).toBe('ACTIVE');
    });
  });

  describe('after the other side rejects, 24 hours before the same asker asks them again', () => {
    it('refuses a new invitation or request to that person, saying from when; others and the other way are free', async () => {
      const mother = await person(a);
      const son = await person(a);
      const daughter = await person(a);
      const first = ok(await invite(a, mother, son), 201);
      ok(await step(b, son, first.id, 'reject'));
      const { rejectedAt } = await a.app.prisma.grant.findUniqueOrThrow({ where: { id: first.id } });
      const retryAt = new Date(Math.ceil((rejectedAt!.getTime() + 24 * HOUR) / 60_000) * 60_000);
      const shanghai = new Date(retryAt.getTime() + 8 * HOUR).toISOString();
      const words = `对方已拒绝您的上一次邀请或申请，${Number(shanghai.slice(5, 7))}月${Number(shanghai.slice(8, 10))}日（周二） ${shanghai.slice(11, 16)}后才能再次向对方发起`;
      for (const res of [await invite(b, mother, son), await ask(a, mother, son, { relation: '父母' })]) {
        expect(refusal(res)).toEqual([409, 'GRANT_COOLDOWN', words]);
        expect(res.json().error.details).toMatchObject({ retryAt: retryAt.toISOString() });
      }
      expect(await a.app.prisma.grant.count({ where: { OR: [{ grantorId: mother.id, granteeId: son.id }, { grantorId: son.id, granteeId: mother.id }] } })).toBe(1);
      // The one who said no may still ask; the mother may still invite someone else.
      ok(await ask(b, son, mother), 201);
      ok(await invite(a, mother, daughter), 201);
    });

    it('counts a rejected request the same way, and lets the asker ask again once the 24 hours are over', async () => {
      const mother = await person(a);
      const son = await person(a);
      const asked = ok(await ask(a, son, mother), 201);
      ok(await step(a, mother, asked.id, 'reject'));
      expect(errorCodeOf(await ask(b, son, mother))).toBe('GRANT_COOLDOWN');
      expect(errorCodeOf(await invite(b, son, mother, { relation: '父母' }))).toBe('GRANT_COOLDOWN');
      // A rejection a day and a minute ago no longer holds him back.
      await a.app.prisma.grant.update({ where: { id: asked.id }, data: { rejectedAt: new Date(a.resources.clock.now().getTime() - 24 * HOUR - 60_000) } });
      expect(ok(await ask(b, son, mother), 201).status).toBe('PENDING');
    });

    it('holds back a grid worker whose consent request a resident rejected', async () => {
      const f = gridFixtures(() => a);
      const worker = await f.worker();
      const resident = await f.resident({ name: '赵秀英' });
      const consent = await f.askConsent(worker.token, resident.id);
      expect(consent.statusCode).toBe(201);
      const grantId = consent.json().grant.id as string;
      const rejected = await a.as(resident.token, { method: 'POST', url: `/api/grants/${grantId}/reject` });
      expect(rejected.statusCode).toBe(200);
      const again = await f.askConsent(worker.token, resident.id);
      expect([again.statusCode, errorCodeOf(again)]).toEqual([409, 'GRANT_COOLDOWN']);
      expect(await a.app.prisma.grant.count({ where: { grantorId: resident.id } })).toBe(1);
    });
  });
});
