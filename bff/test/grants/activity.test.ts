// 授权记录 on real PostgreSQL: GET /api/me/activity (acts done — or tried — on my behalf, and by me
// for others, from the audit log; masked; cursor-paged) and POST /api/me/activity/:id/dispute
// (这不是我授权的: the grant to whoever acted revoked at once, the act flagged for staff, once).
import type { Activity } from '@palm/shared/server';
import { OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { slotMaker } from '../appointments/fixtures';
import { build, closeTestDatabase, errorCodeOf, resetQueue, type TestApp } from '../helper';
import { activeGrant, messages, ok, person, type Person } from './helpers';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICES = [SERVICE_IDS.socialSecurityCardApply, SERVICE_IDS.socialSecurityCardReplace];
const BOOKED_SERVICE = SERVICE_IDS.marriageRegistration;

interface Page {
  items: Activity[];
  nextCursor?: string;
}

describe('activity log (授权记录)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', BOOKING_IP_PER_MINUTE: '100000' } });
    await resetQueue(t, OFFICE);
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const slot = slotMaker(() => t, { officeId: OFFICE, serviceId: BOOKED_SERVICE, startsIn: 2 * 24 * 60 * 60_000 });
  const forHer = (mother: Person) => ({ 'x-on-behalf-of': mother.id });
  const takeFor = (son: Person, mother: Person, serviceId = SERVICES[0]!) =>
    t.as(son.token, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId }, headers: forHer(mother) });
  const log = async (who: Person, query = '') => ok<Page>(await t.as(who.token, { method: 'GET', url: `/api/me/activity${query}` }));
  const dispute = (who: Person, id: string, headers: Record<string, string> = {}) => t.as(who.token, { method: 'POST', url: `/api/me/activity/${id}/dispute`, headers });
  const family = async () => {
    const mother = await person(t);
    const son = await person(t);
    const grant = await activeGrant(t, mother, son);
    return { mother, son, grant };
  };
  const masked = (p: Person) => `${p.phone.slice(0, 3)}****${p.phone.slice(7)}`;

  describe('GET /api/me/activity', () => {
    it('shows the grantor what was done and tried for them, newest first, the actor masked; the actor sees it as theirs', async () => {
      const { mother, son } = await family();
      ok(await takeFor(son, mother), 201);
      await t.as(son.token, { method: 'GET', url: '/api/tickets', headers: forHer(mother) });
      // A daughter whose grant she revoked tries again: that refusal is in her log.
      const daughter = await person(t);
      const ended = await activeGrant(t, mother, daughter, { relation: '子女' });
      ok(await t.as(mother.token, { method: 'POST', url: `/api/grants/${ended.id}/revoke` }));
      await takeFor(daughter, mother, SERVICES[1]);

      const mine = await log(mother);
      expect(mine.items.map((a) => [a.direction, a.person.name, a.person.relation, a.words, a.result])).toEqual([
        ['FOR_ME', masked(daughter), '子女', '取号', 'DENIED'],
        ['FOR_ME', masked(son), '子女', '取号', 'ALLOWED'],
      ]);
      expect(mine.items[1]).toMatchObject({ action: 'ticket.take', service: { id: SERVICES[0], name: '社会保障卡申领' }, canDispute: true, disputedAt: null });
      // Views only when asked for.
      expect((await log(mother, '?include=all')).items.map((a) => a.words)).toEqual(['取号', '查看排队号', '取号']);
      // The son's side: what he did, for whom; no dispute of his own acts.
      expect((await log(son)).items).toEqual([expect.objectContaining({ direction: 'BY_ME', person: { name: masked(mother), relation: '子女' }, words: '取号', canDispute: false, resource: null })]);
      expect((await log(mother, '?direction=by_me')).items).toEqual([]);
      expect((await log(son, '?direction=for_me')).items).toEqual([]);
    });

    it('names the object only when it is the caller’s own and the act was allowed, and no one else’s ids', async () => {
      const { mother, son } = await family();
      const ticket = ok<{ id: string }>(await takeFor(son, mother), 201);
      const other = await person(t);
      const res = await t.as(son.token, { method: 'GET', url: `/api/tickets/${ticket.id}`, headers: forHer(mother) });
      expect(res.statusCode).toBe(200);
      // A stranger reaching for the mother with the id of a number that is not hers.
      const strangers = ok<{ id: string }>(await t.as(other.token, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICES[1] } }), 201);
      await t.as(other.token, { method: 'GET', url: `/api/tickets/${strangers.id}`, headers: forHer(mother) });
      const all = (await t.as(mother.token, { method: 'GET', url: '/api/me/activity?include=all' })).body;
      const items = (JSON.parse(all) as Page).items;
      expect(items.find((a) => a.words === '查看排队号' && a.result === 'ALLOWED')?.resource).toEqual({ type: 'ticket', id: ticket.id });
      // The stranger's refusal is not in her log at all (staff keep it: item below).
      expect(items.filter((a) => a.result === 'DENIED')).toEqual([]);
      for (const secret of [strangers.id, son.id, other.id, son.phone, other.phone]) expect(all).not.toContain(secret);
    });

    it('shows an act refused after the decision (a full slot) as FAILED, not disputable, and a retried booking once', async () => {
      const { mother, son } = await family();
      const { id: full } = await slot({ capacity: 1, booked: 1 });
      const refused = await t.as(son.token, { method: 'POST', url: '/api/appointments', payload: { slotId: full, serviceId: BOOKED_SERVICE }, headers: forHer(mother) });
      expect(errorCodeOf(refused)).toBe('SLOT_FULL');
      const { id: open } = await slot();
      const book = () => t.as(son.token, { method: 'POST', url: '/api/appointments', payload: { slotId: open, serviceId: BOOKED_SERVICE }, headers: { ...forHer(mother), 'idempotency-key': `activity-${open}` } });
      ok(await book(), 201);
      expect((await book()).statusCode).toBe(200);
      const mine = await log(mother);
      expect(mine.items.map((a) => [a.words, a.result, a.canDispute])).toEqual([
        ['预约', 'ALLOWED', true],
        ['预约', 'FAILED', false],
      ]);
      expect((await log(son)).items.map((a) => [a.words, a.result])).toEqual([
        ['预约', 'ALLOWED'],
        ['预约', 'FAILED'],
      ]);
      // The decisions stay as written; each has its outcome beside it.
      const rows = await t.app.prisma.auditLog.findMany({ where: { actorId: son.id, action: 'appointment.book' }, orderBy: { id: 'asc' } });
      expect(rows.map((r) => [r.result, r.onBehalf, (r.meta as { status?: number } | null)?.status ?? null])).toEqual([
        ['ALLOW', true, null],
        ['FAIL', false, 409],
        ['ALLOW', true, null],
        ['OK', false, 201],
        ['ALLOW', true, null],
        ['OK', false, 200],
      ]);
    });

    it('pages by cursor, 20 at a time, without repeats; refuses a cursor it did not give', async () => {
      const { mother, son } = await family();
      for (let i = 0; i < 25; i += 1) await t.as(son.token, { method: 'GET', url: '/api/tickets', headers: forHer(mother) });
      const first = await log(mother, '?include=all');
      expect(first.items).toHaveLength(20);
      const second = await log(mother, `?include=all&cursor=${first.nextCursor!}`);
      expect([second.items.length, second.nextCursor]).toEqual([5, undefined]);
      const ids = [...first.items, ...second.items].map((a) => Number(a.id));
      expect(new Set(ids).size).toBe(25);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(errorCodeOf(await t.as(mother.token, { method: 'GET', url: '/api/me/activity?cursor=abc' }))).toBe('VALIDATION_FAILED');
    });

    it('is no one’s to read on someone else’s behalf', async () => {
      const { mother, son } = await family();
      const res = await t.as(son.token, { method: 'GET', url: '/api/me/activity', headers: forHer(mother) });
      expect([res.statusCode, errorCodeOf(res)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
    });
  });

  describe('POST /api/me/activity/:id/dispute', () => {
    it('revokes the grant at once, tells the grantee, flags the act for staff; the next request is refused', async () => {
      const { mother, son, grant } = await family();
      ok(await takeFor(son, mother), 201);
      const [act] = (await log(mother)).items;
      const res = ok<{ activity: Activity; grantRevoked: boolean }>(await dispute(mother, act!.id));
      expect(act).toMatchObject({ disputedAt: null, grantRevoked: false });
      expect(res).toMatchObject({ grantRevoked: true, activity: { id: act!.id, canDispute: false, disputedAt: expect.any(String), grantRevoked: true } });
      // After a reload the log still says the dispute revoked the grant, on both sides.
      expect((await log(mother)).items.find((a) => a.id === act!.id)).toMatchObject({ disputedAt: expect.any(String), grantRevoked: true, canDispute: false });
      expect((await log(son)).items.find((a) => a.id === act!.id)).toMatchObject({ direction: 'BY_ME', disputedAt: expect.any(String), grantRevoked: true });
      expect(await t.app.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({ status: 'REVOKED', revokedById: mother.id });
      expect(await t.app.prisma.activityDispute.findUniqueOrThrow({ where: { auditLogId: BigInt(act!.id) } })).toMatchObject({ subjectId: mother.id, actorId: son.id, grantId: grant.id, reviewedAt: null });
      const [told] = await messages(t, son.id, 'GRANT_REVOKED');
      expect(told?.payload).toMatchObject({ grantId: grant.id, disputed: true });
      expect(errorCodeOf(await takeFor(son, mother, SERVICES[1]))).toBe('ON_BEHALF_NOT_ALLOWED');
      // The act itself stays as it was written.
      expect(await t.app.prisma.auditLog.findUniqueOrThrow({ where: { id: BigInt(act!.id) } })).toMatchObject({ result: 'ALLOW', action: 'ticket.take' });
      expect(await t.app.prisma.auditLog.count({ where: { action: 'activity.dispute', actorId: mother.id, resourceId: act!.id } })).toBe(1);
    });

    it('answers a second dispute of the same act as the first, changing nothing more', async () => {
      const { mother, son, grant } = await family();
      ok(await takeFor(son, mother), 201);
      const [act] = (await log(mother)).items;
      const first = ok(await dispute(mother, act!.id));
      // A new grant after the dispute is not touched by disputing the old act again.
      const renewed = await activeGrant(t, mother, son);
      const again = await Promise.all([dispute(mother, act!.id), dispute(mother, act!.id)]);
      for (const res of again) expect(ok(res)).toEqual(first);
      expect(await t.app.prisma.activityDispute.count({ where: { auditLogId: BigInt(act!.id) } })).toBe(1);
      expect((await t.app.prisma.grant.findUniqueOrThrow({ where: { id: renewed.id } })).status).toBe('ACTIVE');
      expect((await messages(t, son.id, 'GRANT_REVOKED')).filter((m) => (m.payload as { grantId: string }).grantId === grant.id)).toHaveLength(1);
    });

    it('refuses to dispute an act that was not done (FAILED) with 409, changing nothing', async () => {
      const { mother, son, grant } = await family();
      const { id: full } = await slot({ capacity: 1, booked: 1 });
      const refused = await t.as(son.token, { method: 'POST', url: '/api/appointments', payload: { slotId: full, serviceId: BOOKED_SERVICE }, headers: forHer(mother) });
      expect(errorCodeOf(refused)).toBe('SLOT_FULL');
      const [failed] = (await log(mother)).items;
      expect(failed).toMatchObject({ result: 'FAILED', canDispute: false });
      const res = await dispute(mother, failed!.id);
      const { error } = res.json() as { error: { code: string; message: string } };
      expect([res.statusCode, error.code, error.message]).toEqual([409, 'ACTIVITY_NOT_DISPUTABLE', '这次代办没有办成，没有对您产生影响，无需提出异议']);
      expect(await t.app.prisma.activityDispute.count({ where: { auditLogId: BigInt(failed!.id) } })).toBe(0);
      expect((await t.app.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe('ACTIVE');
      expect(await messages(t, son.id, 'GRANT_REVOKED')).toEqual([]);
      expect(await t.app.prisma.auditLog.count({ where: { action: 'activity.dispute', actorId: mother.id } })).toBe(0);
      expect((await log(mother)).items[0]).toMatchObject({ id: failed!.id, result: 'FAILED', disputedAt: null });
    });

    it('flags an attempt by someone whose grant has ended, with nothing to revoke', async () => {
      const { mother, son, grant } = await family();
      ok(await t.as(mother.token, { method: 'POST', url: `/api/grants/${grant.id}/revoke` }));
      await takeFor(son, mother);
      const [attempt] = (await log(mother)).items;
      expect(attempt).toMatchObject({ result: 'DENIED', canDispute: true, person: { name: masked(son) } });
      expect(ok(await dispute(mother, attempt!.id))).toMatchObject({ grantRevoked: false, activity: { grantRevoked: false } });
      // Reloaded: disputed, but no grant was revoked by it.
      expect((await log(mother)).items.find((a) => a.id === attempt!.id)).toMatchObject({ disputedAt: expect.any(String), grantRevoked: false });
      expect(await t.app.prisma.activityDispute.count({ where: { auditLogId: BigInt(attempt!.id), actorId: son.id, grantId: null } })).toBe(1);
    });

    it('keeps a stranger’s attempt for staff only: not in her log, not hers to dispute, her name not in his', async () => {
      const mother = await person(t);
      const stranger = await person(t);
      expect((await takeFor(stranger, mother)).statusCode).toBe(403);
      await t.as(stranger.token, { method: 'GET', url: '/api/appointments', headers: forHer(mother) });
      expect((await log(mother, '?include=all')).items).toEqual([]);
      expect((await log(stranger, '?include=all')).items).toEqual([]);
      const kept = await t.app.prisma.auditLog.findMany({ where: { actorId: stranger.id, subjectId: mother.id }, orderBy: { id: 'asc' } });
      expect(kept.map((r) => [r.action, r.result, r.onBehalf, (r.meta as { attemptedOnBehalf?: boolean }).attemptedOnBehalf])).toEqual([
        ['ticket.take', 'DENY', false, true],
        ['appointment.read', 'DENY', false, true],
      ]);
      const res = await dispute(mother, String(kept[0]!.id));
      expect([res.statusCode, errorCodeOf(res)]).toEqual([404, 'NOT_FOUND']);
      // A refusal written before this rule (onBehalf, no grant between them) names neither to the other.
      await t.app.prisma.auditLog.create({ data: { actorId: stranger.id, subjectId: mother.id, onBehalf: true, action: 'ticket.take', resourceType: 'ticket', result: 'DENY', reason: 'no grant' } });
      expect((await log(stranger)).items.map((a) => a.person)).toEqual([{ name: '无授权关系的用户', relation: null }]);
      expect((await log(mother)).items.map((a) => a.person)).toEqual([{ name: '无授权关系的用户', relation: null }]);
    });

    it('is only the grantor’s: the one who acted, a stranger, someone acting for her, or a missing id get the same 404', async () => {
      const { mother, son, grant } = await family();
      ok(await takeFor(son, mother), 201);
      const [act] = (await log(mother)).items;
      const stranger = await person(t);
      const notThere = [404, 'NOT_FOUND', '没有找到该记录'];
      const refusal = (res: { statusCode: number; json(): unknown }) => {
        const { error } = res.json() as { error: { code: string; message: string } };
        return [res.statusCode, error.code, error.message];
      };
      expect(refusal(await dispute(son, act!.id))).toEqual(notThere);
      expect(refusal(await dispute(stranger, act!.id))).toEqual(notThere);
      expect(refusal(await dispute(son, act!.id, forHer(mother)))).toEqual(notThere);
      for (const id of ['999999999', 'abc', '0', '99999999999999999999']) expect(refusal(await dispute(mother, id))).toEqual(notThere);
      // An entry that is not an act for anyone (a grant accepted) is not there either.
      const accepted = await t.app.prisma.auditLog.findFirstOrThrow({ where: { action: 'grant.accept', resourceId: grant.id } });
      expect(refusal(await dispute(son, String(accepted.id)))).toEqual(notThere);
      expect(await t.app.prisma.activityDispute.count({ where: { auditLogId: BigInt(act!.id) } })).toBe(0);
      expect((await t.app.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe('ACTIVE');
    });
  });
});
