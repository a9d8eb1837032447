// POST /api/grid/residents/:id/consent-request on real PostgreSQL (issue 14 item 4): a grid worker
// asks a resident of their grid to let them act for them — a PENDING grant the resident answers on
// their own phone. Asking again returns the waiting request; concurrent asks make one; a resident
// without a phone, or one whose grant is in force, is told why not; anyone outside the grid is the
// same 404 as an id that names nobody.
import { randomUUID } from 'node:crypto';
import { addDays, zonedDateTimeToInstant } from '@palm/shared';
import { DEMO_USERS, GRID_RESIDENTS, OFFICE_IDS, REGION_CODES, SERVICE_IDS } from '../../../seeds';
import { errorCodeOf, type TestApp } from '../helper';
import { gridSuite, refusal, WORKER_ID, type Person } from './fixtures';

describe('POST /api/grid/residents/:id/consent-request', () => {
  let t: TestApp;
  let worker: Person;
  const f = gridSuite((app, w) => {
    t = app;
    worker = w;
  });

  /** Like every grant, it runs to the close of its last day (Asia/Shanghai): `days` from today. */
  const endAfter = (days: number) => zonedDateTimeToInstant(addDays(t.resources.clock.businessDate(t.resources.clock.now()), days + 1), '00:00').getTime();
  const grantsOf = (residentId: string) => t.app.prisma.grant.findMany({ where: { grantorId: residentId, granteeId: WORKER_ID }, orderBy: { createdAt: 'asc' } });

  it('makes a PENDING grant from the resident to the worker — 网格员, 预约/排队/申办, 90 days — even with no body', async () => {
    const resident = await f.resident({ name: '马兰花' });
    const res = await f.askConsent(worker.token, resident.id);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: resident.id, nameMasked: '马**', hasPhone: true, grant: { state: 'PENDING', scopes: ['APPOINTMENT', 'QUEUE', 'APPLICATION'], validUntil: expect.any(String) } });
    const [grant, ...more] = await grantsOf(resident.id);
    expect(more).toEqual([]);
    expect(grant).toMatchObject({ status: 'PENDING', relation: '网格员', consentMethod: 'IN_APP', acceptedAt: null, serviceIds: [] });
    expect(grant!.validUntil.getTime()).toBe(endAfter(90));
    expect(grant!.initiatedBy).toBe('GRANTEE');
    expect(res.json().grant.id).toBe(grant!.id);
  });

  it('takes the scopes, relation and length the worker chose', async () => {
    const resident = await f.resident({ name: '马小军' });
    const res = await f.askConsent(worker.token, resident.id, { scopes: ['QUEUE'], relation: '代办员', validDays: 30 });
    expect(res.statusCode).toBe(201);
    const [grant] = await grantsOf(resident.id);
    expect(grant).toMatchObject({ scopes: ['QUEUE'], relation: '代办员' });
    expect(grant!.validUntil.getTime()).toBe(endAfter(30));
    for (const body of [{ validDays: 91 }, { scopes: [] }, { scopes: ['QUEUE', 'QUEUE'] }, { relation: '子女' }, { scopes: ['EVERYTHING'] }, { extra: true }]) {
      expect(errorCodeOf(await f.askConsent(worker.token, resident.id, body))).toBe('VALIDATION_FAILED');
    }
  });

  it('is idempotent while the request waits: asking again (or five times at once) returns the one request', async () => {
    const resident = await f.resident({ name: '马春燕' });
    const first = await f.askConsent(worker.token, resident.id);
    const again = await f.askConsent(worker.token, resident.id, { scopes: ['QUEUE'] });
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json().grant.id).toBe(first.json().grant.id);

    const racer = await f.resident({ name: '马秋菊' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => f.askConsent(worker.token, racer.id)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().grant.id)).size).toBe(1);
    expect(await grantsOf(racer.id)).toHaveLength(1);
  });

  it('refuses while a grant is in force, and asks afresh after one was revoked, expired or refused', async () => {
    expect([(await f.askConsent(worker.token, GRID_RESIDENTS.wangDeming.id)).statusCode, errorCodeOf(await f.askConsent(worker.token, GRID_RESIDENTS.wangDeming.id))]).toEqual([409, 'GRID_CONSENT_ACTIVE']);
    const revoked = await f.askConsent(worker.token, GRID_RESIDENTS.zhouJianguo.id);
    expect(revoked.statusCode).toBe(201);
    expect(revoked.json().grant.state).toBe('PENDING');
    for (const status of ['REJECTED', 'EXPIRED'] as const) {
      const resident = await f.resident({ name: '马再问' });
      await f.grant(resident.id, { status });
      expect((await f.askConsent(worker.token, resident.id)).statusCode).toBe(201);
    }
    // In force by its status but past its end (the expiry job has not run): ended now, asked afresh.
    const stale = await f.resident({ name: '马过期' });
    const old = await f.grant(stale.id, { status: 'ACTIVE', endsIn: -60_000 });
    expect((await f.askConsent(worker.token, stale.id)).statusCode).toBe(201);
    expect((await t.app.prisma.grant.findUniqueOrThrow({ where: { id: old.id } })).status).toBe('EXPIRED');
    expect((await grantsOf(stale.id)).map((g) => g.status)).toEqual(['EXPIRED', 'PENDING']);
  });

  it('tells the worker that a resident without a phone consents at a window, and writes nothing', async () => {
    for (const id of [GRID_RESIDENTS.zhengFulin.id, GRID_RESIDENTS.zhaoGensheng.id]) {
      const before = await grantsOf(id);
      const res = await f.askConsent(worker.token, id);
      expect([res.statusCode, errorCodeOf(res)]).toEqual([422, 'GRID_RESIDENT_NO_PHONE']);
      expect(res.json().error.message).toContain('窗口');
      expect(await grantsOf(id)).toEqual(before);
    }
  });

  it('refuses a resident outside the grid, the worker themself and another grid’s worker exactly like an id that names nobody', async () => {
    const nobody = refusal(await f.askConsent(worker.token, randomUUID()));
    expect(nobody).toEqual({ status: 404, code: 'NOT_FOUND', message: '没有找到该居民' });
    const outsider = await f.resident({ name: '马外村', region: REGION_CODES.huaishu });
    const town = await f.resident({ name: '马镇上', region: REGION_CODES.shiqiao });
    for (const id of [DEMO_USERS.citizen.id, outsider.id, town.id, WORKER_ID]) {
      expect(refusal(await f.askConsent(worker.token, id))).toEqual(nobody);
      expect(await t.app.prisma.grant.count({ where: { grantorId: id, granteeId: WORKER_ID, status: 'PENDING' } })).toBe(0);
    }
    const other = await f.workerOf(REGION_CODES.huaishu);
    expect(refusal(await f.askConsent(other.token, GRID_RESIDENTS.sunYulan.id))).toEqual(refusal(await f.askConsent(other.token, randomUUID())));
    // The resident asking for themself, or a citizen, is no grid worker: the same 404.
    const wu = await t.login({ phone: GRID_RESIDENTS.wuXiaomei.phone! });
    expect(refusal(await f.askConsent(wu.accessToken, GRID_RESIDENTS.wuXiaomei.id))).toEqual(nobody);
    // Acting for someone does not reach the roster either.
    const proxied = await t.as(worker.token, { method: 'POST', url: `/api/grid/residents/${GRID_RESIDENTS.sunYulan.id}/consent-request`, headers: { 'x-on-behalf-of': DEMO_USERS.noPhoneElder.id } });
    expect(refusal(proxied)).toEqual(nobody);
    expect(await grantsOf(GRID_RESIDENTS.sunYulan.id)).toEqual([]);
  });

  it('is what the policy honours once the resident accepts: no acting on a pending request, at once on an accepted one', async () => {
    const resident = await f.resident({ name: '马取号' });
    const { grant } = (await f.askConsent(worker.token, resident.id)).json();
    const take = () =>
      t.as(worker.token, {
        method: 'POST',
        url: '/api/tickets',
        payload: { officeId: OFFICE_IDS.shangfangStation, serviceId: SERVICE_IDS.oldAgeAllowance },
        headers: { 'x-on-behalf-of': resident.id },
      });
    expect(errorCodeOf(await take())).toBe('ON_BEHALF_NOT_ALLOWED');
    // The worker asked, so only the resident answers (the grants domain's accept).
    expect(errorCodeOf(await t.as(worker.token, { method: 'POST', url: `/api/grants/${grant.id}/accept` }))).toBe('GRANT_AWAITING_OTHER_SIDE');
    expect((await t.as(resident.token, { method: 'POST', url: `/api/grants/${grant.id}/accept` })).statusCode).toBe(200);
    const taken = await take();
    expect(taken.statusCode).toBe(201);
    expect(taken.json().onBehalfOf).toBe('马**');
    expect((await f.roster(worker.token, `?q=${encodeURIComponent('马取号')}`)).json().items[0].grant.state).toBe('ACTIVE');
  });
});
