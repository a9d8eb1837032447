// Sessions end when they should (DESIGN.md §6 "logout revokes"): an access token names its
// session (`sid`), and once the session is revoked — logout, a reused refresh token — the token
// is refused on every instance within a second, with Redis, with Redis down (the database
// decides) and without Redis at all. Refresh rotation is one transaction.
import { createHmac } from 'node:crypto';
import Redis from 'ioredis';
import type { Tokens } from '@palm/shared/server';
import { revokedKey } from '../../src/identity/sessions';
import { OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { testRedisUrl } from '../db';
import { me, refusedAfter } from './session-probes';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';

const sidOf = (accessToken: string): string =>
  (JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function signed(payload: object, secret: string): string {
  const head = `${b64({ alg: 'HS256', typ: 'at+jwt' })}.${b64(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

const refresh = (t: TestApp, refreshToken: string) => t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });

// Each suite builds two instances (seeding the database), slow on a busy machine.
jest.setTimeout(30_000);

let phones = 0;
const nextPhone = () => `1370000${String((phones += 1)).padStart(4, '0')}`;

describe('sessions across two instances sharing Redis', () => {
  let a: TestApp;
  let b: TestApp;
  let redis: Redis;
  beforeAll(async () => {
    a = await build({ redis: true });
    // B trusts a "still live" answer for the longest allowed time: a refusal sooner than that on B
    // is the pub/sub message at work, not the cache running out.
    b = await build({ redis: true, reset: false, env: { SESSION_CACHE_TTL_MS: '1000' } });
    redis = new Redis(testRedisUrl());
  });
  afterAll(async () => {
    redis.disconnect();
    await a.close();
    await b.close();
    await closeTestDatabase();
  });

  const signIn = async (): Promise<Tokens> => {
    const session = await a.login({ phone: nextPhone() });
    // Both instances have just found the session live (and cached that answer).
    expect((await me(a, session.accessToken)).statusCode).toBe(200);
    expect((await me(b, session.accessToken)).statusCode).toBe(200);
    return session;
  };

  it('logout refuses the access token at once on the instance that logged out', async () => {
    const session = await signIn();
    const out = await a.as(session.accessToken, { method: 'POST', url: '/api/auth/logout', payload: { refreshToken: session.refreshToken } });
    expect(out.statusCode).toBe(200);
    const res = await me(a, session.accessToken);
    expect(res.statusCode).toBe(401);
    expect(errorCodeOf(res)).toBe('UNAUTHENTICATED');
  });

  it('logout refuses the access token on the other instance within a second, through pub/sub', async () => {
    const session = await signIn();
    await a.as(session.accessToken, { method: 'POST', url: '/api/auth/logout', payload: { refreshToken: session.refreshToken } });
    expect(await refusedAfter(b, session.accessToken)).toBeLessThan(500);
  });

  it('closes the live ticket socket a session opened, on the other instance, when the session ends', async () => {
    const session = await signIn();
    const taken = await a.as(session.accessToken, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE_IDS.countyCenter, serviceId: SERVICE_IDS.socialSecurityCardApply } });
    expect(taken.statusCode).toBe(201);
    const ws = await b.app.injectWS(`/api/live?ticketId=${taken.json().id}&access_token=${session.accessToken}`);
    const closed = new Promise<number>((resolve) => ws.on('close', (code: number) => resolve(code)));
    await a.as(session.accessToken, { method: 'POST', url: '/api/auth/logout', payload: { refreshToken: session.refreshToken } });
    expect(await closed).toBe(4401);
  });

  it('logout always ends the session that asks, whatever refresh token it names', async () => {
    const unknown = await signIn();
    await a.as(unknown.accessToken, { method: 'POST', url: '/api/auth/logout', payload: { refreshToken: 'not-a-token-of-anyone-000000000000' } });
    expect(await refusedAfter(b, unknown.accessToken)).toBeLessThan(1000);

    const phone = nextPhone();
    const asking = await a.login({ phone });
    const other = await a.login({ phone });
    await a.as(asking.accessToken, { method: 'POST', url: '/api/auth/logout', payload: { refreshToken: other.refreshToken } });
    for (const s of [asking, other]) expect(await refusedAfter(b, s.accessToken)).toBeLessThan(1000);

    const stranger = await signIn();
    const victim = await signIn();
    await a.as(stranger.accessToken, { method: 'POST', url: '/api/auth/logout', payload: { refreshToken: victim.refreshToken } });
    await refusedAfter(a, stranger.accessToken);
    expect((await me(b, victim.accessToken)).statusCode).toBe(200);
    expect((await refresh(a, victim.refreshToken)).statusCode).toBe(200);
  });

  it('logout ends only the session logged out; the same person’s other session keeps working', async () => {
    const phone = nextPhone();
    const phoneSession = await a.login({ phone });
    const tabletSession = await a.login({ phone });
    await a.as(phoneSession.accessToken, { method: 'POST', url: '/api/auth/logout', payload: { refreshToken: phoneSession.refreshToken } });
    await refusedAfter(b, phoneSession.accessToken);
    expect((await me(a, tabletSession.accessToken)).statusCode).toBe(200);
    expect((await me(b, tabletSession.accessToken)).statusCode).toBe(200);
  });

  it('logout without a refresh token ends every session of the caller on every instance', async () => {
    const phone = nextPhone();
    const first = await a.login({ phone });
    const second = await b.login({ phone });
    expect((await me(b, first.accessToken)).statusCode).toBe(200);
    expect((await b.as(first.accessToken, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    for (const t of [a, b]) for (const s of [first, second]) expect(await refusedAfter(t, s.accessToken)).toBeLessThan(1000);
  });

  it('reuse of a rotated refresh token ends every access token of its family on every instance', async () => {
    const session = await signIn();
    const rotated = (await refresh(a, session.refreshToken)).json() as Tokens;
    expect(sidOf(rotated.accessToken)).toBe(sidOf(session.accessToken));
    expect((await me(b, rotated.accessToken)).statusCode).toBe(200);
    // The old refresh token again: theft assumed, the family is revoked.
    expect(errorCodeOf(await refresh(b, session.refreshToken))).toBe('REFRESH_TOKEN_INVALID');
    for (const t of [a, b]) for (const token of [session.accessToken, rotated.accessToken]) expect(await refusedAfter(t, token)).toBeLessThan(1000);
  });

  it('a revocation whose message was lost is still seen within a second: the cache lives ≤ 1 s', async () => {
    const session = await signIn();
    // Written to Redis without the pub/sub message, as when a subscriber was reconnecting.
    await redis.set(revokedKey(sidOf(session.accessToken)), '1', 'EX', 900);
    expect(await refusedAfter(a, session.accessToken)).toBeLessThan(1000);
    expect(await refusedAfter(b, session.accessToken)).toBeLessThan(1200);
  });

  it('keeps a revocation in Redis for the access-token lifetime, then lets it go', async () => {
    const session = await signIn();
    await a.as(session.accessToken, { method: 'POST', url: '/api/auth/logout', payload: { refreshToken: session.refreshToken } });
    const ttl = await redis.ttl(revokedKey(sidOf(session.accessToken)));
    expect(ttl).toBeGreaterThan(a.config.ACCESS_TOKEN_TTL_SECONDS - 5);
    expect(ttl).toBeLessThanOrEqual(a.config.ACCESS_TOKEN_TTL_SECONDS);
  });

  it('after Redis loses its keys (a restart), an instance writes the recent revocations back when it reconnects', async () => {
    const session = await signIn();
    await a.as(session.accessToken, { method: 'POST', url: '/api/auth/logout', payload: { refreshToken: session.refreshToken } });
    const key = revokedKey(sidOf(session.accessToken));
    await redis.flushdb();
    expect(await redis.exists(key)).toBe(0);
    a.resources.redis!.disconnect(true);
    const end = Date.now() + 5000;
    while ((await redis.exists(key)) === 0) {
      if (Date.now() > end) throw new Error('revocation not written back to Redis');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await redis.ttl(key)).toBeGreaterThan(0);
  });
});

describe('sessions while Redis cannot be reached: the database decides', () => {
  let a: TestApp;
  let down: TestApp;
  let deadRedis: Redis;
  beforeAll(async () => {
    a = await build({ redis: true });
    // An instance whose Redis is unreachable: every command fails at once.
    deadRedis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    deadRedis.on('error', () => undefined);
    down = await build({ reset: false, resources: { redis: deadRedis } });
  });
  afterAll(async () => {
    await down.close();
    deadRedis.disconnect();
    await a.close();
    await closeTestDatabase();
  });

  it('accepts a live session’s token and refuses it within a second of a logout elsewhere', async () => {
    const session = await a.login({ phone: nextPhone() });
    expect((await me(down, session.accessToken)).statusCode).toBe(200);
    await a.as(session.accessToken, { method: 'POST', url: '/api/auth/logout' });
    expect(await refusedAfter(down, session.accessToken)).toBeLessThan(1000);
  });

  it('a logout on the instance without Redis takes effect there at once and in the database', async () => {
    const session = await down.login({ phone: nextPhone() });
    expect((await me(down, session.accessToken)).statusCode).toBe(200);
    expect((await down.as(session.accessToken, { method: 'POST', url: '/api/auth/logout', payload: { refreshToken: session.refreshToken } })).statusCode).toBe(200);
    expect((await me(down, session.accessToken)).statusCode).toBe(401);
    expect(errorCodeOf(await refresh(a, session.refreshToken))).toBe('REFRESH_TOKEN_INVALID');
  });
});

describe('sessions without Redis (the embedded single process)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('logout refuses the access token at once', async () => {
    const session = await t.login({ phone: nextPhone() });
    expect((await me(t, session.accessToken)).statusCode).toBe(200);
    await t.as(session.accessToken, { method: 'POST', url: '/api/auth/logout', payload: { refreshToken: session.refreshToken } });
    expect((await me(t, session.accessToken)).statusCode).toBe(401);
  });

  it('reuse of a rotated refresh token refuses the family’s access tokens at once', async () => {
    const session = await t.login({ phone: nextPhone() });
    const rotated = (await refresh(t, session.refreshToken)).json() as Tokens;
    expect((await me(t, rotated.accessToken)).statusCode).toBe(200);
    await refresh(t, session.refreshToken);
    expect((await me(t, session.accessToken)).statusCode).toBe(401);
    expect((await me(t, rotated.accessToken)).statusCode).toBe(401);
  });

  it('a restart does not bring an ended session back: revocations are reloaded from the database', async () => {
    const session = await t.login({ phone: nextPhone() });
    await t.as(session.accessToken, { method: 'POST', url: '/api/auth/logout' });
    const restarted = await build({ reset: false });
    try {
      expect((await me(restarted, session.accessToken)).statusCode).toBe(401);
    } finally {
      await restarted.close();
    }
  });

  it('refuses a correctly signed token that names no session, or not a session id', async () => {
    const { user, accessToken } = await t.login({ phone: nextPhone() });
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: user.id, roles: ['CITIZEN'], iss: t.config.JWT_ISSUER, aud: t.config.JWT_AUDIENCE, iat: now, exp: now + 600 };
    const secret = t.config.PALM_JWT_SECRET;
    expect((await me(t, signed({ ...claims, sid: sidOf(accessToken) }, secret))).statusCode).toBe(200);
    for (const token of [signed(claims, secret), signed({ ...claims, sid: 'everything' }, secret), signed({ ...claims, sid: 42 }, secret)]) {
      const res = await me(t, token);
      expect(res.statusCode).toBe(401);
      expect(errorCodeOf(res)).toBe('UNAUTHENTICATED');
    }
  });
});

describe('refresh rotation is one transaction', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  /** Makes every insert of a refresh token for this person fail, as a crash there would. */
  async function failInsertsFor(userId: string): Promise<() => Promise<void>> {
    await t.app.prisma.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION palm_test_fail_refresh_insert() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$ LANGUAGE plpgsql`,
    );
    await t.app.prisma.$executeRawUnsafe(
      `CREATE TRIGGER palm_test_fail_refresh_insert BEFORE INSERT ON "RefreshToken" FOR EACH ROW WHEN (NEW."userId" = '${userId}'::uuid) EXECUTE FUNCTION palm_test_fail_refresh_insert()`,
    );
    return async () => {
      await t.app.prisma.$executeRawUnsafe('DROP TRIGGER IF EXISTS palm_test_fail_refresh_insert ON "RefreshToken"');
      await t.app.prisma.$executeRawUnsafe('DROP FUNCTION IF EXISTS palm_test_fail_refresh_insert()');
    };
  }

  it('a failure inserting the successor leaves the old token unrotated, and the retry neither fails nor revokes the family', async () => {
    const session = await t.login({ phone: nextPhone() });
    const restore = await failInsertsFor(session.user.id);
    let failed: Awaited<ReturnType<typeof refresh>>;
    try {
      failed = await refresh(t, session.refreshToken);
    } finally {
      await restore();
    }
    expect(failed.statusCode).toBe(500);
    expect(errorCodeOf(failed)).toBe('INTERNAL');
    const rows = await t.app.prisma.refreshToken.findMany({ where: { userId: session.user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rotatedAt: null, revokedAt: null });

    const retry = await refresh(t, session.refreshToken);
    expect(retry.statusCode).toBe(200);
    const next = retry.json() as Tokens;
    expect((await me(t, next.accessToken)).statusCode).toBe(200);
    expect((await me(t, session.accessToken)).statusCode).toBe(200);
    expect(await t.app.prisma.refreshToken.count({ where: { userId: session.user.id, revokedAt: { not: null } } })).toBe(0);
    expect(await t.app.prisma.auditLog.count({ where: { action: 'auth.refresh-reuse', actorId: session.user.id } })).toBe(0);
  });
});
