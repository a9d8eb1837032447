// POST /api/admin/users/:id/block and /unblock: admins only (policy 'user.block'), audited; a block
// disables the account, revokes its refresh tokens and ends its access tokens on every instance
// within a second.
import type { Tokens } from '@palm/shared/server';
import { TokenService } from '../../src/identity/tokens';
import { me, refusedAfter } from './session-probes';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';

// Each suite builds two instances (seeding the database), slow on a busy machine.
jest.setTimeout(30_000);

const ADMIN_PHONE = '13800000006';

let phones = 0;
const nextPhone = () => `1360000${String((phones += 1)).padStart(4, '0')}`;

describe('blocking a person’s account', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: Tokens;
  beforeAll(async () => {
    a = await build({ redis: true });
    b = await build({ redis: true, reset: false, env: { SESSION_CACHE_TTL_MS: '1000' } });
    admin = await a.login({ phone: ADMIN_PHONE });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await closeTestDatabase();
  });

  const block = (token: string, id: string, action: 'block' | 'unblock' = 'block', extra: object = {}) =>
    a.as(token, { method: 'POST', url: `/api/admin/users/${id}/${action}`, ...extra });

  it('ends every session of the person on every instance within a second, with no body sent', async () => {
    const phone = nextPhone();
    const first = await a.login({ phone });
    const second = await b.login({ phone });
    for (const t of [a, b]) for (const s of [first, second]) expect((await me(t, s.accessToken)).statusCode).toBe(200);

    const res = await block(admin.accessToken, first.user.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: first.user.id, disabled: true, sessionsEnded: 2 });
    for (const t of [a, b]) for (const s of [first, second]) expect(await refusedAfter(t, s.accessToken)).toBeLessThan(1000);
    for (const s of [first, second]) {
      const refreshed = await b.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: s.refreshToken } });
      expect(errorCodeOf(refreshed)).toBe('REFRESH_TOKEN_INVALID');
    }
    const user = await a.app.prisma.user.findUniqueOrThrow({ where: { id: first.user.id } });
    expect(user.disabled).toBe(true);
    expect(await a.app.prisma.refreshToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  });

  it('refuses a blocked person a new sign-in until an admin unblocks them; old tokens stay ended', async () => {
    const phone = nextPhone();
    const session = await a.login({ phone });
    expect((await block(admin.accessToken, session.user.id, 'block', { payload: {} })).statusCode).toBe(200);

    const sent = await a.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { phone }, remoteAddress: '10.9.0.1' });
    const verify = await a.app.inject({ method: 'POST', url: '/api/auth/sms/verify', payload: { phone, code: sent.json().devCode }, remoteAddress: '10.9.0.1' });
    expect(verify.statusCode).toBe(403);
    expect(errorCodeOf(verify)).toBe('FORBIDDEN');
    expect(verify.json().error.message).toBe('该账号已停用，请联系政务服务中心');
    expect((await a.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { phone } })).statusCode).toBe(403);

    const unblocked = await block(admin.accessToken, session.user.id, 'unblock');
    expect(unblocked.json()).toEqual({ id: session.user.id, disabled: false, sessionsEnded: 0 });
    const again = await a.login({ phone });
    expect((await me(b, again.accessToken)).statusCode).toBe(200);
    expect((await me(b, session.accessToken)).statusCode).toBe(401);
  });

  it('leaves no live token when a refresh races the block', async () => {
    for (let i = 0; i < 10; i += 1) {
      const session = await a.login({ phone: nextPhone() });
      const [refreshed, blocked] = await Promise.all([
        b.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: session.refreshToken }, remoteAddress: `10.8.0.${i + 1}` }),
        block(admin.accessToken, session.user.id),
      ]);
      expect(blocked.statusCode).toBe(200);
      expect(await a.app.prisma.refreshToken.count({ where: { userId: session.user.id, revokedAt: null } })).toBe(0);
      if (refreshed.statusCode === 200) expect(await refusedAfter(b, (refreshed.json() as Tokens).accessToken)).toBeLessThan(1000);
      else expect(errorCodeOf(refreshed)).toBe('REFRESH_TOKEN_INVALID');
    }
  });

  it('leaves no session when a sign-in was already under way as the block committed', async () => {
    const phone = nextPhone();
    const { user } = await a.login({ phone });
    // The sign-in read the person before the block; it writes its session after.
    const readBeforeBlock = await a.app.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect((await block(admin.accessToken, user.id)).statusCode).toBe(200);
    await expect(new TokenService(a.app).issue(readBeforeBlock)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await a.app.prisma.refreshToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  });

  it('writes each block and unblock to the audit log with the admin as actor', async () => {
    const { user } = await a.login({ phone: nextPhone() });
    await block(admin.accessToken, user.id);
    await block(admin.accessToken, user.id, 'unblock');
    const entries = await a.app.prisma.auditLog.findMany({ where: { resourceType: 'user', resourceId: user.id }, orderBy: { id: 'asc' } });
    expect(entries.map((e) => [e.action, e.result, e.actorId, e.subjectId])).toEqual([
      ['user.block', 'OK', admin.user.id, user.id],
      ['user.unblock', 'OK', admin.user.id, user.id],
    ]);
    expect(entries[0]!.meta).toEqual({ sessionsEnded: 1 });
  });

  it('is for admins only: anyone else gets 403, changes nothing, and the attempt is audited', async () => {
    const target = await a.login({ phone: nextPhone() });
    for (const phone of ['13800000001', '13800000004', '13800000005']) {
      const caller = await a.login({ phone });
      const res = await block(caller.accessToken, target.user.id);
      expect(res.statusCode).toBe(403);
      expect(errorCodeOf(res)).toBe('FORBIDDEN');
    }
    expect((await me(a, target.accessToken)).statusCode).toBe(200);
    expect((await a.app.prisma.user.findUniqueOrThrow({ where: { id: target.user.id } })).disabled).toBe(false);
    expect(await a.app.prisma.auditLog.count({ where: { action: 'user.block', resourceId: target.user.id, result: 'DENY' } })).toBe(3);
    expect((await a.app.inject({ method: 'POST', url: `/api/admin/users/${target.user.id}/block` })).statusCode).toBe(401);
  });

  it('answers 404 for an unknown person, 400 for a malformed id, and 409 to an admin blocking themself', async () => {
    const unknown = await block(admin.accessToken, '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(errorCodeOf(unknown)).toBe('NOT_FOUND');
    expect(errorCodeOf(await block(admin.accessToken, 'not-a-uuid'))).toBe('VALIDATION_FAILED');
    const self = await block(admin.accessToken, admin.user.id);
    expect(self.statusCode).toBe(409);
    expect(errorCodeOf(self)).toBe('CONFLICT');
    expect((await me(a, admin.accessToken)).statusCode).toBe(200);
  });
});
