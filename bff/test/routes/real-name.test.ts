// Real-name binding through the identity platform (a local stub speaking its protocol): validate →
// verify → bind, a number moving to a verified binding with the old account told, refusals that say
// nothing about other accounts, and the per-person limits.
import { residentIdCheckDigit } from '@palm/shared';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PHONES, DEMO_USERS } from '../../../seeds';
import { loadConfig } from '../../src/config';
import { createIntegrations } from '../../src/integrations';
import { MISMATCH_MARKER } from '../../src/integrations/realname-demo';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { startRealNameStub, type RealNameStub } from '../stubs';

const validId = (first17: string) => first17 + residentIdCheckDigit(first17);
const CHECKS_PER_DAY = 4;
const ATTEMPTS_PER_MINUTE = 5;

let stub: RealNameStub;
let t: TestApp;
beforeAll(async () => {
  stub = await startRealNameStub();
  t = await build({
    env: {
      REAL_NAME_API_BASE: stub.baseUrl,
      REAL_NAME_APP_KEY: stub.appKey,
      REAL_NAME_APP_SECRET: stub.appSecret,
      REAL_NAME_TIMEOUT_MS: '500',
      REAL_NAME_ATTEMPTS_PER_MINUTE: String(ATTEMPTS_PER_MINUTE),
      REAL_NAME_CHECKS_PER_DAY: String(CHECKS_PER_DAY),
    },
  });
});
afterAll(async () => {
  await t.close();
  await stub.close();
  await closeTestDatabase();
});

const bind = (token: string, name: string, idNumber: string): Promise<LightMyRequestResponse> =>
  t.as(token, { method: 'POST', url: '/api/me/real-name', payload: { name, idNumber } });
const realNameOf = (id: string) =>
  t.app.prisma.user.findUniqueOrThrow({
    where: { id },
    select: { name: true, idNumberEnc: true, idNumberHash: true, idNumberMasked: true, birthDate: true, sex: true, realNameVerifiedAt: true },
  });
const messagesOf = async (token: string) => (await t.as(token, { url: '/api/messages' })).json() as { items: { kind: string; title: string; body: string }[] };

let lastPhone = 13700000100;
/** A new, unverified citizen (its own per-person limits), with the phone it signed in with. */
const newcomer = async () => {
  const phone = String((lastPhone += 1));
  return { ...(await t.login({ phone })), phone };
};

