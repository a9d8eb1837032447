// The e-licence wallet on real PostgreSQL (DESIGN.md §3 Licence, §4 亮证, §5): the seeded licences
// masked, the number revealed only to the holder and logged, the sync from the issuer (demo
// register in process), the purposes, presenting (a token whose claims hold no personal data),
// refusals for revoked and expired licences and unknown or unfitting purposes, acting for the
// holder under a LICENCE_PRESENT grant (and not without one), 使用记录, and the DISABLED queue lane.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { DEMO_LICENCES, DEMO_PHONES, GRANT_IDS, DEMO_USERS, GRID_RESIDENTS, LICENCE_PURPOSES, OFFICE_IDS, SERVICE_IDS, USER_IDS } from '../../../seeds';
import { build, closeTestDatabase, errorCodeOf, resetQueue, type TestApp } from '../helper';
import { json, licenceOf, present, signIn, type Person } from './helpers';

interface Licence {
  id: string;
  type: string;
  numberMasked: string;
  number?: string;
  status: string;
  holderNameMasked: string;
  fields: { key: string; value: string }[];
}

describe('e-licence wallet (电子证照)', () => {
  let t: TestApp;
  let citizen: Person;
  let elderly: Person;
  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' } });
    citizen = await signIn(t, DEMO_PHONES.citizen);
    elderly = await signIn(t, DEMO_PHONES.elderly);
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('lists the holder’s licences masked, the ID first: six kinds for 陈思远, the company’s licence among them', async () => {
    const { items } = json<{ items: Licence[] }>(await t.as(citizen.token, { method: 'GET', url: '/api/licences' }), 200);
    expect(items.map((l) => l.type)).toEqual(['RESIDENT_ID', 'HOUSEHOLD_REGISTER', 'DRIVING_LICENCE', 'BUSINESS_LICENCE', 'MARRIAGE_CERTIFICATE', 'SOCIAL_SECURITY_CARD']);
    const id = DEMO_USERS.citizen.idNumber;
    expect(items[0]).toMatchObject({ numberMasked: `${id.slice(0, 4)}**********${id.slice(14)}`, status: 'VALID', holderNameMasked: '陈**' });
    // Never the number in full, in any field of any licence.
    expect(JSON.stringify(items)).not.toContain(id);
    expect(items.every((l) => l.number === undefined)).toBe(true);
    expect(items.find((l) => l.type === 'BUSINESS_LICENCE')!.fields).toEqual(expect.arrayContaining([{ key: 'entityName', label: '名称', value: '青石县思远农产品有限公司' }]));
  });

  it('shows the revoked and the expired licence as such', async () => {
    const { items } = json<{ items: Licence[] }>(await t.as(elderly.token, { method: 'GET', url: '/api/licences' }), 200);
    expect(items.find((l) => l.type === 'DRIVING_LICENCE')!.status).toBe('REVOKED');
    const expired = await t.app.prisma.licence.findUniqueOrThrow({ where: { id: licenceOf('noPhoneElder', 'RESIDENT_ID') } });
    expect(expired.status).toBe('EXPIRED');
    expect(DEMO_LICENCES.filter((l) => l.status !== 'VALID').map((l) => `${l.holderKey}:${l.type}:${l.status}`)).toEqual(['elderly:DRIVING_LICENCE:REVOKED', 'noPhoneElder:RESIDENT_ID:EXPIRED']);
  });

  it('stores the number sealed, with its HMAC and mask only', async () => {
    const row = await t.app.prisma.licence.findUniqueOrThrow({ where: { id: licenceOf('citizen', 'MARRIAGE_CERTIFICATE') } });
    expect(row.numberEnc).not.toContain('J361221');
    expect(t.resources.pii.decrypt(row.numberEnc)).toBe('J361221-2018-000512');
    expect(row.numberHash).toBe(t.resources.pii.lookupHash('licence', 'J361221-2018-000512'));
    expect(row.numberMasked).toBe('J361***********0512');
  });

  it('reveals the full number to the holder with ?reveal=true, and logs it', async () => {
    const id = licenceOf('citizen', 'RESIDENT_ID');
    const masked = json<Licence>(await t.as(citizen.token, { method: 'GET', url: `/api/licences/${id}` }), 200);
    expect(masked.number).toBeUndefined();
    const shown = json<Licence>(await t.as(citizen.token, { method: 'GET', url: `/api/licences/${id}?reveal=true` }), 200);
    expect(shown.number).toBe(DEMO_USERS.citizen.idNumber);
    const logged = await t.app.prisma.auditLog.findMany({ where: { action: 'licence.reveal', resourceId: id } });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actorId: citizen.id, subjectId: citizen.id, result: 'OK' });
    // The log line never carries the number.
    expect(t.logs.join('\n')).not.toContain(DEMO_USERS.citizen.idNumber);
    // As the app says (查看完整号码会记入使用记录): the holder sees it in 使用记录, nothing disclosed.
    const uses = json<{ items: { kind: string; purpose: { code: string; name: string }; presentedBy: { self: boolean }; fields: unknown[] }[] }>(
      await t.as(citizen.token, { method: 'GET', url: `/api/licences/${id}/uses` }),
      200,
    );
    expect(uses.items.filter((u) => u.kind === 'REVEAL')).toEqual([expect.objectContaining({ purpose: { code: 'NUMBER_REVEAL', name: '查看完整号码' }, presentedBy: expect.objectContaining({ self: true }), fields: [] })]);
    expect(JSON.stringify(uses)).not.toContain(DEMO_USERS.citizen.idNumber);
  });

  it('answers a stranger, and a missing id, with the same 404', async () => {
    const stranger = await signIn(t, '13700000901');
    const theirs = await t.as(stranger.token, { method: 'GET', url: `/api/licences/${licenceOf('citizen', 'RESIDENT_ID')}` });
    const none = await t.as(stranger.token, { method: 'GET', url: '/api/licences/5eed0006-0000-4000-8000-999999999999' });
    expect([theirs.statusCode, theirs.json()]).toEqual([none.statusCode, none.json()]);
    expect(errorCodeOf(theirs)).toBe('NOT_FOUND');
  });

  it('lists the purposes with the fields each discloses; seeded per service and as named checks', async () => {
    const { items } = json<{ items: { code: string; serviceId: string | null; licenceTypes: string[]; fields: { key: string }[] }[] }>(await t.app.inject({ method: 'GET', url: '/api/licence-purposes' }), 200);
    expect(items.map((p) => p.code).sort()).toEqual(LICENCE_PURPOSES.map((p) => p.code).sort());
    expect(items.find((p) => p.code === 'IDENTITY_CHECK')).toMatchObject({ serviceId: null, fields: [{ key: 'name' }, { key: 'numberMasked' }, { key: 'validUntil' }, { key: 'status' }] });
    expect(items.filter((p) => p.serviceId !== null).length).toBeGreaterThan(20);
    const forDriving = json<{ items: { licenceTypes: string[] }[] }>(await t.app.inject({ method: 'GET', url: '/api/licence-purposes?licenceType=DRIVING_LICENCE' }), 200);
    expect(forDriving.items.length).toBeGreaterThan(0);
    expect(forDriving.items.every((p) => p.licenceTypes.includes('DRIVING_LICENCE'))).toBe(true);
    expect(errorCodeOf(await t.app.inject({ method: 'GET', url: '/api/licence-purposes?licenceType=PASSPORT' }))).toBe('VALIDATION_FAILED');
  });

  it('presents: a 60 s ES256 token with typ, kid, aud and a random jti, and no personal data in its claims', async () => {
    const id = licenceOf('citizen', 'RESIDENT_ID');
    const body = json<{ token: string; expiresAt: string; purpose: { code: string }; fields: { key: string }[]; onBehalfOf: null }>(await present(t, citizen, id), 201);
    expect(body.purpose.code).toBe('IDENTITY_CHECK');
    expect(body.fields.map((f) => f.key)).toEqual(['name', 'numberMasked', 'validUntil', 'status']);
    const header = decodeProtectedHeader(body.token);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'licence-qr+jwt' });
    expect(typeof header.kid).toBe('string');
    const claims = decodeJwt(body.token);
    expect(claims).toMatchObject({ aud: 'licence-verify', lid: id, pur: 'IDENTITY_CHECK' });
    expect(claims.exp! - claims.iat!).toBe(60);
    expect(new Date(body.expiresAt).getTime()).toBe(claims.exp! * 1000);
    expect(claims.jti).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const second = json<{ token: string }>(await present(t, citizen, id), 201);
    expect(decodeJwt(second.token).jti).not.toBe(claims.jti);
    const text = Buffer.from(body.token.split('.')[1]!, 'base64url').toString('utf8');
    for (const secret of [DEMO_USERS.citizen.idNumber, DEMO_USERS.citizen.name, DEMO_USERS.citizen.phone!, citizen.id]) expect(text).not.toContain(secret);
    // Each presentation is audited.
    expect(await t.app.prisma.auditLog.count({ where: { action: 'licence.present', subjectId: citizen.id } })).toBeGreaterThanOrEqual(2);
  });

  it('works with an empty body or none (身份核验 by default)', async () => {
    const id = licenceOf('citizen', 'SOCIAL_SECURITY_CARD');
    const none = await t.as(citizen.token, { method: 'POST', url: `/api/licences/${id}/presentations` });
    expect(none.statusCode).toBe(201);
  });

  it('refuses a revoked licence, an unknown purpose and a purpose that does not take this licence', async () => {
    expect(errorCodeOf(await present(t, elderly, licenceOf('elderly', 'DRIVING_LICENCE')))).toBe('LICENCE_REVOKED');
    expect(errorCodeOf(await present(t, citizen, licenceOf('citizen', 'RESIDENT_ID'), 'NO_SUCH_PURPOSE'))).toBe('LICENCE_PURPOSE_UNKNOWN');
    expect(errorCodeOf(await present(t, citizen, licenceOf('citizen', 'MARRIAGE_CERTIFICATE'), 'DRIVING_CHECK'))).toBe('LICENCE_PURPOSE_MISMATCH');
    expect(errorCodeOf(await present(t, citizen, licenceOf('citizen', 'RESIDENT_ID'), 'bad purpose!'))).toBe('VALIDATION_FAILED');
  });

  it('refuses a licence past its last day even before a sync marks it EXPIRED', async () => {
    const id = licenceOf('citizen', 'DRIVING_LICENCE');
    await t.app.prisma.licence.update({ where: { id }, data: { validUntil: new Date('2026-11-22T00:00:00Z') } });
    try {
      expect(errorCodeOf(await present(t, citizen, id, 'DRIVING_CHECK'))).toBe('LICENCE_EXPIRED');
      expect(json<Licence>(await t.as(citizen.token, { method: 'GET', url: `/api/licences/${id}` }), 200).status).toBe('EXPIRED');
    } finally {
      await t.app.prisma.licence.update({ where: { id }, data: { validUntil: new Date('2028-08-01T00:00:00Z') } });
    }
  });

  describe('for someone else', () => {
    it('a grantee with only APPOINTMENT + QUEUE cannot list, open or present the grantor’s licences', async () => {
      // The demo grant 张桂兰 → 陈思远 covers APPOINTMENT and QUEUE only.
      const onBehalf = { 'x-on-behalf-of': USER_IDS.elderly };
      const id = licenceOf('elderly', 'RESIDENT_ID');
      expect(errorCodeOf(await t.as(citizen.token, { method: 'GET', url: '/api/licences', headers: onBehalf }))).toBe('ON_BEHALF_NOT_ALLOWED');
      expect(errorCodeOf(await t.as(citizen.token, { method: 'GET', url: `/api/licences/${id}`, headers: onBehalf }))).toBe('NOT_FOUND');
      expect(errorCodeOf(await present(t, citizen, id, undefined, onBehalf))).toBe('NOT_FOUND');
      expect(errorCodeOf(await t.as(citizen.token, { method: 'GET', url: `/api/licences/${id}/uses`, headers: onBehalf }))).toBe('NOT_FOUND');
      expect(await t.app.prisma.licencePresentation.count({ where: { licenceId: id } })).toBe(0);
    });

    it('with LICENCE_PRESENT: lists and presents (代出示, labelled, the holder told), but never reveals or syncs', async () => {
      // The demo grant 张桂兰 → 陈思远 (one live grant per pair) widened to LICENCE_PRESENT for this test.
      await t.app.prisma.grant.update({ where: { id: GRANT_IDS.elderlyToCitizen }, data: { scopes: ['APPOINTMENT', 'QUEUE', 'LICENCE_PRESENT'] } });
      try {
        const onBehalf = { 'x-on-behalf-of': USER_IDS.elderly };
        const id = licenceOf('elderly', 'RESIDENT_ID');
        const list = json<{ items: Licence[] }>(await t.as(citizen.token, { method: 'GET', url: '/api/licences', headers: onBehalf }), 200);
        expect(list.items.map((l) => l.id)).toContain(id);
        const shown = json<{ onBehalfOf: { nameMasked: string } }>(await present(t, citizen, id, 'AGE_CHECK', onBehalf), 201);
        expect(shown.onBehalfOf).toEqual({ nameMasked: '张**' });
        const row = await t.app.prisma.licencePresentation.findFirstOrThrow({ where: { licenceId: id }, orderBy: { createdAt: 'desc' } });
        expect(row).toMatchObject({ subjectId: USER_IDS.elderly, actorId: USER_IDS.citizen, purposeCode: 'AGE_CHECK', fields: ['name', 'ageOver60'] });
        const uses = json<{ items: { presentedBy: { self: boolean; nameMasked: string } }[] }>(await t.as(elderly.token, { method: 'GET', url: `/api/licences/${id}/uses` }), 200);
        expect(uses.items[0]!.presentedBy).toEqual({ self: false, nameMasked: '陈**' });
        // The grantor is told of the act done for her (代办提醒).
        const told = await t.app.prisma.notification.findMany({ where: { userId: USER_IDS.elderly, kind: 'ACTED_ON_BEHALF', channel: 'IN_APP' } });
        expect(told.map((n) => (n.payload as { words: string }).words)).toContain('出示电子证照');
        // A grant limited to one service reaches that service's purpose (and named checks), not another service's.
        await t.app.prisma.grant.update({ where: { id: GRANT_IDS.elderlyToCitizen }, data: { serviceIds: [SERVICE_IDS.socialSecurityCardApply] } });
        const ofService = (serviceId: string) => LICENCE_PURPOSES.find((p) => p.serviceId === serviceId && p.licenceTypes.includes('RESIDENT_ID'))!.code;
        expect((await present(t, citizen, id, ofService(SERVICE_IDS.socialSecurityCardApply), onBehalf)).statusCode).toBe(201);
        expect((await present(t, citizen, id, 'IDENTITY_CHECK', onBehalf)).statusCode).toBe(201);
        const other = LICENCE_PURPOSES.find((p) => p.serviceId && p.serviceId !== SERVICE_IDS.socialSecurityCardApply && p.licenceTypes.includes('RESIDENT_ID'))!.code;
        expect(errorCodeOf(await present(t, citizen, id, other, onBehalf))).toBe('NOT_FOUND');
        await t.app.prisma.grant.update({ where: { id: GRANT_IDS.elderlyToCitizen }, data: { serviceIds: [] } });
        expect(errorCodeOf(await t.as(citizen.token, { method: 'GET', url: `/api/licences/${id}?reveal=true`, headers: onBehalf }))).toBe('ON_BEHALF_NOT_ALLOWED');
        expect(errorCodeOf(await t.as(citizen.token, { method: 'POST', url: '/api/licences/sync', headers: onBehalf }))).toBe('ON_BEHALF_NOT_ALLOWED');
      } finally {
        await t.app.prisma.grant.update({ where: { id: GRANT_IDS.elderlyToCitizen }, data: { scopes: ['APPOINTMENT', 'QUEUE'], serviceIds: [] } });
      }
    });
  });

  describe('sync from the issuer platform', () => {
    it('upserts by (holder, type, number HMAC): a changed record is updated, a dropped one REVOKED, nothing doubled', async () => {
      const id = licenceOf('citizen', 'SOCIAL_SECURITY_CARD');
      await t.app.prisma.licence.update({ where: { id }, data: { issuer: '旧数据', fields: { name: '陈思远' } } });
      const stray = await t.app.prisma.licence.create({
        data: { holderId: USER_IDS.citizen, type: 'REAL_ESTATE_CERTIFICATE', ...t.resources.pii.protectLicenceNumber('赣(2020)青石县不动产权第0001234号'), issuer: '青石县自然资源局', validFrom: new Date('2020-01-01'), status: 'VALID', fields: {}, lastSyncedAt: new Date('2026-01-01') },
      });
      const before = await t.app.prisma.licence.count({ where: { holderId: USER_IDS.citizen } });
      const body = json<{ synced: boolean; items: Licence[] }>(await t.as(citizen.token, { method: 'POST', url: '/api/licences/sync' }), 200);
      expect(body.synced).toBe(true);
      expect(await t.app.prisma.licence.count({ where: { holderId: USER_IDS.citizen } })).toBe(before);
      const card = await t.app.prisma.licence.findUniqueOrThrow({ where: { id } });
      expect(card.issuer).toBe('云溪市人力资源和社会保障局');
      expect(card.lastSyncedAt.getTime()).toBeGreaterThanOrEqual(new Date('2026-11-23T09:30:00+08:00').getTime());
      expect((await t.app.prisma.licence.findUniqueOrThrow({ where: { id: stray.id } })).status).toBe('REVOKED');
      expect(await t.app.prisma.auditLog.count({ where: { action: 'licence.sync', subjectId: USER_IDS.citizen, result: 'OK' } })).toBe(1);
    });

    it('asks nothing for someone without a verified real name', async () => {
      const nobody = await signIn(t, '13700000902');
      expect(json<{ synced: boolean; items: unknown[] }>(await t.as(nobody.token, { method: 'POST', url: '/api/licences/sync', payload: {} }), 200)).toEqual({ synced: false, items: [] });
    });

    it('fills the wallet at real-name binding', async () => {
      // 吴小梅's account loses its licences, then binds again (the demo register knows her).
      const wu = GRID_RESIDENTS.wuXiaomei;
      await t.app.prisma.licence.deleteMany({ where: { holderId: wu.id } });
      await t.app.prisma.user.update({ where: { id: wu.id }, data: { name: null, idNumberEnc: null, idNumberHash: null, idNumberMasked: null, realNameVerifiedAt: null } });
      const me = await signIn(t, wu.phone!);
      json(await t.as(me.token, { method: 'POST', url: '/api/me/real-name', payload: { name: wu.name, idNumber: wu.idNumber } }), 200);
      const rows = await t.app.prisma.licence.findMany({ where: { holderId: wu.id }, orderBy: { type: 'asc' } });
      expect(rows.map((r) => [r.type, r.status])).toEqual([
        ['RESIDENT_ID', 'VALID'],
        ['DISABILITY_CERTIFICATE', 'VALID'],
      ]);
    });
  });

  it('pages 使用记录 newest first with a keyset cursor; a cursor it did not issue is a 400', async () => {
    const clerk = await signIn(t, DEMO_PHONES.clerk);
    const id = licenceOf('clerk', 'RESIDENT_ID');
    const base = t.resources.clock.now().getTime();
    // 55 presentations, some sharing an instant (the id breaks the tie).
    await t.app.prisma.licencePresentation.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({
        jti: `page-${i}-${base}`,
        licenceId: id,
        subjectId: USER_IDS.clerk,
        actorId: USER_IDS.clerk,
        purposeCode: 'IDENTITY_CHECK',
        fields: ['name'],
        createdAt: new Date(base - Math.floor(i / 2) * 1000),
        expiresAt: new Date(base + 60_000),
      })),
    });
    const first = json<{ items: { id: string; presentedAt: string }[]; nextCursor?: string }>(await t.as(clerk.token, { method: 'GET', url: `/api/licences/${id}/uses` }), 200);
    expect(first.items).toHaveLength(50);
    const second = json<{ items: { id: string; presentedAt: string }[]; nextCursor?: string }>(
      await t.as(clerk.token, { method: 'GET', url: `/api/licences/${id}/uses?cursor=${first.nextCursor!}` }),
      200,
    );
    expect(second.items).toHaveLength(5);
    expect(second.nextCursor).toBeUndefined();
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((u) => u.id)).size).toBe(55);
    const times = all.map((u) => u.presentedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(errorCodeOf(await t.as(clerk.token, { method: 'GET', url: `/api/licences/${id}/uses?cursor=bm9wZQ` }))).toBe('VALIDATION_FAILED');
  });

  describe('limits per person (OWASP API6)', () => {
    it('3 syncs a minute (each is a billed call to the platform), then 429', async () => {
      const me = await signIn(t, DEMO_PHONES.gridWorker);
      const codes = [];
      for (let i = 0; i < 4; i += 1) codes.push((await t.as(me.token, { method: 'POST', url: '/api/licences/sync' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
    });

    it('LICENCE_PRESENTATIONS_PER_MINUTE tokens a minute, then 429 in the error shape', async () => {
      const limited = await build({ reset: false, env: { LICENCE_PRESENTATIONS_PER_MINUTE: '2', RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' } });
      try {
        const me = await signIn(limited, DEMO_PHONES.citizen);
        const id = licenceOf('citizen', 'RESIDENT_ID');
        const answers = [];
        for (let i = 0; i < 3; i += 1) answers.push(await present(limited, me, id));
        expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 429]);
        expect(errorCodeOf(answers[2]!)).toBe('RATE_LIMITED');
      } finally {
        await limited.close();
      }
    });
  });

  describe('queue priority', () => {
    it('a valid 残疾人证 makes the holder’s ticket DISABLED; without it (or revoked) NORMAL', async () => {
      const wu = GRID_RESIDENTS.wuXiaomei;
      await resetQueue(t, OFFICE_IDS.countyCenter);
      const take = () => t.app.tickets.issue({ officeId: OFFICE_IDS.countyCenter, serviceId: SERVICE_IDS.socialSecurityCardApply, subjectId: wu.id, actorId: wu.id, channel: 'ONLINE' });
      const first = await take();
      expect(first.ticket.priority).toBe('DISABLED');
      expect(await t.app.tickets.priorityOf(wu.id, t.resources.clock.businessDate())).toBe('DISABLED');
      await t.app.prisma.ticket.update({ where: { id: first.ticket.id }, data: { status: 'CANCELLED', activeKey: null, cancelledAt: t.resources.clock.now() } });
      await t.app.prisma.licence.updateMany({ where: { holderId: wu.id, type: 'DISABILITY_CERTIFICATE' }, data: { status: 'REVOKED' } });
      try {
        expect((await take()).ticket.priority).toBe('NORMAL');
        expect(await t.app.tickets.priorityOf(wu.id, t.resources.clock.businessDate())).toBe('NORMAL');
      } finally {
        await t.app.prisma.licence.updateMany({ where: { holderId: wu.id, type: 'DISABILITY_CERTIFICATE' }, data: { status: 'VALID' } });
      }
    });
  });
});
