// 见证授权 at a window (issue 14 item 5), on real PostgreSQL: a clerk records a grant for a resident
// without a phone — found by ID number, never listed or answered unmasked — ACTIVE at once with the
// clerk as witness and the form's number; every rule of the grants domain holds (kind, length,
// limits, duplicates); the resident's record reads masked at any window, where any clerk ends a
// witnessed grant (never one given in the app); and the grid worker acts for the resident under it
// at once — and not a request after it is ended.
import { addDays } from '@palm/shared';
import { CLERK_BY_OFFICE, DEMO_PHONES, DEMO_USERS, OFFICE_IDS, SERVICE_IDS, USER_IDS } from '../../../seeds';
import { validUntilOf } from '../../src/grants/terms';
import { slotMaker } from '../appointments/fixtures';
import { build, closeTestDatabase, errorCodeOf, resetQueue, type TestApp } from '../helper';
import { activeGrant, formNumber, messages, ok, person, residentWithoutPhone, type Person } from './helpers';

const OFFICE = OFFICE_IDS.countyCenter;
const BOOKED_SERVICE = SERVICE_IDS.marriageRegistration;
const MIN = 60_000;

interface Witnessed {
  resident: { name: string; idNumberMasked: string; hasPhone: boolean };
  grant: { id: string; status: string; consentMethod: string; formNumber: string | null; validUntil: string; revokedBy: string | null; canRevoke: boolean; grantee: { name: string; phoneMasked: string | null; isGridWorker: boolean } };
}
interface RecordView {
  resident: Witnessed['resident'];
  items: Array<Witnessed['grant']>;
}