describe('POST /api/me/real-name', () => {
  it('binds a pair the platform confirms, derives the birth date and returns the number masked', async () => {
    const { accessToken, user } = await newcomer();
    const id = validId('36012319850615123');
    stub.register(id, '陈晓明');
    const res = await bind(accessToken, '陈晓明', id.toLowerCase());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '陈晓明', realNameVerified: true, idNumberMasked: `3601**********${id.slice(-4)}` });
    expect(res.body).not.toContain(id);
    const row = await realNameOf(user.id);
    expect(row.birthDate?.toISOString().slice(0, 10)).toBe('1985-06-15');
    expect(t.resources.pii.decrypt(row.idNumberEnc!)).toBe(id);
    // The platform was asked with the normalised number, once; the check is in the audit log by its id.
    expect(stub.checks.filter((c) => c.idNumber === id)).toEqual([expect.objectContaining({ name: '陈晓明', result: 'MATCH' })]);
    const entry = await t.app.prisma.auditLog.findFirst({ where: { actorId: user.id, action: 'profile.verify' } });
    expect(entry).toMatchObject({ result: 'OK', meta: { verifyId: stub.checks.find((c) => c.idNumber === id)?.verifyId } });
  });

  it('refuses a bad checksum, an impossible birth date and a bad name with 422 before asking the platform', async () => {
    const { accessToken } = await newcomer();
    const good = validId('36012319900101123');
    const badChecksum = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const asked = stub.checks.length;
    const cases = [
      { name: '王芳', idNumber: badChecksum, code: 'ID_NUMBER_INVALID' },
      { name: '王芳', idNumber: validId('36012319990230123'), code: 'ID_NUMBER_INVALID' },
      { name: '王芳', idNumber: validId('36012320990101123'), code: 'ID_NUMBER_INVALID' },
      { name: '王芳1', idNumber: good, code: 'NAME_INVALID' },
    ];
    for (const c of cases) {
      const res = await bind(accessToken, c.name, c.idNumber);
      expect(res.statusCode).toBe(422);
      expect(errorCodeOf(res)).toBe(c.code);
    }
    expect(stub.checks).toHaveLength(asked);
    expect((await t.as(accessToken, { url: '/api/me' })).json().realNameVerified).toBe(false);
  });

  it('answers 422 REAL_NAME_MISMATCH for a pair the platform does not confirm (mismatch or no record) and binds nothing', async () => {
    const { accessToken, user } = await newcomer();
    const id = validId('36012319800101123');
    const before = await realNameOf(user.id);
    const mismatch = await bind(accessToken, `王芳${MISMATCH_MARKER}`, id);
    stub.failNext({ result: 'NO_RECORD' });
    const noRecord = await bind(accessToken, '王芳', id);
    for (const res of [mismatch, noRecord]) {
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({ error: { code: 'REAL_NAME_MISMATCH', message: '姓名与身份证号码未通过核验，请对照身份证逐字核对后重试' } });
    }
    expect(await realNameOf(user.id)).toEqual(before);
    const entries = await t.app.prisma.auditLog.findMany({ where: { actorId: user.id, action: 'profile.verify' }, orderBy: { id: 'asc' } });
    expect(entries.map((e) => [e.result, e.reason])).toEqual([
      ['FAIL', 'platform: MISMATCH'],
      ['FAIL', 'platform: NO_RECORD'],
    ]);
    expect(JSON.stringify(entries.map(({ reason, meta }) => ({ reason, meta })))).not.toContain(id);
  });

  it('answers a mismatching name exactly alike whether another account holds the number or nobody does', async () => {
    const { accessToken, user } = await newcomer();
    const unheld = validId('36012319790203123');
    stub.register(unheld, '黄建国');
    // The demo citizen holds this number; the name is not theirs.
    const held = await bind(accessToken, '陈思源', DEMO_USERS.citizen.idNumber);
    const free = await bind(accessToken, '黄建华', unheld);
    expect([held.statusCode, free.statusCode]).toEqual([422, 422]);
    expect(held.body).toBe(free.body);
    expect(Object.keys(held.headers).sort()).toEqual(Object.keys(free.headers).sort());
    expect((await realNameOf(user.id)).realNameVerifiedAt).toBeNull();
    expect((await t.login({ phone: DEMO_PHONES.citizen })).user).toMatchObject({ realNameVerified: true, name: DEMO_USERS.citizen.name });
  });

  it('moves a number held by another account to a verified binding: the old account is unbound and told, without unmasked PII', async () => {
    const id = validId('36012319770808123');
    stub.register(id, '刘洋');
    const first = await newcomer();
    const second = await newcomer();
    expect((await bind(first.accessToken, '刘洋', id)).statusCode).toBe(200);
    const masked = (await t.as(first.accessToken, { url: '/api/me' })).json().idNumberMasked as string;

    const moved = await bind(second.accessToken, '刘洋', id);
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ realNameVerified: true, idNumberMasked: masked });
    expect(t.resources.pii.decrypt((await realNameOf(second.user.id)).idNumberEnc!)).toBe(id);
    expect(await realNameOf(first.user.id)).toEqual({ name: null, idNumberEnc: null, idNumberHash: null, idNumberMasked: null, birthDate: null, sex: null, realNameVerifiedAt: null });
    expect((await t.as(first.accessToken, { url: '/api/me' })).json()).toMatchObject({ realNameVerified: false, idNumberMasked: null, name: null });

    const { items } = await messagesOf(first.accessToken);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'REAL_NAME_MOVED', title: '实名认证已解除' });
    expect(items[0]?.body).toContain(masked);
    expect((await messagesOf(second.accessToken)).items).toEqual([]);

    const entry = await t.app.prisma.auditLog.findFirst({ where: { action: 'profile.real-name-moved', subjectId: first.user.id } });
    expect(entry).toMatchObject({ actorId: second.user.id, resourceId: first.user.id, result: 'OK', meta: { idNumberMasked: masked } });
    const told = JSON.stringify({ items, entry: { ...entry, id: String(entry?.id) } });
    for (const secret of [id, id.slice(6, 14), first.phone, second.phone]) expect(told).not.toContain(secret);
  });

  it('gives the real owner their number back from an account that bound it first', async () => {
    // Someone holds the demo citizen's number (here: the demo account itself); its owner signs up anew.
    const owner = await newcomer();
    const citizen = await t.login({ phone: DEMO_PHONES.citizen });
    const res = await bind(owner.accessToken, DEMO_USERS.citizen.name, DEMO_USERS.citizen.idNumber);
    expect(res.statusCode).toBe(200);
    expect((await t.as(citizen.accessToken, { url: '/api/me' })).json().realNameVerified).toBe(false);
    expect((await messagesOf(citizen.accessToken)).items.map((m) => m.kind)).toEqual(['REAL_NAME_MOVED']);
    // And back again the same way: the way out works in both directions, each time told.
    expect((await bind(citizen.accessToken, DEMO_USERS.citizen.name, DEMO_USERS.citizen.idNumber)).statusCode).toBe(200);
    expect((await messagesOf(owner.accessToken)).items.map((m) => m.kind)).toEqual(['REAL_NAME_MOVED']);
  });

  it('leaves a number on exactly one account when two verified bindings race, and tells the other', async () => {
    const id = validId('36012319660505123');
    stub.register(id, '郑国强');
    const [a, b] = [await newcomer(), await newcomer()];
    const results = await Promise.all([bind(a.accessToken, '郑国强', id), bind(b.accessToken, '郑国强', id)]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const holders = await t.app.prisma.user.findMany({ where: { idNumberHash: t.resources.pii.lookupHash('id', id) }, select: { id: true } });
    expect(holders).toHaveLength(1);
    const loser = holders[0]?.id === a.user.id ? b : a;
    expect((await realNameOf(loser.user.id)).realNameVerifiedAt).toBeNull();
    expect((await messagesOf(loser.accessToken)).items.map((m) => m.kind)).toEqual(['REAL_NAME_MOVED']);
  });

  it('refuses a second binding of a verified account without asking the platform', async () => {
    const { accessToken } = await t.login({ phone: DEMO_PHONES.gridWorker });
    const asked = stub.checks.length;
    const res = await bind(accessToken, '王芳', validId('36012319900101123'));
    expect(res.statusCode).toBe(409);
    expect(errorCodeOf(res)).toBe('ALREADY_VERIFIED');
    expect(stub.checks).toHaveLength(asked);
  });

  const expectUnavailable = async (faults: readonly Parameters<RealNameStub['failNext']>[0][]) => {
    const { accessToken, user } = await newcomer();
    for (const fault of faults) {
      stub.failNext(fault);
      const res = await bind(accessToken, '王芳', validId('36012319880808123'));
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: { code: 'UPSTREAM_UNAVAILABLE', message: '实名核验服务暂时不可用，请稍后再试' } });
    }
    expect((await realNameOf(user.id)).realNameVerifiedAt).toBeNull();
  };

  it('answers 503 UPSTREAM_UNAVAILABLE in the error shape when the platform is unreachable, fails or times out, and binds nothing', async () => {
    await expectUnavailable(['close-socket', { httpStatus: 502 }, 'hang']);
  });

  it('answers 503 when the platform is busy or its verdict does not verify, and binds nothing', async () => {
    await expectUnavailable([{ code: 'SYSTEM_BUSY' }, { result: 'MATCH', signature: 'wrong' }]);
  });

  it('answers 429 when the platform throttles us', async () => {
    const { accessToken } = await newcomer();
    stub.failNext({ code: 'QUOTA_EXCEEDED', httpStatus: 429 });
    const res = await bind(accessToken, '王芳', validId('36012319880909123'));
    expect(res.statusCode).toBe(429);
    expect(errorCodeOf(res)).toBe('RATE_LIMITED');
  });

  it(`limits binding attempts to ${ATTEMPTS_PER_MINUTE} a minute per person`, async () => {
    const { accessToken } = await newcomer();
    const attempts = [];
    for (let i = 0; i <= ATTEMPTS_PER_MINUTE; i += 1) attempts.push((await bind(accessToken, '王芳1', validId('36012319900101123'))).statusCode);
    expect(attempts).toEqual([...Array<number>(ATTEMPTS_PER_MINUTE).fill(422), 429]);
    // Per person: someone else behind the same address is not held back.
    expect((await bind((await newcomer()).accessToken, '王芳1', validId('36012319900101123'))).statusCode).toBe(422);
  });

  it(`limits checks at the platform to ${CHECKS_PER_DAY} a day per person`, async () => {
    const { accessToken } = await newcomer();
    const id = validId('36012319700707123');
    const asked = stub.checks.length;
    for (let i = 0; i < CHECKS_PER_DAY; i += 1) expect(errorCodeOf(await bind(accessToken, `王芳${MISMATCH_MARKER}`, id))).toBe('REAL_NAME_MISMATCH');
    const refused = await bind(accessToken, '王芳', id);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toBe('今天的实名核验次数已用完，请明天再试，或带身份证到大厅窗口办理');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3600);
    expect(stub.checks.length - asked).toBe(CHECKS_PER_DAY);
  });
});

