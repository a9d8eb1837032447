// One denial, in the audit log too: a missing object is decided like a refused one — the same
// look-ups and the same audit entry — so neither the answer nor the work behind it (its timing)
// tells whether the id exists. Measured separately: bff/bench/denial-timing.ts.
import { randomUUID } from 'node:crypto';
import { COUNTER_IDS, DEMO_PHONES, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { build, closeTestDatabase, type TestApp } from '../helper';

describe('policy: a refused object and a missing one leave the same trace', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const auditOf = (requestId: string) =>
    t.app.prisma.auditLog.findMany({ where: { requestId }, select: { action: true, resourceType: true, result: true, subjectId: true, actorId: true } });

  it('audits acting for someone without a grant alike for their ticket and for a random id', async () => {
    const elder = await t.login({ phone: DEMO_PHONES.elderly });
    const stranger = await t.login({ phone: '13690000001' });
    const ticket = (await t.as(elder.accessToken, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE_IDS.countyCenter, serviceId: SERVICE_IDS.socialSecurityCardApply } })).json();
    const read = (id: string, requestId: string) =>
      t.as(stranger.accessToken, { method: 'GET', url: `/api/tickets/${id}`, headers: { 'x-on-behalf-of': elder.user.id, 'x-request-id': requestId } });
    const real = await read(ticket.id, 'req-refused-real-1');
    const missing = await read(randomUUID(), 'req-refused-missing-1');
    expect([real.statusCode, real.json()]).toEqual([404, missing.json()]);
    expect(await auditOf('req-refused-real-1')).toEqual(await auditOf('req-refused-missing-1'));
    expect(await auditOf('req-refused-real-1')).toEqual([{ action: 'ticket.read', resourceType: 'ticket', result: 'DENY', subjectId: elder.user.id, actorId: stranger.user.id }]);
  });

  it('audits a clerk of another hall alike for a window of this hall and for a random id', async () => {
    const otherClerk = await t.login({ phone: '13800000101' });
    const callNext = (id: string, requestId: string) => t.as(otherClerk.accessToken, { method: 'POST', url: `/api/counters/${id}/call-next`, headers: { 'x-request-id': requestId } });
    const real = await callNext(COUNTER_IDS.countyCenter1, 'req-refused-real-2');
    const missing = await callNext(randomUUID(), 'req-refused-missing-2');
    expect([real.statusCode, real.json()]).toEqual([404, missing.json()]);
    expect(await auditOf('req-refused-real-2')).toEqual(await auditOf('req-refused-missing-2'));
    expect((await auditOf('req-refused-real-2')).map((r) => [r.action, r.result])).toEqual([['office.operate', 'DENY']]);
  });
});
