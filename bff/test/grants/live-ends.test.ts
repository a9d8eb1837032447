// A live socket a grantee opened on the grantor's behalf (WS /api/live?ticketId=…&onBehalfOf=…,
// watching her ticket) closes when the grant ends — revoked by either side, disputed, expired by
// the job, revoked at a window, or her account blocked — within a second and on another instance than the one where it
// ended: two app instances share PostgreSQL and Redis (pub/sub, grants/ends.ts), as two BFF
// processes would. What is not the grant's — the grantee's own ticket, another grantor's — stays open.
import type { WebSocket } from 'ws';
import { DEMO_PHONES, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { build, closeTestDatabase, resetQueue, type TestApp } from '../helper';
import { activeGrant, endedAMinuteAgo, formNumber, ok, person, residentWithoutPhone, type Person } from './helpers';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE = SERVICE_IDS.socialSecurityCardApply;
/** The app's close code for a socket whose grant has ended (routes/api/live). */
const GRANT_ENDED = 4403;

// Two instances, each seeding or sharing the database: slow on a busy machine.
jest.setTimeout(30_000);

describe('live sockets opened on someone’s behalf end with the grant', () => {
  let a: TestApp;
  let b: TestApp;
  const open: WebSocket[] = [];
  beforeAll(async () => {
    const env = { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' };
    a = await build({ redis: true, env });
    // One business clock for both, as servers share real time (each test clock starts when built).
    b = await build({ redis: true, reset: false, env, resources: { clock: a.resources.clock } });
    await resetQueue(a, OFFICE);
  });
  afterAll(async () => {
    for (const ws of open) ws.terminate();
    await Promise.all([a.close(), b.close()]);
    await closeTestDatabase();
  });

  const family = async () => {
    const mother = await person(a);
    const son = await person(a);
    const grant = await activeGrant(a, mother, son);
    return { mother, son, grant };
  };
  /** `who` takes a number, for `forWhom` when given (on instance A). */
  const take = async (who: Person, forWhom?: { id: string }) =>
    ok<{ id: string }>(await a.as(who.token, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE }, headers: forWhom ? { 'x-on-behalf-of': forWhom.id } : {} }), 201);

  /** `who` watches a ticket on instance B (for `forWhom`: on her behalf); resolves with its first message and when it closes. */
  const watch = async (who: Person, ticketId: string, forWhom?: { id: string }) => {
    const ws = await b.app.injectWS(`/api/live?ticketId=${ticketId}&access_token=${who.token}${forWhom ? `&onBehalfOf=${forWhom.id}` : ''}`);
    open.push(ws);
    const closed = new Promise<{ code: number; at: number }>((resolve) => ws.on('close', (code: number) => resolve({ code, at: Date.now() })));
    const first = await new Promise<string>((resolve) => ws.once('message', (data: Buffer) => resolve(String(data))));
    expect(JSON.parse(first)).toMatchObject({ type: "ticket.updated", data: { id: ticketId } });
    return { ws, closed };
  };
  /** How long after `since` the socket closed, and with which code (or 'open' after 1.5 s). */
  const outcome = async (closed: Promise<{ code: number; at: number }>, since: number) => {
    let timer: NodeJS.Timeout | undefined;
    const stillOpen = new Promise<'open'>((resolve) => (timer = setTimeout(() => resolve('open'), 1500)));
    try {
      return await Promise.race([closed.then(({ code, at }) => ({ code, within: at - since < 1000 })), stillOpen]);
    } finally {
      clearTimeout(timer);
    }
  };

  it('closes when the grantor revokes on the other instance, within a second; the grantee’s own socket stays', async () => {
    const { mother, son, grant } = await family();
    const hers = await watch(son, (await take(son, mother)).id, mother);
    const his = await watch(son, (await take(son)).id);
    const since = Date.now();
    ok(await a.as(mother.token, { method: 'POST', url: `/api/grants/${grant.id}/revoke` }));
    expect(await outcome(hers.closed, since)).toEqual({ code: GRANT_ENDED, within: true });
    expect(await outcome(his.closed, since)).toBe('open');
  });

  it('closes when the grantee steps down; his socket for another grantor stays', async () => {
    const { mother, son, grant } = await family();
    const father = await person(a);
    await activeGrant(a, father, son);
    const hers = await watch(son, (await take(son, mother)).id, mother);
    const his = await watch(son, (await take(son, father)).id, father);
    const since = Date.now();
    ok(await a.as(son.token, { method: 'POST', url: `/api/grants/${grant.id}/revoke` }));
    expect(await outcome(hers.closed, since)).toEqual({ code: GRANT_ENDED, within: true });
    expect(await outcome(his.closed, since)).toBe('open');
  });

  it('closes when the grantor disputes an act (这不是我授权的)', async () => {
    const { mother, son } = await family();
    const hers = await watch(son, (await take(son, mother)).id, mother);
    const act = await a.app.prisma.auditLog.findFirstOrThrow({ where: { actorId: son.id, subjectId: mother.id, action: 'ticket.take', onBehalf: true } });
    const since = Date.now();
    expect(ok<{ grantRevoked: boolean }>(await a.as(mother.token, { method: 'POST', url: `/api/me/activity/${act.id}/dispute` })).grantRevoked).toBe(true);
    expect(await outcome(hers.closed, since)).toEqual({ code: GRANT_ENDED, within: true });
  });

  it('closes when the expiry job ends the grant', async () => {
    const { mother, son, grant } = await family();
    const hers = await watch(son, (await take(son, mother)).id, mother);
    await endedAMinuteAgo(a, grant.id);
    const since = Date.now();
    expect((await a.app.grants.expire()).expired).toBeGreaterThanOrEqual(1);
    expect(await outcome(hers.closed, since)).toEqual({ code: GRANT_ENDED, within: true });
  });

  it('closes when a clerk ends a witnessed grant at a window', async () => {
    const resident = await residentWithoutPhone(a, '周桂芝');
    const helper = await person(a);
    const clerk = await a.login({ phone: DEMO_PHONES.clerk });
    const witnessed = await a.as(clerk.accessToken, {
      method: 'POST',
      url: '/api/grants/witnessed',
      payload: { residentIdNumber: resident.idNumber, granteePhone: helper.phone, relation: '其他亲属', scopes: ['QUEUE'], formNumber: formNumber() },
    });
    expect(witnessed.statusCode).toBe(201);
    const hers = await watch(helper, (await take(helper, resident)).id, resident);
    const since = Date.now();
    ok(await a.as(clerk.accessToken, { method: 'POST', url: `/api/grants/witnessed/${witnessed.json().grant.id}/revoke` }));
    expect(await outcome(hers.closed, since)).toEqual({ code: GRANT_ENDED, within: true });
  });

  it('closes when an admin blocks the grantor (her grants act for no one while blocked)', async () => {
    const { mother, son } = await family();
    const hers = await watch(son, (await take(son, mother)).id, mother);
    const admin = await a.login({ phone: DEMO_PHONES.admin });
    const since = Date.now();
    ok(await a.as(admin.accessToken, { method: 'POST', url: `/api/admin/users/${mother.id}/block` }));
    expect(await outcome(hers.closed, since)).toEqual({ code: GRANT_ENDED, within: true });
  });

  it('closes when the grant simply runs out, with no message (Redis down, or before the expiry job): the socket reads its grant again', async () => {
    // A third instance without Redis hears no end message; it reads the grant every 200 ms here.
    const c = await build({ reset: false, env: { RATE_LIMIT_PER_MINUTE: '100000', LIVE_GRANT_RECHECK_MS: '200' }, resources: { clock: a.resources.clock } });
    try {
      const { mother, son, grant } = await family();
      const ticket = await take(son, mother);
      const ws = await c.app.injectWS(`/api/live?ticketId=${ticket.id}&access_token=${son.token}&onBehalfOf=${mother.id}`);
      open.push(ws);
      const closed = new Promise<{ code: number; at: number }>((resolve) => ws.on('close', (code: number) => resolve({ code, at: Date.now() })));
      expect(await outcome(closed, Date.now())).toBe('open');
      const since = Date.now();
      await endedAMinuteAgo(a, grant.id); // validUntil passed; status still ACTIVE, no job, no message
      expect(await outcome(closed, since)).toEqual({ code: GRANT_ENDED, within: true });
    } finally {
      await c.close();
    }
  });

  it('refuses to open on the grantor’s behalf once the grant has ended', async () => {
    const { mother, son, grant } = await family();
    const ticket = await take(son, mother);
    ok(await a.as(mother.token, { method: 'POST', url: `/api/grants/${grant.id}/revoke` }));
    await expect(b.app.injectWS(`/api/live?ticketId=${ticket.id}&access_token=${son.token}&onBehalfOf=${mother.id}`)).rejects.toThrow();
  });
});