describe('what the binding wrote to the log', () => {
  it('holds no name or ID number that was checked, nor the platform secret, after every case above', () => {
    const all = t.logs.join('\n');
    expect(all).toContain('real-name verification failed upstream');
    const checked = stub.checks.flatMap((c) => [c.idNumber, c.name]);
    expect(checked.length).toBeGreaterThan(10);
    for (const secret of [...checked, stub.appSecret]) expect(all).not.toContain(secret);
  });
});

describe('real-name binding without a platform', () => {
  it('is off in production: no demo register, and the route says to go to a hall', async () => {
    const production = loadConfig({ NODE_ENV: 'production', PALM_JWT_SECRET: 'p'.repeat(40), PALM_PII_KEY: 'q'.repeat(20), DATABASE_URL: 'postgresql://db/palm' });
    const integrations = createIntegrations(production);
    expect(integrations.realName).toBeNull();

    const off = await build({ reset: false, resources: { integrations } });
    try {
      const { accessToken, user } = await off.login({ phone: '13700000099' });
      const res = await off.as(accessToken, { method: 'POST', url: '/api/me/real-name', payload: { name: '王芳', idNumber: validId('36012319900101123') } });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: { code: 'UPSTREAM_UNAVAILABLE', message: '线上实名认证暂未开通，请带身份证到任一大厅窗口办理' } });
      expect((await off.app.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).realNameVerifiedAt).toBeNull();
    } finally {
      await off.close();
    }
  });

  it('uses the demo register outside production, so the embedded default binds with no server', async () => {
    const dev = await build({ reset: false });
    try {
      const { accessToken } = await dev.login({ phone: '13700000098' });
      const mismatch = await dev.as(accessToken, { method: 'POST', url: '/api/me/real-name', payload: { name: `王芳${MISMATCH_MARKER}`, idNumber: validId('36012319900101123') } });
      expect(errorCodeOf(mismatch)).toBe('REAL_NAME_MISMATCH');
      const bound = await dev.as(accessToken, { method: 'POST', url: '/api/me/real-name', payload: { name: '王芳', idNumber: validId('36012319900101123') } });
      expect(bound.json()).toMatchObject({ realNameVerified: true, name: '王芳' });
    } finally {
      await dev.close();
    }
  });
});