describe('witnessed consent at a window', () => {
  let t: TestApp;
  let clerk: Person;
  let otherHallClerk: Person;
  let worker: Person;

  // Witnessing is limited per clerk (10 a minute): each test that records several takes a clerk of its own hall.
  const halls = Object.values(CLERK_BY_OFFICE).filter((c) => c.phone !== DEMO_PHONES.clerk && c.phone !== CLERK_BY_OFFICE.qingyunTown.phone && c.phone !== CLERK_BY_OFFICE.donghuTown.phone);
  const nextClerk = () => signIn(halls.shift()!.phone!);
  const signIn = async (phone: string): Promise<Person> => {
    const { accessToken, user } = await t.login({ phone });
    return { id: user.id, token: accessToken, phone };
  };
  const terms = (extra: Record<string, unknown> = {}) => ({ relation: '网格员', scopes: ['APPOINTMENT', 'QUEUE'], formNumber: formNumber(), ...extra });
  const witness = (who: Person, residentIdNumber: string, granteePhone: string, extra: Record<string, unknown> = {}) =>
    t.as(who.token, { method: 'POST', url: '/api/grants/witnessed', payload: { residentIdNumber, granteePhone, ...terms(extra) } });
  const lookup = (who: Person, residentIdNumber: string) => t.as(who.token, { method: 'POST', url: '/api/grants/witnessed/lookup', payload: { residentIdNumber } });
  const revokeAtWindow = (who: Person, id: string, payload?: object) =>
    t.as(who.token, { method: 'POST', url: `/api/grants/witnessed/${id}/revoke`, ...(payload === undefined ? {} : { payload }) });
  const slot = slotMaker(() => t, { officeId: OFFICE, serviceId: BOOKED_SERVICE, startsIn: 2 * 24 * 60 * MIN });
  const bookFor = async (helper: Person, residentId: string) => {
    const { id: slotId } = await slot();
    return t.as(helper.token, { method: 'POST', url: '/api/appointments', payload: { slotId, serviceId: BOOKED_SERVICE }, headers: { 'x-on-behalf-of': residentId } });
  };

  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', BOOKING_IP_PER_MINUTE: '100000' } });
    await resetQueue(t, OFFICE);
    clerk = await signIn(DEMO_PHONES.clerk);
    otherHallClerk = await signIn(CLERK_BY_OFFICE.qingyunTown.phone!);
    worker = await signIn(DEMO_PHONES.gridWorker);
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  describe('recording a grant', () => {
    it('is ACTIVE at once, witnessed by the clerk with the form number, 90 days for a grid worker; the grid worker books for the resident', async () => {
      const resident = await residentWithoutPhone(t, '刘秀英');
      const form = `jz-2026-${process.pid}`;
      const res = await witness(clerk, resident.idNumber, DEMO_PHONES.gridWorker, { formNumber: form });
      const body = ok<Witnessed>(res, 201);
      expect(body.resident).toEqual({ name: '刘**', idNumberMasked: expect.stringMatching(/^3612\*+\d{3}[\dX]$/), hasPhone: false });
      expect(body.grant).toMatchObject({ status: 'ACTIVE', consentMethod: 'WITNESSED', formNumber: form.toUpperCase(), canRevoke: true, grantee: { isGridWorker: true, phoneMasked: '138****0003' } });
      // Never the number or the full phones in the answer.
      expect(res.body).not.toContain(resident.idNumber);
      expect(res.body).not.toContain(DEMO_PHONES.gridWorker);

      const row = await t.app.prisma.grant.findUniqueOrThrow({ where: { id: body.grant.id } });
      const today = t.resources.clock.businessDate();
      expect(row).toMatchObject({ grantorId: resident.id, granteeId: worker.id, status: 'ACTIVE', consentMethod: 'WITNESSED', witnessedById: clerk.id, consentFormNumber: form.toUpperCase(), initiatedBy: 'GRANTOR' });
      expect(row.acceptedAt).not.toBeNull();
      expect(row.validUntil.toISOString()).toBe(validUntilOf(today, 90).toISOString());

      const audit = await t.app.prisma.auditLog.findMany({ where: { action: 'grant.witness', resourceId: body.grant.id } });
      expect(audit).toEqual([expect.objectContaining({ actorId: clerk.id, subjectId: resident.id, result: 'OK', meta: { formNumber: form.toUpperCase() } })]);
      // The grid worker is told; the resident has no account to be told in.
      expect((await messages(t, worker.id, 'GRANT_ACCEPTED')).map((m) => (m.payload as { grantId: string }).grantId)).toContain(body.grant.id);
      expect(await messages(t, resident.id, 'GRANT_ACCEPTED')).toEqual([]);

      // The journey: the grid worker books for the resident under the new grant.
      const booked = await bookFor(worker, resident.id);
      expect(booked.statusCode).toBe(201);
      const appointment = await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: booked.json().id } });
      expect([appointment.subjectId, appointment.actorId]).toEqual([resident.id, worker.id]);
    });

    it('lasts a year for family by default, never longer, and tells a resident who has an account', async () => {
      const desk = await nextClerk();
      const { id, idNumber } = await residentWithoutPhone(t, '陈玉珍');
      // The resident has a phone on their account: they can read messages, so they are told.
      const resident = await t.app.prisma.user.update({ where: { id }, data: { ...t.resources.pii.protectPhone(`136${String(process.pid % 100000).padStart(8, '0')}`) } });
      const son = await person(t);
      const today = t.resources.clock.businessDate();
      const tooLong = await witness(desk, idNumber, son.phone, { relation: '子女', validUntil: addDays(today, 366) });
      expect([tooLong.statusCode, errorCodeOf(tooLong)]).toEqual([422, 'GRANT_VALIDITY_INVALID']);
      const body = ok<Witnessed>(await witness(desk, idNumber, son.phone, { relation: '子女' }), 201);
      expect(body.resident.hasPhone).toBe(true);
      expect(body.grant.validUntil).toBe(validUntilOf(today, 365).toISOString());
      const told = await messages(t, resident.id, 'GRANT_ACCEPTED');
      expect(told).toHaveLength(1);
      expect((told[0]!.payload as { witnessed?: boolean }).witnessed).toBe(true);
    });

    it('refuses a witness who is the grantee or the resident', async () => {
      const resident = await residentWithoutPhone(t);
      const asGrantee = await witness(clerk, resident.idNumber, DEMO_PHONES.clerk, { relation: '其他亲属' });
      expect([asGrantee.statusCode, errorCodeOf(asGrantee)]).toEqual([422, 'GRANT_WITNESS_PARTY']);
      const asResident = await witness(clerk, DEMO_USERS.clerk.idNumber, DEMO_PHONES.gridWorker);
      expect([asResident.statusCode, errorCodeOf(asResident)]).toEqual([422, 'GRANT_WITNESS_PARTY']);
      expect(await t.app.prisma.grant.count({ where: { grantorId: { in: [resident.id, clerk.id] } } })).toBe(0);
    });

    it('answers an unknown, a disabled and an unverified resident alike; a number breaking GB 11643 is ID_NUMBER_INVALID', async () => {
      const unknown = await residentWithoutPhone(t);
      await t.app.prisma.user.delete({ where: { id: unknown.id } });
      const disabled = await residentWithoutPhone(t);
      await t.app.prisma.user.update({ where: { id: disabled.id }, data: { disabled: true } });
      const answers = [];
      for (const idNumber of [unknown.idNumber, disabled.idNumber]) {
        for (const res of [await witness(clerk, idNumber, DEMO_PHONES.gridWorker), await lookup(clerk, idNumber)]) {
          answers.push([res.statusCode, res.json()]);
        }
      }
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(answers[0]).toEqual([404, { error: { code: 'RESIDENT_NOT_FOUND', message: expect.stringContaining('没有找到') } }]);
      const invalid = await lookup(clerk, `${unknown.idNumber.slice(0, 17)}${unknown.idNumber[17] === '0' ? '1' : '0'}`);
      expect([invalid.statusCode, errorCodeOf(invalid)]).toEqual([422, 'ID_NUMBER_INVALID']);
    });

    it('is a clerk’s only: citizens, grid workers, supervisors and admins are refused, and nothing is acted for anyone', async () => {
      const resident = await residentWithoutPhone(t);
      const others = [await person(t), worker, await signIn(DEMO_PHONES.supervisor), await signIn(DEMO_PHONES.admin)];
      for (const who of others) {
        const res = await witness(who, resident.idNumber, DEMO_PHONES.gridWorker);
        expect([res.statusCode, errorCodeOf(res)]).toEqual([403, 'FORBIDDEN']);
        const read = await lookup(who, resident.idNumber);
        expect([read.statusCode, errorCodeOf(read)]).toEqual([403, 'FORBIDDEN']);
      }
      // A clerk acting for someone (a grant of theirs) still may not: this is never done on anyone's behalf.
      const res = await t.as(clerk.token, {
        method: 'POST',
        url: '/api/grants/witnessed',
        payload: { residentIdNumber: resident.idNumber, granteePhone: DEMO_PHONES.gridWorker, ...terms() },
        headers: { 'x-on-behalf-of': USER_IDS.elderly },
      });
      expect([res.statusCode, errorCodeOf(res)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
      expect(await t.app.prisma.grant.count({ where: { grantorId: resident.id } })).toBe(0);
    });

    it('keeps the grants rules: one live grant per pair, 5 family grantees, grid relations for grid workers, known services and phones', async () => {
      const desk = await nextClerk();
      const resident = await residentWithoutPhone(t);
      ok(await witness(desk, resident.idNumber, DEMO_PHONES.gridWorker), 201);
      const again = await witness(otherHallClerk, resident.idNumber, DEMO_PHONES.gridWorker);
      expect([again.statusCode, errorCodeOf(again)]).toEqual([409, 'GRANT_DUPLICATE']);

      const family = [];
      for (let i = 0; i < 5; i += 1) family.push(await person(t));
      for (const member of family) ok(await witness(desk, resident.idNumber, member.phone, { relation: '子女', scopes: ['QUEUE'] }), 201);
      const sixth = await person(t);
      const over = await witness(desk, resident.idNumber, sixth.phone, { relation: '子女' });
      expect([over.statusCode, errorCodeOf(over)]).toEqual([409, 'GRANT_FAMILY_LIMIT']);

      const notGrid = await witness(desk, (await residentWithoutPhone(t)).idNumber, sixth.phone, { relation: '网格员' });
      expect([notGrid.statusCode, errorCodeOf(notGrid)]).toEqual([422, 'GRANT_RELATION_GRID_WORKER']);
      const unknownService = await witness(desk, (await residentWithoutPhone(t)).idNumber, DEMO_PHONES.gridWorker, { serviceIds: ['00000000-0000-4000-8000-000000000000'] });
      expect([unknownService.statusCode, errorCodeOf(unknownService)]).toEqual([422, 'GRANT_SERVICE_UNKNOWN']);
      const unknownPhone = await witness(desk, (await residentWithoutPhone(t)).idNumber, '13712345678', { relation: '子女' });
      expect([unknownPhone.statusCode, errorCodeOf(unknownPhone)]).toEqual([422, 'GRANT_PHONE_NOT_REGISTERED']);
    });

    it('one signed form, one grant: the same number recorded at several windows at once makes one grant, the rest GRANT_FORM_NUMBER_USED', async () => {
      const desks = [await nextClerk(), await nextClerk()];
      const form = formNumber();
      const attempts = await Promise.all(
        [0, 1, 2, 3, 4, 5].map(async (i) => {
          const resident = await residentWithoutPhone(t);
          const helper = await person(t);
          return witness(desks[i % 2]!, resident.idNumber, helper.phone, { formNumber: form, relation: '子女' });
        }),
      );
      expect(attempts.map((res) => (res.statusCode === 201 ? 201 : `${res.statusCode} ${errorCodeOf(res)}`)).sort()).toEqual([201, ...Array(5).fill('409 GRANT_FORM_NUMBER_USED')].sort());
      expect(await t.app.prisma.grant.count({ where: { consentFormNumber: form.toUpperCase() } })).toBe(1);
      // The database holds the rule itself, whoever writes.
      const row = await t.app.prisma.grant.findFirstOrThrow({ where: { consentFormNumber: form.toUpperCase() } });
      const { id: _id, ...copy } = row;
      await expect(t.app.prisma.grant.create({ data: { ...copy, granteeId: (await person(t)).id, scopes: row.scopes, serviceIds: row.serviceIds } })).rejects.toMatchObject({ code: 'P2002' });
    });

    it('refuses a bad or reused form number, a malformed body and no body with a 4xx in the error shape', async () => {
      const desk = await nextClerk();
      const resident = await residentWithoutPhone(t);
      for (const bad of ['ab', '授权书一号', 'A B C D', '-123', 'x'.repeat(33)]) {
        const res = await witness(desk, resident.idNumber, DEMO_PHONES.gridWorker, { formNumber: bad });
        expect([res.statusCode, errorCodeOf(res)]).toEqual([400, 'VALIDATION_FAILED']);
      }
      const form = formNumber();
      ok(await witness(desk, resident.idNumber, DEMO_PHONES.gridWorker, { formNumber: form }), 201);
      const other = await residentWithoutPhone(t);
      const reused = await witness(desk, other.idNumber, DEMO_PHONES.gridWorker, { formNumber: form.toLowerCase() });
      expect([reused.statusCode, errorCodeOf(reused)]).toEqual([409, 'GRANT_FORM_NUMBER_USED']);
      for (const payload of [undefined, {}, { residentIdNumber: other.idNumber }, { residentIdNumber: 5 }, 'not json']) {
        for (const url of ['/api/grants/witnessed', '/api/grants/witnessed/lookup']) {
          const res = await t.as(desk.token, { method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) });
          if (url.endsWith('lookup') && payload && typeof payload === 'object' && typeof (payload as { residentIdNumber?: unknown }).residentIdNumber === 'string') {
            expect(res.statusCode).toBe(200);
            continue;
          }
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
          expect(res.statusCode).toBeLessThan(500);
          expect(res.json().error.code).toEqual(expect.any(String));
        }
      }
    });
  });

  describe("the resident's record and revoking at any window", () => {
    it('reads masked, lists both kinds of grant, and only witnessed ones may be ended here', async () => {
      const desk = await nextClerk();
      const resident = await residentWithoutPhone(t, '赵德明');
      const witnessed = ok<Witnessed>(await witness(desk, resident.idNumber, DEMO_PHONES.gridWorker), 201);
      // An in-app grant the resident gave (they had a phone then): listed, not revocable at a window.
      const daughter = await person(t);
      const now = t.resources.clock.now();
      const inApp = await t.app.prisma.grant.create({
        data: { grantorId: resident.id, granteeId: daughter.id, relation: '子女', scopes: ['QUEUE'], status: 'ACTIVE', acceptedAt: now, validFrom: now, validUntil: new Date(now.getTime() + 30 * 24 * 60 * MIN) },
      });
      const res = await lookup(otherHallClerk, ` ${resident.idNumber.toLowerCase()} `);
      const record = ok<RecordView>(res);
      expect(record.resident).toEqual({ name: '赵**', idNumberMasked: expect.stringContaining('*'), hasPhone: false });
      expect(res.body).not.toContain(resident.idNumber);
      expect(res.body).not.toContain(daughter.phone);
      expect(record.items.map((g) => [g.id, g.consentMethod, g.canRevoke])).toEqual(
        expect.arrayContaining([
          [witnessed.grant.id, 'WITNESSED', true],
          [inApp.id, 'IN_APP', false],
        ]),
      );
      // Who read whose record is audited, never the number.
      const audit = await t.app.prisma.auditLog.findMany({ where: { action: 'grant.witness-lookup', actorId: otherHallClerk.id, subjectId: resident.id } });
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(resident.idNumber);

      // A clerk may not end the in-app one: to a window it does not exist.
      const refused = await revokeAtWindow(desk, inApp.id);
      expect([refused.statusCode, errorCodeOf(refused)]).toEqual([404, 'NOT_FOUND']);
      expect((await t.app.prisma.grant.findUniqueOrThrow({ where: { id: inApp.id } })).status).toBe('ACTIVE');
    });

    it('a clerk of another hall ends a witnessed grant (no body needed); the grid worker’s very next request is refused; both sides told; audited', async () => {
      const desk = await nextClerk();
      const resident = await residentWithoutPhone(t, '孙桂芳');
      const { grant } = ok<Witnessed>(await witness(desk, resident.idNumber, DEMO_PHONES.gridWorker), 201);
      expect((await bookFor(worker, resident.id)).statusCode).toBe(201);

      const revoked = ok<Witnessed['grant']>(await revokeAtWindow(otherHallClerk, grant.id));
      expect(revoked).toMatchObject({ id: grant.id, status: 'REVOKED', revokedBy: 'STAFF', canRevoke: false });
      const row = await t.app.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } });
      expect([row.status, row.revokedById]).toEqual(['REVOKED', otherHallClerk.id]);
      const refused = await bookFor(worker, resident.id);
      expect([refused.statusCode, errorCodeOf(refused)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);

      const audit = await t.app.prisma.auditLog.findMany({ where: { action: 'grant.witness-revoke', resourceId: grant.id, result: 'OK' } });
      expect(audit).toEqual([expect.objectContaining({ actorId: otherHallClerk.id, subjectId: resident.id })]);
      expect((await messages(t, worker.id, 'GRANT_REVOKED')).map((m) => (m.payload as { grantId: string }).grantId)).toContain(grant.id);

      const twice = await revokeAtWindow(desk, grant.id, { formNumber: formNumber() });
      expect([twice.statusCode, errorCodeOf(twice)]).toEqual([409, 'GRANT_STATE']);
    });

    it('the grant’s own people and other staff cannot use the window route; the form number of a revocation is kept', async () => {
      const desk = await nextClerk();
      const resident = await residentWithoutPhone(t);
      const son = await person(t);
      const { grant } = ok<Witnessed>(await witness(desk, resident.idNumber, son.phone, { relation: '子女' }), 201);
      for (const who of [son, worker, await signIn(DEMO_PHONES.supervisor), await signIn(DEMO_PHONES.admin)]) {
        const res = await revokeAtWindow(who, grant.id, {});
        expect([res.statusCode, errorCodeOf(res)]).toEqual([404, 'NOT_FOUND']);
      }
      const bad = await revokeAtWindow(desk, grant.id, { formNumber: '撤销' });
      expect([bad.statusCode, errorCodeOf(bad)]).toEqual([400, 'VALIDATION_FAILED']);
      const form = formNumber();
      ok(await revokeAtWindow(desk, grant.id, { formNumber: form }));
      const audit = await t.app.prisma.auditLog.findFirstOrThrow({ where: { action: 'grant.witness-revoke', resourceId: grant.id, result: 'OK' } });
      expect(audit.meta).toEqual({ formNumber: form.toUpperCase() });
      // The grantee may still step down from a witnessed grant through the ordinary route.
      const second = ok<Witnessed>(await witness(desk, resident.idNumber, son.phone, { relation: '子女' }), 201);
      ok(await t.as(son.token, { method: 'POST', url: `/api/grants/${second.grant.id}/revoke` }));
    });

    it('limits look-ups per clerk (a window cannot sweep ID numbers)', async () => {
      const sweeper = await signIn(CLERK_BY_OFFICE.donghuTown.phone!);
      const { idNumber } = await residentWithoutPhone(t);
      const statuses = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await lookup(sweeper, idNumber)).statusCode);
      expect(statuses.every((s) => s === 200)).toBe(true);
      const last = await lookup(sweeper, idNumber);
      expect([last.statusCode, errorCodeOf(last)]).toEqual([429, 'RATE_LIMITED']);
      // Another clerk is not held up by it.
      expect((await lookup(clerk, idNumber)).statusCode).toBe(200);
      // Recording is limited too (10 a minute per clerk); refusals after validation count.
      const recorded = [];
      for (let i = 0; i < 11; i += 1) recorded.push((await witness(sweeper, idNumber, '13712345678', { relation: '子女' })).statusCode);
      expect(recorded).toEqual([...Array<number>(10).fill(422), 429]);
    });
  });

  it('an in-app grant between people with phones is theirs: activeGrant still works beside witnessed ones', async () => {
    const [a, b] = [await person(t), await person(t)];
    const g = await activeGrant(t, a, b);
    const res = await revokeAtWindow(clerk, g.id);
    expect([res.statusCode, errorCodeOf(res)]).toEqual([404, 'NOT_FOUND']);
  });
});
