// The policy module on the database (DESIGN.md §6): a clerk acts only in their own office, every
// staff decision — allowed or refused — is in the audit log with the request id. Queue and case
// routes (later issues) call exactly this; a test-only route stands in for them here.
import { OFFICE_IDS } from '../../../seeds';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';

describe('policy: staff scoped to their office, and audited', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({
      configure: (app) => {
        app.post<{ Params: { id: string } }>('/test/offices/:id/operate', { preValidation: app.authenticate }, async (request) => {
          await app.policy.authorize(request, 'office.operate', { type: 'office', id: request.params.id, officeId: request.params.id });
          return { ok: true };
        });
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const operate = async (phone: string, officeId: string, requestId: string) => {
    const { accessToken } = await t.login({ phone });
    return t.as(accessToken, { method: 'POST', url: `/test/offices/${officeId}/operate`, headers: { 'x-request-id': requestId } });
  };

  it('lets the county clerk act at the county centre, and logs it', async () => {
    const res = await operate('13800000004', OFFICE_IDS.countyCenter, 'req-staff-allow-1');
    expect(res.statusCode).toBe(200);
    const entry = await t.app.prisma.auditLog.findFirstOrThrow({ where: { requestId: 'req-staff-allow-1' } });
    expect(entry).toMatchObject({ action: 'office.operate', resourceId: OFFICE_IDS.countyCenter, result: 'ALLOW' });
  });

  it('refuses the same clerk at a town centre as if it were not there, and logs the refusal', async () => {
    const res = await operate('13800000004', OFFICE_IDS.qingyunTown, 'req-staff-deny-1');
    expect([res.statusCode, errorCodeOf(res), res.json().error.message]).toEqual([404, 'NOT_FOUND', '没有找到该办事大厅']);
    const entry = await t.app.prisma.auditLog.findFirstOrThrow({ where: { requestId: 'req-staff-deny-1' } });
    expect(entry).toMatchObject({ action: 'office.operate', result: 'DENY', reason: 'clerk is posted to another office' });
  });

  it('refuses a citizen outright', async () => {
    const res = await operate('13800000001', OFFICE_IDS.countyCenter, 'req-staff-deny-2');
    expect(res.statusCode).toBe(404);
    const entry = await t.app.prisma.auditLog.findFirstOrThrow({ where: { requestId: 'req-staff-deny-2' } });
    expect(entry.result).toBe('DENY');
  });
});
