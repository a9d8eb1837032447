// The notification API the mini-app codes against: templates to ask for, the person's taps, and
// their in-app messages (DESIGN.md §5 shapes; someone else's message is a 404).
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { startAllStubs, type AllStubs } from '../stubs';
import { citizen, outbox, resetHall, take, type Citizen } from '../notify/helpers';


// Stubs with fresh RSA keys and a seeded app per file: slow on 2 shared cores.
jest.setTimeout(30_000);

describe('notifications API', () => {
  let stubs: AllStubs;
  let t: TestApp;
  let me: Citizen;
  beforeAll(async () => {
    stubs = await startAllStubs();
    t = await build({ env: { ...stubs.env, RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' } });
    me = await citizen(t);
  });
  afterAll(async () => {
    await t.close();
    await stubs.close();
    await closeTestDatabase();
  });

  describe('GET /api/notifications/templates', () => {
    it('lists the configured templates of each platform, to signed-in people only', async () => {
      const weapp = await t.as(me.token, { method: 'GET', url: '/api/notifications/templates?platform=weapp' });
      expect(weapp.json()).toEqual({
        items: [
          { kind: 'TICKET_NEAR', templateId: t.config.WECHAT_TEMPLATE_TICKET_NEAR },
          { kind: 'TICKET_CALLED', templateId: t.config.WECHAT_TEMPLATE_TICKET_CALLED },
          { kind: 'APPOINTMENT_REMINDER', templateId: t.config.WECHAT_TEMPLATE_APPOINTMENT_REMINDER },
          { kind: 'PROXY_ACT', templateId: t.config.WECHAT_TEMPLATE_PROXY_ACT },
        ],
      });
      const alipay = await t.as(me.token, { method: 'GET', url: '/api/notifications/templates?platform=alipay' });
      expect(alipay.json().items.map((i: { templateId: string }) => i.templateId)).toEqual([
        t.config.ALIPAY_TEMPLATE_TICKET_NEAR,
        t.config.ALIPAY_TEMPLATE_TICKET_CALLED,
        t.config.ALIPAY_TEMPLATE_APPOINTMENT_REMINDER,
        t.config.ALIPAY_TEMPLATE_PROXY_ACT,
      ]);
      expect((await t.app.inject({ method: 'GET', url: '/api/notifications/templates?platform=weapp' })).statusCode).toBe(401);
      const bad = await t.as(me.token, { method: 'GET', url: '/api/notifications/templates?platform=h5' });
      expect(bad.statusCode).toBe(400);
      expect(errorCodeOf(bad)).toBe('VALIDATION_FAILED');
    });

    it('narrows the list to what one screen asks for: 取号 the ticket templates, 预约 the 预约提醒 one, 亲友代办 代办提醒', async () => {
      const list = async (query: string) => (await t.as(me.token, { method: 'GET', url: `/api/notifications/templates?${query}` })).json().items;
      expect(await list('platform=weapp&scene=ticket')).toEqual([
        { kind: 'TICKET_NEAR', templateId: t.config.WECHAT_TEMPLATE_TICKET_NEAR },
        { kind: 'TICKET_CALLED', templateId: t.config.WECHAT_TEMPLATE_TICKET_CALLED },
      ]);
      expect(await list('platform=alipay&scene=appointment')).toEqual([{ kind: 'APPOINTMENT_REMINDER', templateId: t.config.ALIPAY_TEMPLATE_APPOINTMENT_REMINDER }]);
      expect(await list('platform=weapp&scene=grant')).toEqual([{ kind: 'PROXY_ACT', templateId: t.config.WECHAT_TEMPLATE_PROXY_ACT }]);
      expect(errorCodeOf(await t.as(me.token, { method: 'GET', url: '/api/notifications/templates?platform=weapp&scene=queue' }))).toBe('VALIDATION_FAILED');
    });
  });

  describe('POST /api/notifications/subscriptions', () => {
    const post = (payload: object, who: Citizen = me) => t.as(who.token, { method: 'POST', url: '/api/notifications/subscriptions', payload });

    it('counts one credit per accept and keeps earlier accepts on a reject', async () => {
      const { WECHAT_TEMPLATE_TICKET_NEAR: near, WECHAT_TEMPLATE_TICKET_CALLED: called, WECHAT_TEMPLATE_APPOINTMENT_REMINDER: reminder } = t.config;
      const who = await citizen(t);
      expect((await post({ platform: 'weapp', accepted: [near], rejected: [called] }, who)).json()).toEqual({
        items: [
          { templateId: near, kind: 'TICKET_NEAR', credits: 1 },
          { templateId: called, kind: 'TICKET_CALLED', credits: 0 },
          { templateId: reminder, kind: 'APPOINTMENT_REMINDER', credits: 0 },
          { templateId: t.config.WECHAT_TEMPLATE_PROXY_ACT, kind: 'PROXY_ACT', credits: 0 },
        ],
      });
      await post({ platform: 'weapp', accepted: [near, called, reminder] }, who);
      const after = await post({ platform: 'weapp', accepted: [], rejected: [near] }, who);
      expect(after.statusCode).toBe(200);
      expect(after.json().items).toEqual([
        { templateId: near, kind: 'TICKET_NEAR', credits: 2 },
        { templateId: called, kind: 'TICKET_CALLED', credits: 1 },
        { templateId: reminder, kind: 'APPOINTMENT_REMINDER', credits: 1 },
        { templateId: t.config.WECHAT_TEMPLATE_PROXY_ACT, kind: 'PROXY_ACT', credits: 0 },
      ]);
    });

    it('refuses unknown templates, another platform’s templates and malformed bodies with a 400 in the error shape', async () => {
      const unknown = await post({ platform: 'weapp', accepted: ['no-such-template'], rejected: [] });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body.accepted', rule: 'known template' }] });
      expect(errorCodeOf(await post({ platform: 'alipay', accepted: [t.config.WECHAT_TEMPLATE_TICKET_NEAR] }))).toBe('VALIDATION_FAILED');
      expect(errorCodeOf(await post({ platform: 'weapp', accepted: 'x' }))).toBe('VALIDATION_FAILED');
      expect(errorCodeOf(await post({ platform: 'weapp', accepted: [], extra: 1 }))).toBe('VALIDATION_FAILED');
      expect(await t.app.prisma.notificationSubscription.count({ where: { userId: me.userId } })).toBe(0);
    });
  });

  describe('GET /api/messages and POST /api/messages/:id/read', () => {
    it('lists my in-app messages newest first with the unread count, and marks one read', async () => {
      await resetHall(t);
      const ticketId = await take(t, me);
      await outbox(t);
      const list = (await t.as(me.token, { method: 'GET', url: '/api/messages' })).json();
      expect(list.unread).toBe(1);
      expect(list.nextCursor).toBeUndefined();
      expect(list.items).toEqual([
        {
          id: expect.any(String),
          kind: 'TICKET_NEAR',
          title: '快到您了',
          body: expect.stringContaining('社会保障卡申领'),
          ticketId,
          appointmentId: null,
          createdAt: expect.any(String),
          readAt: null,
        },
      ]);
      const read = await t.as(me.token, { method: 'POST', url: `/api/messages/${list.items[0].id}/read`, payload: {} });
      expect(read.statusCode).toBe(200);
      expect(read.json().readAt).not.toBeNull();
      const again = await t.as(me.token, { method: 'POST', url: `/api/messages/${list.items[0].id}/read`, payload: {} });
      expect(again.json().readAt).toBe(read.json().readAt);
      expect((await t.as(me.token, { method: 'GET', url: '/api/messages' })).json().unread).toBe(0);
    });

    it('answers 404 for someone else’s message and 400 for a malformed id or cursor', async () => {
      await resetHall(t);
      const other = await citizen(t);
      await take(t, other);
      const [theirs] = await outbox(t, { channel: 'IN_APP' });
      const res = await t.as(me.token, { method: 'POST', url: `/api/messages/${theirs!.id}/read`, payload: {} });
      expect(res.statusCode).toBe(404);
      expect(errorCodeOf(res)).toBe('NOT_FOUND');
      expect((await t.app.prisma.notification.findUniqueOrThrow({ where: { id: theirs!.id } })).readAt).toBeNull();
      expect((await t.as(me.token, { method: 'GET', url: '/api/messages' })).json().items).toEqual([]);
      expect(errorCodeOf(await t.as(me.token, { method: 'POST', url: '/api/messages/not-a-uuid/read', payload: {} }))).toBe('VALIDATION_FAILED');
      expect(errorCodeOf(await t.as(me.token, { method: 'GET', url: '/api/messages?cursor=garbage' }))).toBe('VALIDATION_FAILED');
      expect((await t.app.inject({ method: 'GET', url: '/api/messages' })).statusCode).toBe(401);
    });

    it('pages with an opaque cursor', async () => {
      await resetHall(t);
      const who = await citizen(t);
      const base = t.resources.clock.now().getTime();
      await t.app.prisma.notification.createMany({
        data: Array.from({ length: 25 }, (_, i) => ({
          userId: who.userId,
          channel: 'IN_APP' as const,
          kind: 'TICKET_CALLED',
          payload: { displayNumber: `B${String(i).padStart(3, '0')}`, serviceName: '社会保障卡申领', officeName: '县政务服务中心', counterNumber: 2, counterName: '综合窗口', at: new Date(base).toISOString() },
          status: 'SENT' as const,
          dedupeKey: `page:${who.userId}:${i}`,
          // Some share a timestamp: the cursor must still neither skip nor repeat.
          createdAt: new Date(base + Math.floor(i / 3) * 1000),
        })),
      });
      const first = (await t.as(who.token, { method: 'GET', url: '/api/messages' })).json();
      expect(first.items).toHaveLength(20);
      expect(first.items[0].title).toBe('请到 2 号窗口');
      const second = (await t.as(who.token, { method: 'GET', url: `/api/messages?cursor=${first.nextCursor}` })).json();
      expect(second.items).toHaveLength(5);
      expect(second.nextCursor).toBeUndefined();
      const ids = [...first.items, ...second.items].map((m: { id: string }) => m.id);
      expect(new Set(ids).size).toBe(25);
      expect(second.unread).toBe(25);
    });
  });
});
