// Acting for someone under a grant, on real PostgreSQL: the very next request after a revocation,
// a step-down or the grant's end is refused (the expiry job need not have run), the job marks what
// has ended, and every act done for someone that succeeds tells them (in-app, and by the 代办提醒
// template when they hold a credit) — a view, a refusal or an act that failed tells nothing.
import { DEMO_PHONES, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { runGrantJobs } from '../../src/grants/jobs';
import { checkSubscribeData } from '../../src/integrations/wechat';
import { renderWechat } from '../../src/notify/templates';
import { slotMaker } from '../appointments/fixtures';
import { build, closeTestDatabase, errorCodeOf, resetQueue, type TestApp } from '../helper';
import { activeGrant, endedAMinuteAgo, invite, messages, ok, person, step, type Person } from './helpers';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE: string = SERVICE_IDS.socialSecurityCardApply;
const BOOKED_SERVICE = SERVICE_IDS.marriageRegistration;
const MIN = 60_000;

describe('acting for someone under a grant', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({
      env: {
        RATE_LIMIT_PER_MINUTE: '100000',
        LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
        BOOKING_IP_PER_MINUTE: '100000',
        // WeChat configured (its worker never runs here): platform rows are written, never sent.
        WECHAT_APP_ID: 'wx-palm-test',
        WECHAT_APP_SECRET: 'palm-test-wechat-secret',
        WECHAT_API_BASE: 'http://127.0.0.1:9',
      },
    });
    await resetQueue(t, OFFICE);
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const slot = slotMaker(() => t, { officeId: OFFICE, serviceId: BOOKED_SERVICE, startsIn: 2 * 24 * 60 * MIN });
  const forHer = (mother: Person) => ({ 'x-on-behalf-of': mother.id });
  const takeFor = (son: Person, mother: Person, serviceId = SERVICE) =>
    t.as(son.token, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId }, headers: forHer(mother) });
  const family = async (scopes = ['APPOINTMENT', 'QUEUE']) => {
    const mother = await person(t);
    const son = await person(t);
    const grant = await activeGrant(t, mother, son, { scopes });
    return { mother, son, grant };
  };

  describe('the very next request', () => {
    it('is refused once an admin blocks the grantor, and allowed again once unblocked', async () => {
      const { mother, son } = await family();
      const admin = await t.login({ phone: DEMO_PHONES.admin });
      const ticket = ok<{ id: string }>(await takeFor(son, mother), 201);
      ok(await t.as(admin.accessToken, { method: 'POST', url: `/api/admin/users/${mother.id}/block` }));
      const list = await t.as(son.token, { method: 'GET', url: '/api/tickets', headers: forHer(mother) });
      expect([list.statusCode, errorCodeOf(list)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
      const one = await t.as(son.token, { method: 'GET', url: `/api/tickets/${ticket.id}`, headers: forHer(mother) });
      expect(one.statusCode).toBe(404);
      expect(errorCodeOf(await takeFor(son, mother, SERVICE_IDS.socialSecurityCardReplace))).toBe('ON_BEHALF_NOT_ALLOWED');
      // The grant itself is untouched: it acts again when the block is lifted.
      ok(await t.as(admin.accessToken, { method: 'POST', url: `/api/admin/users/${mother.id}/unblock` }));
      ok(await t.as(son.token, { method: 'GET', url: `/api/tickets/${ticket.id}`, headers: forHer(mother) }));
    });

    it('is refused once the grantor revokes', async () => {
      const { mother, son, grant } = await family();
      const ticket = ok<{ id: string }>(await takeFor(son, mother), 201);
      ok(await step(t, mother, grant.id, 'revoke'));
      const list = await t.as(son.token, { method: 'GET', url: '/api/tickets', headers: forHer(mother) });
      expect([list.statusCode, errorCodeOf(list)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
      expect(errorCodeOf(await takeFor(son, mother, SERVICE_IDS.socialSecurityCardReplace))).toBe('ON_BEHALF_NOT_ALLOWED');
      const one = await t.as(son.token, { method: 'GET', url: `/api/tickets/${ticket.id}`, headers: forHer(mother) });
      expect([one.statusCode, one.json().error.message]).toEqual([404, '没有找到该排队号']);
    });

    it('is refused once the grantee steps down', async () => {
      const { mother, son, grant } = await family();
      ok(await step(t, son, grant.id, 'revoke'));
      expect(errorCodeOf(await takeFor(son, mother))).toBe('ON_BEHALF_NOT_ALLOWED');
    });

    it('is refused once the grant’s time is up, before the job has run; the job then marks it EXPIRED', async () => {
      const { mother, son, grant } = await family();
      await endedAMinuteAgo(t, grant.id);
      expect((await t.app.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe('ACTIVE');
      expect(errorCodeOf(await takeFor(son, mother))).toBe('ON_BEHALF_NOT_ALLOWED');
      const list = await t.as(son.token, { method: 'GET', url: '/api/appointments', headers: forHer(mother) });
      expect([list.statusCode, errorCodeOf(list)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
      expect((await t.as(mother.token, { method: 'GET', url: '/api/grants?as=grantor' })).json().items[0]).toMatchObject({ id: grant.id, status: 'EXPIRED', actions: [] });

      const pending = ok(await invite(t, mother, await person(t)), 201);
      await endedAMinuteAgo(t, pending.id);
      const live = (await family()).grant;
      const results = await runGrantJobs(t.app);
      expect(results.expire).toEqual({ expired: expect.any(Number) });
      expect((results.expire as { expired: number }).expired).toBeGreaterThanOrEqual(2);
      const statuses = await t.app.prisma.grant.findMany({ where: { id: { in: [grant.id, pending.id, live.id] } }, select: { id: true, status: true } });
      expect(Object.fromEntries(statuses.map((g) => [g.id, g.status]))).toEqual({ [grant.id]: 'EXPIRED', [pending.id]: 'EXPIRED', [live.id]: 'ACTIVE' });
      expect(await runGrantJobs(t.app)).toEqual({ expire: { expired: 0 } });
    });

    it('reaches only the grant’s scopes and services', async () => {
      const { mother, son } = await family(['APPOINTMENT']);
      expect(errorCodeOf(await takeFor(son, mother))).toBe('ON_BEHALF_NOT_ALLOWED');
      const aunt = await person(t);
      const nephew = await person(t);
      await activeGrant(t, aunt, nephew, { scopes: ['QUEUE'], serviceIds: [SERVICE] });
      expect((await takeFor(nephew, aunt)).statusCode).toBe(201);
      expect(errorCodeOf(await takeFor(nephew, aunt, SERVICE_IDS.socialSecurityCardReplace))).toBe('ON_BEHALF_NOT_ALLOWED');
    });
  });

  describe('what the grantee made for the grantor is hers', () => {
    const noHeader = (son: Person, method: 'GET' | 'POST', url: string) => t.as(son.token, { method, url });
    const made = async (son: Person, mother: Person) => {
      const { id: slotId } = await slot();
      const booked = ok<{ id: string }>(
        await t.as(son.token, { method: 'POST', url: '/api/appointments', payload: { slotId, serviceId: BOOKED_SERVICE }, headers: { ...forHer(mother), 'idempotency-key': `hers-${slotId}` } }),
        201,
      );
      const ticket = ok<{ id: string }>(await takeFor(son, mother), 201);
      return { booked, ticket };
    };
    /** Without X-On-Behalf-Of her objects are a stranger's to him: not listed, one 404 each, nothing done. */
    const expectStrangers = async (son: Person, booked: { id: string }, ticket: { id: string }) => {
      expect((await noHeader(son, 'GET', '/api/appointments')).json().items.map((a: { id: string }) => a.id)).not.toContain(booked.id);
      expect((await noHeader(son, 'GET', '/api/tickets')).json().items.map((x: { id: string }) => x.id)).not.toContain(ticket.id);
      for (const [method, url] of [
        ['GET', `/api/appointments/${booked.id}`],
        ['POST', `/api/appointments/${booked.id}/cancel`],
        ['GET', `/api/tickets/${ticket.id}`],
        ['POST', `/api/tickets/${ticket.id}/cancel`],
      ] as const) {
        const res = await noHeader(son, method, url);
        expect([url, res.statusCode, errorCodeOf(res)]).toEqual([url, 404, 'NOT_FOUND']);
      }
      expect((await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: booked.id } })).status).toBe('BOOKED');
      expect((await t.app.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('WAITING');
    };

    it('while the grant is active, reached only with X-On-Behalf-Of (audited, she is told)', async () => {
      const { mother, son } = await family();
      const { booked, ticket } = await made(son, mother);
      await expectStrangers(son, booked, ticket);
      expect((await t.as(son.token, { method: 'GET', url: '/api/appointments', headers: forHer(mother) })).json().items.map((a: { id: string }) => a.id)).toContain(booked.id);
      const before = (await messages(t, mother.id, 'ACTED_ON_BEHALF')).length;
      ok(await t.as(son.token, { method: 'POST', url: `/api/tickets/${ticket.id}/cancel`, headers: forHer(mother) }));
      expect((await messages(t, mother.id, 'ACTED_ON_BEHALF')).length).toBe(before + 1);
    });

    it('once revoked, or ended, he reaches none of it, with or without the header', async () => {
      for (const end of ['revoke', 'expire'] as const) {
        const { mother, son, grant } = await family();
        const { booked, ticket } = await made(son, mother);
        if (end === 'revoke') ok(await step(t, mother, grant.id, 'revoke'));
        else await endedAMinuteAgo(t, grant.id);
        await expectStrangers(son, booked, ticket);
        const withHeader = await t.as(son.token, { method: 'POST', url: `/api/appointments/${booked.id}/cancel`, headers: forHer(mother) });
        expect(withHeader.statusCode).toBe(404);
        expect((await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: booked.id } })).status).toBe('BOOKED');
        // She still has all of it.
        expect((await t.as(mother.token, { method: 'GET', url: `/api/appointments/${booked.id}` })).statusCode).toBe(200);
        expect((await t.as(mother.token, { method: 'GET', url: '/api/tickets' })).json().items.map((x: { id: string }) => x.id)).toContain(ticket.id);
      }
    });

    it('her ticket’s live socket: only named as hers (?onBehalfOf=, no headers on a WebSocket) under a grant in force', async () => {
      const { mother, son, grant } = await family();
      const { ticket } = await made(son, mother);
      const url = `/api/live?ticketId=${ticket.id}&access_token=${son.token}`;
      const ws = await t.app.injectWS(`${url}&onBehalfOf=${mother.id}`);
      ws.terminate();
      await expect(t.app.injectWS(url)).rejects.toThrow(/404/);
      ok(await step(t, mother, grant.id, 'revoke'));
      await expect(t.app.injectWS(`${url}&onBehalfOf=${mother.id}`)).rejects.toThrow(/40[34]/);
    });

    it('his own things stay his', async () => {
      const { son } = await family();
      const own = ok<{ id: string }>(await t.as(son.token, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE_IDS.socialSecurityCardReplace } }), 201);
      expect((await noHeader(son, 'GET', '/api/tickets')).json().items.map((x: { id: string }) => x.id)).toContain(own.id);
      ok(await noHeader(son, 'GET', `/api/tickets/${own.id}`));
    });
  });

  describe('the grantor is told', () => {
    it('of a number taken for them: who (masked, with the relation), what, where; the message opens the ticket', async () => {
      const { mother, son } = await family();
      const ticket = ok<{ id: string; displayNumber: string }>(await takeFor(son, mother), 201);
      const [told, ...more] = await messages(t, mother.id, 'ACTED_ON_BEHALF');
      expect(more).toEqual([]);
      expect(told).toMatchObject({ ticketId: ticket.id, appointmentId: null, status: 'SENT' });
      // (Her "快到您了" may come too: the queue is short.)
      const inbox = (await t.as(mother.token, { method: 'GET', url: '/api/messages' })).json().items.find((m: { kind: string }) => m.kind === 'ACTED_ON_BEHALF');
      const sonMasked = `${son.phone.slice(0, 3)}****${son.phone.slice(7)}`;
      expect(inbox).toMatchObject({ kind: 'ACTED_ON_BEHALF', title: '代办提醒', ticketId: ticket.id });
      expect(inbox.body).toBe(
        `子女 ${sonMasked} 代您取号：社会保障卡申领（${ticket.displayNumber}号，青石县政务服务中心）。如果这不是您授权的，请到“我的 → 授权记录”点“这不是我授权的”，授权会立即撤销。`,
      );
      // The one who acted is not told of their own act; nothing is written to anyone else.
      expect(await messages(t, son.id, 'ACTED_ON_BEHALF')).toEqual([]);
    });

    it('of a booking and its cancellation, once each: a retried booking tells nothing new', async () => {
      const { mother, son } = await family();
      const { id: slotId } = await slot();
      const book = () =>
        t.as(son.token, { method: 'POST', url: '/api/appointments', payload: { slotId, serviceId: BOOKED_SERVICE }, headers: { ...forHer(mother), 'idempotency-key': `grant-test-${slotId}` } });
      const booked = ok<{ id: string }>(await book(), 201);
      expect((await book()).statusCode).toBe(200);
      ok(await t.as(son.token, { method: 'POST', url: `/api/appointments/${booked.id}/cancel`, headers: forHer(mother) }));
      const told = await messages(t, mother.id, 'ACTED_ON_BEHALF');
      expect(told.map((m) => [(m.payload as { words: string }).words, m.appointmentId])).toEqual([
        ['预约', booked.id],
        ['取消预约', booked.id],
      ]);
      expect((told[0]!.payload as { serviceName: string; startsAt: string }).serviceName).toBe('内地居民结婚登记');
    });

    it('of nothing that did not happen: a view, a refusal, an act that failed after the decision', async () => {
      const { mother, son } = await family();
      await t.as(son.token, { method: 'GET', url: '/api/tickets', headers: forHer(mother) });
      const { id: full } = await slot({ capacity: 1, booked: 1 });
      const refused = await t.as(son.token, { method: 'POST', url: '/api/appointments', payload: { slotId: full, serviceId: BOOKED_SERVICE }, headers: forHer(mother) });
      expect(errorCodeOf(refused)).toBe('SLOT_FULL');
      const stranger = await person(t);
      expect(errorCodeOf(await takeFor(stranger, mother))).toBe('ON_BEHALF_NOT_ALLOWED');
      expect(await messages(t, mother.id, 'ACTED_ON_BEHALF')).toEqual([]);
    });

    it('by the 代办提醒 template on WeChat when they hold a credit, which it spends', async () => {
      const { mother, son } = await family();
      const templateId = t.config.WECHAT_TEMPLATE_PROXY_ACT;
      await t.app.prisma.platformAccount.create({ data: { platform: 'WECHAT', openId: `o-grant-${mother.id.slice(0, 8)}`, userId: mother.id } });
      await t.app.prisma.notificationSubscription.create({ data: { userId: mother.id, platform: 'WECHAT', templateId, credits: 1 } });
      ok(await takeFor(son, mother), 201);
      ok(await takeFor(son, mother, SERVICE_IDS.socialSecurityCardReplace), 201);
      const rows = await t.app.prisma.notification.findMany({ where: { userId: mother.id, kind: 'ACTED_ON_BEHALF' }, orderBy: { createdAt: 'asc' } });
      expect(rows.map((r) => r.channel).sort()).toEqual(['IN_APP', 'IN_APP', 'WECHAT']);
      const wechat = rows.find((r) => r.channel === 'WECHAT')!;
      expect(wechat).toMatchObject({ status: 'PENDING', templateId, recipient: `o-grant-${mother.id.slice(0, 8)}` });
      expect((await t.app.prisma.notificationSubscription.findFirstOrThrow({ where: { userId: mother.id, templateId } })).credits).toBe(0);
      // What WeChat would show: the relation, never a name.
      const data = renderWechat('ACTED_ON_BEHALF', wechat.payload);
      expect(data).toMatchObject({ thing1: { value: '取号 社会保障卡申领' }, thing2: { value: '您的子女' }, thing4: { value: '如非您授权请在授权记录中处理' } });
      expect(JSON.stringify(data)).not.toContain(son.phone.slice(7));
      // Within WeChat's field rules (thing ≤ 20, time), as the client checks before sending.
      expect(checkSubscribeData(data)).toEqual(data);
    });
  });
});
