// 授权 on real PostgreSQL (DESIGN.md §3 Grant, §4 Grants, §5): inviting and asking by phone, the
// terms and limits with their refusals, the lists of either side, and every transition with its
// refusal. The clock is pinned at Monday 2026-11-23 09:30 Asia/Shanghai (setup-env.ts).
import { DEMO_PHONES, SERVICE_IDS, USER_IDS } from '../../../seeds';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { activeGrant, ask, endedAMinuteAgo, gridWorker, invite, messages, ok, person, step, type Person } from './helpers';

const DAY = 86_400_000;
/** The end of a Shanghai day as an instant: the day after, 00:00 +08:00. */
const endOf = (date: string) => new Date(new Date(`${date}T00:00:00+08:00`).getTime() + DAY).toISOString();

describe('grants (授权)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const refusal = (res: { statusCode: number; json(): unknown }) => {
    const { error } = res.json() as { error: { code: string; message: string } };
    return [res.statusCode, error.code, error.message];
  };

  it('is documented at /docs from its TypeBox schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { anyOf?: unknown[] } }> }; responses: Record<string, unknown> }>> };
    const paths = ['/api/grants/', '/api/grants/{id}/accept', '/api/grants/{id}/reject', '/api/grants/{id}/revoke', '/api/me/activity/', '/api/me/activity/{id}/dispute'];
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(paths));
    // Invite (granteePhone) or ask (grantorPhone).
    expect(doc.paths['/api/grants/']!.post!.requestBody!.content['application/json']!.schema.anyOf).toHaveLength(2);
    for (const status of ['201', '409', '422']) expect(doc.paths['/api/grants/']!.post!.responses[status]).toBeDefined();
    expect(doc.paths['/api/me/activity/{id}/dispute']!.post!.responses['200']).toBeDefined();
  });

  describe('POST /api/grants', () => {
    it('invites by the grantee’s phone: PENDING for a year, the grantee told, the grantor shown what waits', async () => {
      const mother = await person(t);
      const son = await person(t);
      const grant = ok(await invite(t, mother, son), 201);
      expect(grant).toMatchObject({
        as: 'GRANTOR',
        other: { name: `${son.phone.slice(0, 3)}****${son.phone.slice(7)}`, phoneMasked: `${son.phone.slice(0, 3)}****${son.phone.slice(7)}`, isGridWorker: false },
        relation: '子女',
        scopes: ['APPOINTMENT', 'QUEUE'],
        services: [],
        status: 'PENDING',
        consentMethod: 'IN_APP',
        initiatedBy: 'GRANTOR',
        awaiting: 'OTHER',
        actions: ['revoke'],
        validUntil: endOf('2027-11-23'),
        acceptedAt: null,
        endedAt: null,
      });
      const [told] = await messages(t, son.id, 'GRANT_REQUESTED');
      expect(told?.payload).toMatchObject({ grantId: grant.id, recipientIs: 'GRANTEE', relation: '子女' });
      expect((await t.as(son.token, { method: 'GET', url: '/api/messages' })).json().items[0]).toMatchObject({ kind: 'GRANT_REQUESTED', title: '代办邀请' });
      expect(await messages(t, mother.id, 'GRANT_REQUESTED')).toEqual([]);
    });

    it('shows a person who verified their name masked (陈**), never a full name, phone or id', async () => {
      const aunt = await person(t);
      const res = await invite(t, aunt, { phone: DEMO_PHONES.citizen }, { relation: '其他亲属', scopes: ['QUEUE'] });
      const grant = ok(res, 201);
      expect(grant.other).toEqual({ name: '陈**', phoneMasked: '138****0001', isGridWorker: false });
      expect(res.body).not.toContain('陈思远');
      expect(res.body).not.toContain(DEMO_PHONES.citizen);
      expect(res.body).not.toContain(USER_IDS.citizen);
    });

    it('asks by the grantor’s phone: the grantor is told and must answer', async () => {
      const son = await person(t);
      const father = await person(t);
      const grant = ok(await ask(t, son, father, { scopes: ['QUEUE'] }), 201);
      expect(grant).toMatchObject({ as: 'GRANTEE', initiatedBy: 'GRANTEE', awaiting: 'OTHER', actions: ['revoke'], status: 'PENDING' });
      const [told] = await messages(t, father.id, 'GRANT_REQUESTED');
      expect(told?.payload).toMatchObject({ recipientIs: 'GRANTOR' });
      const list = ok<{ items: { id: string; awaiting: string; actions: string[] }[] }>(await t.as(father.token, { method: 'GET', url: '/api/grants?as=grantor' }));
      expect(list.items).toEqual([expect.objectContaining({ id: grant.id, awaiting: 'ME', actions: ['accept', 'reject'] })]);
    });

    it('gives a grid worker 90 days, by the relation or because the grantee is one', async () => {
      const resident = await person(t);
      const worker = await gridWorker(t);
      const grant = ok(await invite(t, resident, worker, { relation: '网格员' }), 201);
      expect(grant.validUntil).toBe(endOf('2027-02-21'));
      expect(grant.other.isGridWorker).toBe(true);
      const neighbour = await person(t);
      expect(ok(await invite(t, neighbour, worker, { relation: '朋友' }), 201).validUntil).toBe(endOf('2027-02-21'));
    });

    it('refuses 网格员 or 代办员 for someone who is not a grid worker, in words for whoever asks', async () => {
      const a = await person(t);
      const b = await person(t);
      expect(refusal(await invite(t, a, b, { relation: '网格员' }))).toEqual([422, 'GRANT_RELATION_GRID_WORKER', '对方不是网格员，不能选择网格员或代办员关系']);
      expect(refusal(await ask(t, a, b, { relation: '代办员' }))).toEqual([422, 'GRANT_RELATION_GRID_WORKER', '您不是网格员，不能以网格员或代办员身份申请代办']);
      expect(await t.app.prisma.grant.count({ where: { OR: [{ grantorId: a.id }, { granteeId: a.id }] } })).toBe(0);
    });

    it('lets the person choose the last day: from today to the longest term, no further', async () => {
      const a = await person(t);
      const today = ok(await invite(t, a, await person(t), { validUntil: '2026-11-23' }), 201);
      expect(today.validUntil).toBe(endOf('2026-11-23'));
      expect(ok(await invite(t, a, await person(t), { validUntil: '2027-11-23' }), 201).validUntil).toBe(endOf('2027-11-23'));
      for (const validUntil of ['2026-11-22', '2027-11-24']) {
        const [status, code, message] = refusal(await invite(t, a, await person(t), { validUntil }));
        expect([status, code]).toEqual([422, 'GRANT_VALIDITY_INVALID']);
        expect(message).toBe('有效期可选2026-11-23至2027-11-23（家人授权最长1年）');
      }
      const worker = await gridWorker(t);
      expect(refusal(await invite(t, await person(t), worker, { relation: '网格员', validUntil: '2027-02-22' }))[1]).toBe('GRANT_VALIDITY_INVALID');
      expect(errorCodeOf(await invite(t, a, await person(t), { validUntil: '23/11/2027' }))).toBe('VALIDATION_FAILED');
    });

    it('limits a grant to the services named, and refuses one that does not exist', async () => {
      const a = await person(t);
      const grant = ok(await invite(t, a, await person(t), { serviceIds: [SERVICE_IDS.socialSecurityCardApply] }), 201);
      expect(grant.services).toEqual([{ id: SERVICE_IDS.socialSecurityCardApply, name: '社会保障卡申领' }]);
      const unknown = await invite(t, a, await person(t), { serviceIds: ['00000000-0000-4000-8000-000000000000'] });
      expect(refusal(unknown)).toEqual([422, 'GRANT_SERVICE_UNKNOWN', '选择的办理事项不存在，请重新选择']);
    });

    it('refuses a grant to oneself, however the phone is written', async () => {
      const a = await person(t);
      for (const phone of [a.phone, `+86 ${a.phone.slice(0, 3)}-${a.phone.slice(3, 7)}-${a.phone.slice(7)}`]) {
        expect(refusal(await invite(t, a, { phone }))).toEqual([422, 'GRANT_SELF', '不能授权给自己']);
        expect(refusal(await ask(t, a, { phone }))[1]).toBe('GRANT_SELF');
      }
    });

    it('refuses a phone nobody has signed in with, keeping nothing; a malformed phone is PHONE_INVALID', async () => {
      const a = await person(t);
      expect(refusal(await invite(t, a, { phone: '13600000000' }))).toEqual([422, 'GRANT_PHONE_NOT_REGISTERED', '该手机号还没有使用过掌上办，请对方先用这个手机号登录一次']);
      expect(refusal(await ask(t, a, { phone: '12345678901' }))[1]).toBe('PHONE_INVALID');
      expect(await t.app.prisma.grant.count({ where: { OR: [{ grantorId: a.id }, { granteeId: a.id }] } })).toBe(0);
    });

    it('refuses malformed bodies with 400: both phones, neither, an unknown field, relation or scope, no scope', async () => {
      const a = await person(t);
      const b = await person(t);
      const post = (payload: object) => t.as(a.token, { method: 'POST', url: '/api/grants', payload });
      const base = { relation: '子女', scopes: ['QUEUE'] };
      for (const payload of [
        { ...base, granteePhone: b.phone, grantorPhone: b.phone },
        base,
        { ...base, granteePhone: b.phone, extra: 1 },
        { ...base, granteePhone: b.phone, relation: '邻居' },
        { ...base, granteePhone: b.phone, scopes: ['EVERYTHING'] },
        { ...base, granteePhone: b.phone, scopes: [] },
        { ...base, granteePhone: b.phone, scopes: ['QUEUE', 'QUEUE'] },
      ]) {
        expect([payload, (await post(payload)).statusCode]).toEqual([payload, 400]);
      }
      expect(errorCodeOf(await t.as(a.token, { method: 'POST', url: '/api/grants' }))).toBe('VALIDATION_FAILED');
    });

    it('cannot be done on someone’s behalf: a grantee does not re-delegate the grant', async () => {
      const mother = await person(t);
      const son = await person(t);
      const cousin = await person(t);
      await activeGrant(t, mother, son);
      const res = await invite(t, son, cousin, {}, { 'x-on-behalf-of': mother.id });
      expect(refusal(res)).toEqual([403, 'ON_BEHALF_NOT_ALLOWED', '您没有代此人办理的授权']);
      expect(await t.app.prisma.grant.count({ where: { granteeId: cousin.id } })).toBe(0);
      // The attempt is in the mother's log, refused.
      expect(await t.app.prisma.auditLog.count({ where: { subjectId: mother.id, actorId: son.id, onBehalf: true, action: 'grant.create', result: 'DENY' } })).toBe(1);
    });

    it('refuses a second live grant between the same two people, either way it is asked', async () => {
      const mother = await person(t);
      const son = await person(t);
      const first = ok(await invite(t, mother, son), 201);
      expect(refusal(await invite(t, mother, son, { scopes: ['QUEUE'] }))).toEqual([409, 'GRANT_DUPLICATE', '你们之间已有待确认或生效中的授权，不能重复授权']);
      expect(errorCodeOf(await ask(t, son, mother))).toBe('GRANT_DUPLICATE');
      // The other direction is another grant: the son may let his mother act for him.
      expect((await invite(t, son, mother, { relation: '父母' })).statusCode).toBe(201);
      ok(await step(t, son, first.id, 'reject'));
      // Rejected, it no longer blocks the pair: the son may ask her (she waits a day to ask him
      // again, limits.test.ts).
      expect((await ask(t, son, mother)).statusCode).toBe(201);
    });

    it('lets a grantor have at most 5 family grantees (her own pending invitations count; others’ asks when she accepts), a grid worker besides', async () => {
      const grantor = await person(t);
      const family: Person[] = [];
      for (let i = 0; i < 5; i += 1) family.push(await person(t));
      const grants = [];
      for (const member of family) grants.push(ok(await invite(t, grantor, member, { relation: '其他亲属' }), 201));
      const sixth = await person(t);
      expect(refusal(await invite(t, grantor, sixth))).toEqual([409, 'GRANT_FAMILY_LIMIT', '最多授权5位亲友代办（含待确认的邀请），请先撤销不再需要的授权']);
      // Asked by the sixth: her invitations are not his to count; she may take him on.
      const asked = ok(await ask(t, sixth, grantor), 201);
      ok(await step(t, grantor, asked.id, 'accept'));
      // Now the answers hold the limit: four more accept, the fifth is refused (and stays pending).
      for (let i = 0; i < 4; i += 1) ok(await step(t, family[i]!, grants[i]!.id, 'accept'));
      expect(refusal(await step(t, family[4]!, grants[4]!.id, 'accept'))).toEqual([409, 'GRANT_FAMILY_LIMIT', '对方已授权5位亲友代办，暂时不能接受这个邀请']);
      expect((await t.app.prisma.grant.findUniqueOrThrow({ where: { id: grants[4]!.id } })).status).toBe('PENDING');
      // A grid worker's grant is not family.
      expect((await invite(t, grantor, await gridWorker(t), { relation: '网格员' })).statusCode).toBe(201);
      // One revoked: room for the fifth.
      ok(await step(t, grantor, grants[0]!.id, 'revoke'));
      expect(ok(await step(t, family[4]!, grants[4]!.id, 'accept')).status).toBe('ACTIVE');
    });

    it('does not let strangers’ requests use up her places: five ask the mother, she still invites her son', async () => {
      const mother = await person(t);
      const asks = [];
      for (let i = 0; i < 5; i += 1) asks.push(ok(await ask(t, await person(t), mother), 201));
      expect(ok(await invite(t, mother, await person(t)), 201).status).toBe('PENDING');
      // Nor a stranger's invitations someone's: a helper invited by five may still be invited.
      const helper = await person(t);
      for (let i = 0; i < 5; i += 1) ok(await invite(t, await person(t), helper), 201);
      expect((await invite(t, await person(t), helper)).statusCode).toBe(201);
      expect(asks).toHaveLength(5);
    });

    it('lets a citizen act for at most 5 people at once, in words for whoever asks or answers', async () => {
      const helper = await person(t);
      const invitations = [];
      for (let i = 0; i < 6; i += 1) invitations.push(ok(await invite(t, await person(t), helper), 201));
      for (let i = 0; i < 5; i += 1) ok(await step(t, helper, invitations[i]!.id, 'accept'));
      expect(refusal(await step(t, helper, invitations[5]!.id, 'accept'))).toEqual([409, 'GRANT_GRANTEE_LIMIT', '您可代办的人数已满（最多5人），请先退出不再需要的代办']);
      expect(refusal(await invite(t, await person(t), helper))).toEqual([409, 'GRANT_GRANTEE_LIMIT', '对方可代办的人数已满（最多5人），请选择其他代办人']);
      expect(refusal(await ask(t, helper, await person(t)))).toEqual([409, 'GRANT_GRANTEE_LIMIT', '您可代办的人数已满（最多5人），请先退出不再需要的代办']);
    });

    it('gives an invitation or a request 7 days for its answer: then it cannot be accepted, and the job expires it', async () => {
      const mother = await person(t);
      const son = await person(t);
      const pending = ok(await invite(t, mother, son), 201);
      const now = t.resources.clock.now().getTime();
      await t.app.prisma.grant.update({ where: { id: pending.id }, data: { createdAt: new Date(now - 7 * DAY - 60_000) } });
      expect(refusal(await step(t, son, pending.id, 'accept'))).toEqual([409, 'GRANT_STATE', '该授权已过期（7天内未确认）']);
      // Shown as ended already, before the job runs.
      const ended = ok<{ items: { id: string; status: string }[] }>(await t.as(son.token, { method: 'GET', url: '/api/grants?as=grantee&state=ended' }));
      expect(ended.items.find((g) => g.id === pending.id)?.status).toBe('EXPIRED');
      expect((await t.app.prisma.grant.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe('PENDING');
      // A fresh one 6 days old is still answerable.
      const daughter = await person(t);
      const recent = ok(await invite(t, mother, daughter), 201);
      await t.app.prisma.grant.update({ where: { id: recent.id }, data: { createdAt: new Date(now - 6 * DAY) } });
      await t.app.grants.expire();
      expect((await t.app.prisma.grant.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe('EXPIRED');
      expect((await t.app.prisma.grant.findUniqueOrThrow({ where: { id: recent.id } })).status).toBe('PENDING');
      expect(ok(await step(t, daughter, recent.id, 'accept')).status).toBe('ACTIVE');
      // The son may be invited again.
      expect((await invite(t, mother, son)).statusCode).toBe(201);
    });

    it('lets a grid worker act for up to 500 residents', async () => {
      const worker = await gridWorker(t);
      const now = t.resources.clock.now();
      const residents = await t.app.prisma.user.createManyAndReturn({ data: Array.from({ length: 499 }, () => ({ roles: ['CITIZEN' as const] })), select: { id: true } });
      await t.app.prisma.grant.createMany({
        data: residents.map((r) => ({ grantorId: r.id, granteeId: worker.id, relation: '网格员', scopes: ['QUEUE' as const], status: 'ACTIVE' as const, validFrom: now, validUntil: new Date(now.getTime() + 30 * DAY), acceptedAt: now })),
      });
      const last = ok(await invite(t, await person(t), worker, { relation: '网格员' }), 201);
      ok(await step(t, worker, last.id, 'accept'));
      expect(refusal(await invite(t, await person(t), worker, { relation: '网格员' }))).toEqual([409, 'GRANT_GRANTEE_LIMIT', '对方可代办的人数已满（最多500人），请选择其他代办人']);
      // The list pages through them: 50 a page, no repeats.
      const seen = new Set<string>();
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = ok<{ items: { id: string }[]; nextCursor?: string }>(
          await t.as(worker.token, { method: 'GET', url: `/api/grants?as=grantee&state=live${cursor ? `&cursor=${cursor}` : ''}` }),
        );
        expect(page.items.length).toBeLessThanOrEqual(50);
        for (const item of page.items) seen.add(item.id);
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect([seen.size, pages]).toEqual([500, 10]);
    });

    it('does not count or block with a grant whose time is up, even before the job marks it', async () => {
      const mother = await person(t);
      const son = await person(t);
      const old = await activeGrant(t, mother, son);
      await endedAMinuteAgo(t, old.id);
      const renewed = ok(await invite(t, mother, son), 201);
      expect(renewed.status).toBe('PENDING');
      expect((await t.app.prisma.grant.findUniqueOrThrow({ where: { id: old.id } })).status).toBe('EXPIRED');
    });

    it('allows 10 invitations a minute per person, then 429', async () => {
      const a = await person(t);
      const statuses = [];
      for (let i = 0; i < 11; i += 1) statuses.push((await invite(t, a, { phone: '13600000000' })).statusCode);
      expect(statuses).toEqual([...Array<number>(10).fill(422), 429]);
    });
  });

  describe('GET /api/grants', () => {
    it('lists one side at a time, newest first, live or ended, with what is in force now', async () => {
      const me = await person(t);
      const sister = await person(t);
      const daughter = await person(t);
      const father = await person(t);
      const ended = await activeGrant(t, me, sister, { relation: '兄弟姐妹' });
      ok(await step(t, me, ended.id, 'revoke'));
      const lapsed = await activeGrant(t, me, daughter);
      await endedAMinuteAgo(t, lapsed.id);
      const mine = ok(await invite(t, father, me, { relation: '子女' }), 201);
      const list = async (query: string) => ok<{ items: { id: string; status: string; revokedBy: string | null; as: string }[] }>(await t.as(me.token, { method: 'GET', url: `/api/grants?${query}` })).items;
      expect((await list('as=grantor')).map((g) => [g.id, g.status])).toEqual([
        [lapsed.id, 'EXPIRED'],
        [ended.id, 'REVOKED'],
      ]);
      expect((await list('as=grantor&state=live')).map((g) => g.id)).toEqual([]);
      expect((await list('as=grantor&state=ended')).find((g) => g.id === ended.id)).toMatchObject({ revokedBy: 'ME' });
      expect(await list('as=grantee')).toEqual([expect.objectContaining({ id: mine.id, as: 'GRANTEE', status: 'PENDING' })]);
      expect((await t.as(sister.token, { method: 'GET', url: '/api/grants?as=grantee' })).json().items[0]).toMatchObject({ id: ended.id, revokedBy: 'OTHER' });
    });

    it('needs `as`, and refuses a cursor it did not give', async () => {
      const me = await person(t);
      expect(errorCodeOf(await t.as(me.token, { method: 'GET', url: '/api/grants' }))).toBe('VALIDATION_FAILED');
      expect(errorCodeOf(await t.as(me.token, { method: 'GET', url: '/api/grants?as=grantor&cursor=bm9wZQ' }))).toBe('VALIDATION_FAILED');
    });

    it('answers a forged cursor with 400 in the error shape, never 500', async () => {
      const me = await person(t);
      const forged = [
        `2026-01-01T00:00:00.000Z|${'-'.repeat(36)}`,
        '2026-01-01T00:00:00.000Z|zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
        '+275760-09-13T00:00:00.000Z|00000000-0000-4000-8000-000000000000',
        '0001-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000',
        '2026-01-01|00000000-0000-4000-8000-000000000000',
        '2026-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000|x',
      ].map((raw) => Buffer.from(raw).toString('base64url'));
      for (const cursor of forged) {
        const res = await t.as(me.token, { method: 'GET', url: `/api/grants?as=grantor&cursor=${cursor}` });
        expect([res.statusCode, errorCodeOf(res), res.json().error.details?.[0]?.field]).toEqual([400, 'VALIDATION_FAILED', 'querystring.cursor']);
      }
      // One it gave still works.
      const good = Buffer.from(`${new Date().toISOString()}|00000000-0000-4000-8000-000000000000`).toString('base64url');
      expect((await t.as(me.token, { method: 'GET', url: `/api/grants?as=grantor&cursor=${good}` })).statusCode).toBe(200);
    });
  });

  describe('GET /api/grants/:id', () => {
    it('shows one grant as it is now to either of its people, however many they hold', async () => {
      const worker = await gridWorker(t);
      const now = t.resources.clock.now();
      // More than a page of grants held: the one asked for is found by id, not by paging.
      const residents = await t.app.prisma.user.createManyAndReturn({ data: Array.from({ length: 60 }, () => ({ roles: ['CITIZEN' as const] })), select: { id: true } });
      await t.app.prisma.grant.createMany({
        data: residents.map((r) => ({ grantorId: r.id, granteeId: worker.id, relation: '网格员', scopes: ['QUEUE' as const], status: 'ACTIVE' as const, validFrom: now, validUntil: new Date(now.getTime() + 30 * DAY), acceptedAt: now })),
      });
      const resident = await person(t);
      const grant = await activeGrant(t, resident, worker, { relation: '网格员' });
      const firstPage = ok<{ items: { id: string }[] }>(await t.as(worker.token, { method: 'GET', url: '/api/grants?as=grantee&state=live' }));
      expect(firstPage.items.length).toBe(50);
      expect(ok(await t.as(worker.token, { method: 'GET', url: `/api/grants/${grant.id}` }))).toMatchObject({ id: grant.id, status: 'ACTIVE', actFor: resident.id });
      expect(ok(await t.as(resident.token, { method: 'GET', url: `/api/grants/${grant.id}` }))).toMatchObject({ id: grant.id, status: 'ACTIVE', actFor: null });
      ok(await step(t, resident, grant.id, 'revoke'));
      expect(ok(await t.as(worker.token, { method: 'GET', url: `/api/grants/${grant.id}` }))).toMatchObject({ status: 'REVOKED', actFor: null });
    });

    it('is the same 404 for a stranger, for someone acting for a party, and for a grant that does not exist', async () => {
      const mother = await person(t);
      const son = await person(t);
      const stranger = await person(t);
      const grant = await activeGrant(t, mother, son);
      const notThere = [404, 'NOT_FOUND', '没有找到该授权'];
      expect(refusal(await t.as(stranger.token, { method: 'GET', url: `/api/grants/${grant.id}` }))).toEqual(notThere);
      expect(refusal(await t.as(son.token, { method: 'GET', url: `/api/grants/${grant.id}`, headers: { 'x-on-behalf-of': mother.id } }))).toEqual(notThere);
      expect(refusal(await t.as(son.token, { method: 'GET', url: '/api/grants/00000000-0000-4000-8000-000000000000' }))).toEqual(notThere);
    });
  });

  describe('POST /api/grants/:id/{accept,reject,revoke}', () => {
    it('accept: by the side that did not ask, once; the asker is told', async () => {
      const mother = await person(t);
      const son = await person(t);
      const pending = ok(await invite(t, mother, son), 201);
      expect(refusal(await step(t, mother, pending.id, 'accept'))).toEqual([409, 'GRANT_AWAITING_OTHER_SIDE', '这项授权需要由对方确认，请等待对方处理']);
      expect(refusal(await step(t, mother, pending.id, 'reject'))[1]).toBe('GRANT_AWAITING_OTHER_SIDE');
      const accepted = ok(await step(t, son, pending.id, 'accept'));
      expect(accepted).toMatchObject({ status: 'ACTIVE', as: 'GRANTEE', awaiting: null, actions: ['revoke'] });
      // Whom X-On-Behalf-Of names: given to the grantee of an ACTIVE grant only.
      expect(pending.actFor).toBeNull();
      expect(accepted.actFor).toBe(mother.id);
      const asGrantor = (await t.as(mother.token, { method: 'GET', url: '/api/grants?as=grantor' })).json().items;
      expect(asGrantor.find((g: { id: string }) => g.id === pending.id)).toMatchObject({ actFor: null });
      // In force from the answer, not from the invitation.
      expect(accepted.acceptedAt).toBe(accepted.validFrom);
      expect(Math.abs(Date.parse(accepted.validFrom) - t.resources.clock.now().getTime())).toBeLessThan(10_000);
      expect(refusal(await step(t, son, pending.id, 'accept'))).toEqual([409, 'GRANT_STATE', '该授权已生效']);
      const [told] = await messages(t, mother.id, 'GRANT_ACCEPTED');
      expect(told?.payload).toMatchObject({ grantId: pending.id, recipientIs: 'GRANTOR' });
      expect(await t.app.prisma.auditLog.count({ where: { action: 'grant.accept', resourceId: pending.id, actorId: son.id, result: 'OK' } })).toBe(1);
    });

    it('reject: once, and never accepted after', async () => {
      const father = await person(t);
      const son = await person(t);
      const asked = ok(await ask(t, son, father), 201);
      expect(ok(await step(t, father, asked.id, 'reject'))).toMatchObject({ status: 'REJECTED', actions: [], awaiting: null, endedAt: expect.any(String) });
      expect(refusal(await step(t, father, asked.id, 'accept'))).toEqual([409, 'GRANT_STATE', '该授权已被拒绝']);
      expect(refusal(await step(t, father, asked.id, 'reject'))[2]).toBe('该授权已被拒绝');
      expect((await messages(t, son.id, 'GRANT_REJECTED')).length).toBe(1);
    });

    it('revoke: the grantor at any time; nothing revives it', async () => {
      const mother = await person(t);
      const son = await person(t);
      const grant = await activeGrant(t, mother, son);
      expect(ok(await step(t, mother, grant.id, 'revoke'))).toMatchObject({ status: 'REVOKED', revokedBy: 'ME', actions: [] });
      for (const [who, action] of [
        [mother, 'revoke'],
        [son, 'accept'],
        [son, 'revoke'],
      ] as const) {
        expect(refusal(await step(t, who, grant.id, action))).toEqual([409, 'GRANT_STATE', '该授权已撤销']);
      }
      const [told] = await messages(t, son.id, 'GRANT_REVOKED');
      expect(told?.payload).toMatchObject({ recipientIs: 'GRANTEE', wasPending: false });
      expect((await t.as(son.token, { method: 'GET', url: '/api/messages' })).json().items[0]).toMatchObject({ title: '代办授权已撤销' });
    });

    it('revoke: the grantee steps down; a pending invitation or request is withdrawn', async () => {
      const mother = await person(t);
      const son = await person(t);
      const grant = await activeGrant(t, mother, son);
      expect(ok(await step(t, son, grant.id, 'revoke'))).toMatchObject({ status: 'REVOKED', revokedBy: 'ME' });
      expect((await t.as(mother.token, { method: 'GET', url: '/api/messages' })).json().items[0]).toMatchObject({ kind: 'GRANT_REVOKED', title: '代办人已退出' });
      const invitation = ok(await invite(t, mother, son), 201);
      ok(await step(t, mother, invitation.id, 'revoke'));
      expect((await t.as(son.token, { method: 'GET', url: '/api/messages' })).json().items[0]).toMatchObject({ kind: 'GRANT_REVOKED', title: '代办授权已撤回' });
      expect(refusal(await step(t, son, invitation.id, 'accept'))[2]).toBe('该授权已撤销');
    });

    it('revoke of a pending one: only by whoever sent it (the other side rejects); the message says what was withdrawn', async () => {
      const mother = await person(t);
      const son = await person(t);
      const invitation = ok(await invite(t, mother, son), 201);
      expect(refusal(await step(t, son, invitation.id, 'revoke'))).toEqual([409, 'GRANT_STATE', '这是对方发来的代办邀请，请选择接受或拒绝']);
      expect((await t.app.prisma.grant.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe('PENDING');
      expect(await messages(t, mother.id, 'GRANT_REVOKED')).toEqual([]);
      ok(await step(t, son, invitation.id, 'reject'));

      const daughter = await person(t);
      const request = ok(await ask(t, daughter, mother), 201);
      expect(refusal(await step(t, mother, request.id, 'revoke'))).toEqual([409, 'GRANT_STATE', '这是对方发来的代办申请，请选择同意或拒绝']);
      expect(ok(await step(t, daughter, request.id, 'revoke'))).toMatchObject({ status: 'REVOKED' });
      const [told] = await messages(t, mother.id, 'GRANT_REVOKED');
      expect(told?.payload).toMatchObject({ recipientIs: 'GRANTOR', wasPending: true, initiatedBy: 'GRANTEE' });
      expect((await t.as(mother.token, { method: 'GET', url: '/api/messages' })).json().items.find((m: { kind: string }) => m.kind === 'GRANT_REVOKED')).toMatchObject({
        title: '代办授权已撤回',
        body: expect.stringContaining('撤回了代办申请'),
      });
    });

    it('refuses to accept an invitation whose time is up, before the job marks it', async () => {
      const mother = await person(t);
      const son = await person(t);
      const pending = ok(await invite(t, mother, son), 201);
      await endedAMinuteAgo(t, pending.id);
      expect(refusal(await step(t, son, pending.id, 'accept'))).toEqual([409, 'GRANT_STATE', '该授权已过期']);
      expect(refusal(await step(t, mother, pending.id, 'revoke'))[2]).toBe('该授权已过期');
    });

    it('takes no body, an empty one or {} alike', async () => {
      const mother = await person(t);
      const son = await person(t);
      const a = ok(await invite(t, mother, son), 201);
      expect((await step(t, son, a.id, 'accept')).statusCode).toBe(200);
      const res = await t.as(mother.token, { method: 'POST', url: `/api/grants/${a.id}/revoke`, payload: '', headers: { 'content-type': 'text/plain' } });
      expect(res.statusCode).toBe(200);
      const b = ok(await invite(t, mother, son), 201);
      expect((await step(t, son, b.id, 'reject', {})).statusCode).toBe(200);
      expect(errorCodeOf(await step(t, son, b.id, 'reject', { why: 'x' }))).toBe('VALIDATION_FAILED');
    });

    it('is the same 404 for a stranger, for someone acting for a party, and for a grant that does not exist', async () => {
      const mother = await person(t);
      const son = await person(t);
      const stranger = await person(t);
      const grant = await activeGrant(t, mother, son);
      const notThere = [404, 'NOT_FOUND', '没有找到该授权'];
      for (const action of ['accept', 'reject', 'revoke'] as const) {
        expect(refusal(await step(t, stranger, grant.id, action))).toEqual(notThere);
        expect(refusal(await step(t, stranger, '7c9e6679-7425-40de-944b-e07fc1f90ae7', action))).toEqual(notThere);
        // The son acting for his mother cannot end her grant (nor anything of hers about grants).
        expect(refusal(await step(t, son, grant.id, action, undefined, { 'x-on-behalf-of': mother.id }))).toEqual(notThere);
      }
      expect(errorCodeOf(await step(t, stranger, 'not-a-uuid', 'revoke'))).toBe('VALIDATION_FAILED');
      expect((await t.app.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe('ACTIVE');
    });
  });
});
