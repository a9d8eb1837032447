// Service guide versioning in the admin console (issue 17 item 5) on real PostgreSQL: admins only
// (everyone else 403, anonymous 401); every edit a new version with the fields it changed, one
// audit entry with before/after; refusals change nothing (400 naming the field, 404, 409 for a
// stale `expectedVersion` or an edit that changes nothing); two edits at once are two versions,
// never one number twice; a booking keeps the guide it was made under (after v2 is saved, a v1
// booking still shows v1's materials, through a reschedule; a new booking gets v2, a waitlist
// promotion the version the person joined under, and 免证办 is checked against the version booked);
// search synonyms edited here find the service at once, on every instance (the other's cached
// results are dropped by a Redis message); a change of materials re-derives the service's 用证事由
// (LicencePurpose) in the same transaction: a licence type let replace a material can be presented
// and verified for the service at once, one taken away can no longer be and its fields are no
// longer disclosed, and the audit entry shows the types.
import { randomUUID } from 'node:crypto';
import type { GuideFields } from '@palm/shared';
import { DEMO_PHONES, DEMO_USERS, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { slotMaker } from '../appointments/fixtures';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { licenceOf, present, signIn, verify } from '../licences/helpers';
import { json, lastChange, useConsoleApp, type Console } from './helpers';

jest.setTimeout(60_000);
const SERVICE: string = SERVICE_IDS.socialSecurityCardApply;
const URL = `/api/admin/services/${SERVICE}`;

interface AdminService {
  service: GuideFields & { id: string; code: string; name: string; categoryLetter: string };
  version: number;
  shownVersion: number;
  versions: Array<{ version: number; createdAt: string; createdBy: { id: string; name: string | null } | null; fields: string[] }>;
  activeBookings: number;
}
interface BookedGuide {
  version: number;
  isCurrent: boolean;
  conditions: string[];
  materials: Array<{ position: number; name: string; licenceType: string | null; licenceLabel: string | null }>;
  fee: { display: string; note: string | null };
}

describe('admin console: service guides and their versions', () => {
  let t: TestApp;
  let who: Console;
  useConsoleApp((built) => ({ t, who } = built));

  let nextPhone = 0;
  const citizen = async () => (await t.login({ phone: `136${String((nextPhone += 1)).padStart(4, '0')}8888` })).accessToken;
  const newSlot = slotMaker(() => t, { officeId: OFFICE_IDS.countyCenter, serviceId: SERVICE, capacity: 5 });

  const read = async () => (await t.as(who.admin, json('GET', URL))).json() as AdminService;
  const patch = (body: object, token = who.admin) => t.as(token, json('PATCH', URL, body));
  const book = async (token: string, extra: object = {}) => {
    const slot = await newSlot();
    const res = await t.as(token, json('POST', '/api/appointments', { slotId: slot.id, serviceId: SERVICE, ...extra }));
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; guide: BookedGuide };
  };
  const appointment = async (token: string, id: string) => (await t.as(token, json('GET', `/api/appointments/${id}`))).json() as { id: string; guide: BookedGuide };
  const searchIds = async (q: string) => ((await t.app.inject({ url: '/api/services', query: { q } })).json() as { items: Array<{ id: string }> }).items.map((i) => i.id);

  it('shows an admin the guide, its first version and the bookings that keep theirs', async () => {
    const res = await t.as(who.admin, json('GET', URL));
    expect(res.statusCode).toBe(200);
    const body = res.json() as AdminService;
    const guide = await t.app.prisma.service.findUniqueOrThrow({ where: { id: SERVICE }, include: { materials: { orderBy: { position: 'asc' } } } });
    expect(body).toMatchObject({ version: 1, versions: [{ version: 1, createdBy: null, fields: [] }], activeBookings: 0 });
    expect(body.service).toMatchObject({ id: SERVICE, code: guide.code, name: '社会保障卡申领', categoryLetter: guide.categoryLetter, legalDays: 20, promisedDays: 10, feeFen: 0, feeMaxFen: null, aliases: guide.aliases });
    expect(body.service.materials.map((m) => m.name)).toEqual(guide.materials.map((m) => m.name));
    // The seed wrote version 1's snapshot: what the service's rows say.
    const v1 = await t.app.prisma.serviceGuideVersion.findUniqueOrThrow({ where: { serviceId_version: { serviceId: SERVICE, version: 1 } } });
    expect(v1.guide).toEqual(JSON.parse(JSON.stringify((({ id: _i, code: _c, name: _n, categoryLetter: _l, ...fields }) => fields)(body.service))));
  });

  it('is for admins only: hall managers, clerks and citizens 403, nobody signed in 401; an unknown id 404', async () => {
    for (const token of [who.manager, who.otherManager, who.clerk, who.citizen]) {
      expect(errorCodeOf(await t.as(token, json('GET', URL)))).toBe('FORBIDDEN');
      const res = await patch({ summary: '不应保存的摘要' }, token);
      expect(res.statusCode).toBe(403);
      expect(errorCodeOf(res)).toBe('FORBIDDEN');
    }
    expect((await t.app.inject(json('GET', URL))).statusCode).toBe(401);
    expect((await t.app.inject(json('PATCH', URL, { summary: '不应保存的摘要' }))).statusCode).toBe(401);
    for (const res of [await t.as(who.admin, json('GET', `/api/admin/services/${randomUUID()}`)), await t.as(who.admin, json('PATCH', `/api/admin/services/${randomUUID()}`, { summary: '新摘要' }))]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: '没有找到该事项' } });
    }
    expect(errorCodeOf(await t.as(who.admin, json('GET', '/api/admin/services/not-a-uuid')))).toBe('VALIDATION_FAILED');
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const before = await read();
    const material = { name: '居民身份证', required: true, originals: 1, copies: 0, licenceType: 'RESIDENT_ID', note: null };
    const cases: Array<[object, string, string?]> = [
      [{}, 'body'],
      [{ expectedVersion: before.version }, 'body', 'minProperties'],
      [{ colour: 'red' }, 'body'],
      [{ summary: '   ' }, 'body.summary', 'blank'],
      [{ summary: '' }, 'body.summary'],
      [{ summary: 'x'.repeat(501) }, 'body.summary'],
      [{ conditions: ['年满16周岁', ' '] }, 'body.conditions.1', 'blank'],
      [{ process: Array.from({ length: 21 }, (_, i) => `第${i + 1}步`) }, 'body.process'],
      [{ materials: [] }, 'body.materials'],
      [{ materials: [{ ...material, name: '  ' }] }, 'body.materials.0.name', 'blank'],
      [{ materials: [material, { ...material, name: ' 居民身份证 ' }] }, 'body.materials.1.name', 'unique'],
      [{ materials: [{ ...material, licenceType: 'PASSPORT' }] }, 'body.materials.0.licenceType'],
      [{ materials: [{ ...material, originals: -1 }] }, 'body.materials.0.originals'],
      [{ materials: [{ name: '居民身份证' }] }, 'body.materials.0'],
      [{ aliases: ['社保卡', '社保卡 '] }, 'body.aliases.1', 'unique'],
      [{ aliases: ['ABC卡', 'abc卡'] }, 'body.aliases.1', 'unique'],
      [{ aliases: Array.from({ length: 31 }, (_, i) => `别名${i}`) }, 'body.aliases'],
      // One line each: a line break would make one synonym two search words (search.ts joins them with one).
      [{ aliases: ['社保\n退休'] }, 'body.aliases.0'],
      [{ conditions: ['年满16周岁\t户籍在本县'] }, 'body.conditions.0'],
      [{ promisedDays: 30 }, 'body.promisedDays', 'promisedWithinLegal'],
      [{ legalDays: 5 }, 'body.legalDays', 'promisedWithinLegal'],
      [{ promisedDays: 1.5 }, 'body.promisedDays'],
      [{ feeMaxFen: 0 }, 'body.feeMaxFen', 'maxAboveFee'],
      [{ feeFen: 500, feeMaxFen: 500 }, 'body.feeMaxFen', 'maxAboveFee'],
      [{ feeFen: -1 }, 'body.feeFen'],
      [{ onlineAllowed: 'yes' }, 'body.onlineAllowed'],
      [{ summary: '新摘要', expectedVersion: 0 }, 'body.expectedVersion'],
    ];
    for (const [body, field, rule] of cases) {
      const res = await patch(body);
      expect({ body, status: res.statusCode, code: errorCodeOf(res) }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
      const details = (res.json() as { error: { details: Array<{ field: string; rule: string }> } }).error.details;
      expect({ body, named: details.some((d) => d.field.startsWith(field) && (rule === undefined || d.rule === rule)) }).toEqual({ body, named: true });
    }
    expect(await read()).toEqual(before);
  });

  it('saves a new version, keeps each booking on the guide it was made under, and gives new bookings the new one', async () => {
    const earlier = await citizen();
    const v1Booking = await book(earlier);
    const v1 = await read();
    expect(v1Booking.guide).toMatchObject({ version: 1, isCurrent: true, conditions: v1.service.conditions, fee: { display: '免费', note: '首次申领不收费' } });
    expect(v1Booking.guide.materials.map((m) => m.name)).toEqual(v1.service.materials.map((m) => m.name));

    // v2: the first material renamed, the last dropped, a new one an e-licence replaces; a fee.
    const materials = [
      { ...v1.service.materials[0]!, name: '居民身份证（原件）' },
      ...v1.service.materials.slice(1, -1),
      { name: '居民户口簿首页及本人页', required: false, originals: 1, copies: 1, licenceType: 'HOUSEHOLD_REGISTER', note: '户籍不在本县的提供' },
    ];
    const res = await patch({ materials, feeFen: 1000, feeMaxFen: 2000, feeNote: '补领收工本费', expectedVersion: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, previousVersion: 1, activeBookings: 1, service: { materials, feeFen: 1000, feeMaxFen: 2000, feeNote: '补领收工本费', summary: v1.service.summary } });

    // The public guide says v2 …
    const publicGuide = (await t.app.inject({ url: `/api/services/${SERVICE}` })).json() as { materials: Array<{ name: string; position: number }>; fee: { display: string } };
    expect(publicGuide.materials.map((m) => m.name)).toEqual(materials.map((m) => m.name));
    expect(publicGuide.fee.display).toBe('10–20 元');
    // … the earlier booking still shows v1's materials and fee, and says the guide has changed.
    const kept = await appointment(earlier, v1Booking.id);
    expect(kept.guide).toMatchObject({ version: 1, isCurrent: false, fee: { display: '免费' } });
    expect(kept.guide.materials.map((m) => m.name)).toEqual(v1.service.materials.map((m) => m.name));
    // A reschedule keeps it.
    const moved = await t.as(earlier, json('POST', `/api/appointments/${v1Booking.id}/reschedule`, { slotId: (await newSlot()).id }));
    expect(moved.statusCode).toBe(200);
    expect((moved.json() as { guide: BookedGuide }).guide).toMatchObject({ version: 1, isCurrent: false });
    // A new booking is made under v2.
    const v2Booking = await book(await citizen());
    expect(v2Booking.guide).toMatchObject({ version: 2, isCurrent: true, fee: { display: '10–20 元', note: '补领收工本费' } });
    expect(v2Booking.guide.materials.at(-1)).toMatchObject({ name: '居民户口簿首页及本人页', licenceType: 'HOUSEHOLD_REGISTER', licenceLabel: '电子户口簿' });

    const after = await read();
    expect(after.version).toBe(2);
    expect(after.activeBookings).toBe(2);
    expect(after.versions.map((v) => [v.version, v.fields])).toEqual([
      [2, ['materials', 'feeFen', 'feeMaxFen', 'feeNote']],
      [1, []],
    ]);
    expect(after.versions[0]!.createdBy).toEqual({ id: DEMO_USERS.admin.id, name: DEMO_USERS.admin.name });
    // The rows of the service follow the version: materials renumbered in guide order.
    const rows = await t.app.prisma.serviceMaterial.findMany({ where: { serviceId: SERVICE }, orderBy: { position: 'asc' } });
    expect(rows.map((r) => [r.position, r.name])).toEqual(materials.map((m, i) => [i, m.name]));

    // v1 as it said it, read-only (?version=): what the earlier booking follows; the current one unchanged.
    expect(after.shownVersion).toBe(2);
    const first = await t.as(who.admin, json('GET', `${URL}?version=1`));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, shownVersion: 1, service: { id: SERVICE, materials: v1.service.materials, feeFen: v1.service.feeFen, feeNote: v1.service.feeNote, summary: v1.service.summary } });
    expect((await t.as(who.admin, json('GET', `${URL}?version=2`))).json()).toMatchObject({ version: 2, shownVersion: 2, service: { materials } });
    const never = await t.as(who.admin, json('GET', `${URL}?version=3`));
    expect([never.statusCode, errorCodeOf(never)]).toEqual([404, 'NOT_FOUND']);
    for (const bad of ['0', 'x', '1.5']) expect(errorCodeOf(await t.as(who.admin, json('GET', `${URL}?version=${bad}`)))).toBe('VALIDATION_FAILED');
    expect((await t.as(who.manager, json('GET', `${URL}?version=1`))).statusCode).toBe(403);
  });

  it('books a waitlist (候补) place under the guide the person joined under, not the one saved since', async () => {
    const [booker, waiter] = [await citizen(), await citizen()];
    const joinedUnder = (await read()).version;
    const { id: slot } = await newSlot({ capacity: 1 });
    const taken = await t.as(booker, json('POST', '/api/appointments', { slotId: slot, serviceId: SERVICE }));
    expect(taken.statusCode).toBe(201);
    const joined = await t.as(waiter, json('POST', '/api/appointments/waitlist', { slotId: slot, serviceId: SERVICE }));
    expect(joined.statusCode).toBe(201);
    expect((await patch({ feeNote: '候补期间修改的收费说明', expectedVersion: joinedUnder })).statusCode).toBe(200);

    // A place frees up: the first in line is booked at once, under the version they joined under.
    expect((await t.as(booker, json('POST', `/api/appointments/${(taken.json() as { id: string }).id}/cancel`))).statusCode).toBe(200);
    const entry = ((await t.as(waiter, json('GET', '/api/appointments/waitlist'))).json() as { items: Array<{ id: string; status: string; appointmentId: string | null }> }).items;
    expect(entry).toEqual([expect.objectContaining({ id: (joined.json() as { id: string }).id, status: 'PROMOTED', appointmentId: expect.any(String) })]);
    const promoted = await appointment(waiter, entry[0]!.appointmentId!);
    expect(promoted.guide).toMatchObject({ version: joinedUnder, isCurrent: false });
    expect(promoted.guide.fee.note).not.toBe('候补期间修改的收费说明');
  });

  it('checks 免证办 against the version it books under', async () => {
    const token = await citizen();
    const me = (await t.as(token, json('GET', '/api/me'))).json() as { id: string };
    const licence = await t.app.prisma.licence.create({
      data: {
        holderId: me.id,
        type: 'HOUSEHOLD_REGISTER',
        ...t.resources.pii.protectLicenceNumber('360122199001011234'),
        issuer: '青石县公安局',
        validFrom: new Date('2020-01-01T00:00:00Z'),
        validUntil: null,
        status: 'VALID',
        fields: { name: '测试' },
        lastSyncedAt: t.resources.clock.now(),
      },
    });
    const { version, service } = await read();
    const position = service.materials.findIndex((m) => m.licenceType === 'HOUSEHOLD_REGISTER');
    const booked = await book(token, { licenceMaterials: [{ position, licenceId: licence.id }] });
    expect(booked.guide).toMatchObject({ version, isCurrent: true });
    expect(booked.guide.materials[position]).toMatchObject({ licenceType: 'HOUSEHOLD_REGISTER' });
    const row = await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: booked.id } });
    expect(row.guideVersion).toBe(version);
    expect(row.licenceMaterials).toEqual([expect.objectContaining({ position, name: service.materials[position]!.name, type: 'HOUSEHOLD_REGISTER' })]);
  });

  it('writes one audit entry per edit with before and after of the fields it changed', async () => {
    const before = await read();
    const res = await patch({ summary: `${before.service.summary}（已更新）`, proxyAllowed: before.service.proxyAllowed, promisedDays: 7 });
    expect(res.statusCode).toBe(200);
    const entry = await lastChange(t);
    expect(entry).toMatchObject({ action: 'admin.service.edit', resourceType: 'service', resourceId: SERVICE, officeId: null, actorId: DEMO_USERS.admin.id });
    expect(entry!.meta).toEqual({
      before: { summary: before.service.summary, promisedDays: before.service.promisedDays },
      after: { summary: `${before.service.summary}（已更新）`, promisedDays: 7 },
      version: before.version + 1,
      previousVersion: before.version,
    });
    expect((await read()).versions[0]).toMatchObject({ version: before.version + 1, fields: ['summary', 'promisedDays'] });
  });

  it('refuses a stale expectedVersion and an edit that changes nothing (409), saving nothing', async () => {
    const before = await read();
    const stale = await patch({ summary: '别人看到的旧版本上的修改', expectedVersion: before.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'GUIDE_VERSION_CONFLICT', details: { currentVersion: before.version, expectedVersion: before.version - 1 } } });
    const same = await patch({ summary: ` ${before.service.summary} `, aliases: before.service.aliases, materials: before.service.materials });
    expect(same.statusCode).toBe(409);
    expect(errorCodeOf(same)).toBe('GUIDE_UNCHANGED');
    const audits = await t.app.prisma.auditLog.count({ where: { action: 'admin.service.edit', result: 'OK' } });
    expect(await read()).toEqual(before);
    expect(await t.app.prisma.auditLog.count({ where: { action: 'admin.service.edit', result: 'OK' } })).toBe(audits);
  });

  it('makes two edits at once two versions one after the other; with expectedVersion the second is refused', async () => {
    const { version } = await read();
    const both = await Promise.all([patch({ summary: '同时修改之一' }), patch({ feeNote: '同时修改之二' })]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(both.map((r) => (r.json() as { version: number }).version).sort()).toEqual([version + 1, version + 2]);
    const after = await read();
    expect(after.service).toMatchObject({ summary: '同时修改之一', feeNote: '同时修改之二' });

    const racing = await Promise.all([patch({ summary: '抢先保存之一', expectedVersion: after.version }), patch({ summary: '抢先保存之二', expectedVersion: after.version })]);
    expect(racing.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(racing.filter((r) => r.statusCode === 409).map(errorCodeOf)).toEqual(['GUIDE_VERSION_CONFLICT']);
    expect((await read()).version).toBe(after.version + 1);
    const versions = await t.app.prisma.serviceGuideVersion.findMany({ where: { serviceId: SERVICE }, select: { version: true }, orderBy: { version: 'asc' } });
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: after.version + 1 }, (_, i) => i + 1));
  });

  it('keeps the service’s 用证事由 in step with its materials: a licence type added can be presented and verified, one removed no longer', async () => {
    const { service } = await read();
    const holder = await signIn(t, DEMO_PHONES.citizen);
    const clerk = await signIn(t, DEMO_PHONES.clerk);
    const driving = licenceOf('citizen', 'DRIVING_LICENCE');
    const purpose = () => t.app.prisma.licencePurpose.findUniqueOrThrow({ where: { code: service.code } });
    const seeded = await purpose();
    expect(seeded).toMatchObject({ serviceId: SERVICE, licenceTypes: ['RESIDENT_ID', 'HOUSEHOLD_REGISTER'] });
    expect(errorCodeOf(await present(t, holder, driving, service.code))).toBe('LICENCE_PURPOSE_MISMATCH');

    // The photo may now be replaced by the driving licence (its photo): the purpose lists the type and its fields.
    const photo = service.materials.findIndex((m) => m.licenceType === null);
    const withDriving = service.materials.map((m, i) => (i === photo ? { ...m, licenceType: 'DRIVING_LICENCE' as const } : m));
    expect((await patch({ materials: withDriving })).statusCode).toBe(200);
    expect(await purpose()).toMatchObject({ name: service.name, serviceId: SERVICE, licenceTypes: ['RESIDENT_ID', 'DRIVING_LICENCE', 'HOUSEHOLD_REGISTER'] });
    expect((await purpose()).fields).toEqual(expect.arrayContaining(['vehicleClass', ...seeded.fields]));
    expect((await lastChange(t))!.meta).toMatchObject({
      before: { licencePurposeTypes: ['RESIDENT_ID', 'HOUSEHOLD_REGISTER'] },
      after: { licencePurposeTypes: ['RESIDENT_ID', 'DRIVING_LICENCE', 'HOUSEHOLD_REGISTER'] },
    });
    const presented = await present(t, holder, driving, service.code);
    expect(presented.statusCode).toBe(201);
    const verified = await verify(t, clerk, (presented.json() as { token: string }).token);
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ purpose: { code: service.code }, licence: { type: 'DRIVING_LICENCE' } });
    expect((verified.json() as { fields: Array<{ key: string }> }).fields.map((f) => f.key)).toEqual(expect.arrayContaining(['name', 'vehicleClass', 'validUntil']));

    // Taken away again: no longer presentable, its fields no longer disclosed to the window.
    expect((await patch({ materials: service.materials })).statusCode).toBe(200);
    expect(await purpose()).toMatchObject({ licenceTypes: ['RESIDENT_ID', 'HOUSEHOLD_REGISTER'], fields: seeded.fields });
    expect((await lastChange(t))!.meta).toMatchObject({ before: { licencePurposeTypes: ['RESIDENT_ID', 'DRIVING_LICENCE', 'HOUSEHOLD_REGISTER'] }, after: { licencePurposeTypes: ['RESIDENT_ID', 'HOUSEHOLD_REGISTER'] } });
    expect(errorCodeOf(await present(t, holder, driving, service.code))).toBe('LICENCE_PURPOSE_MISMATCH');

    // No material with a licence left: the purpose a presentation used stays, with nothing to show; a later type brings it back.
    expect((await patch({ materials: service.materials.map((m) => ({ ...m, licenceType: null })) })).statusCode).toBe(200);
    expect(await purpose()).toMatchObject({ licenceTypes: [], fields: [] });
    expect((await lastChange(t))!.meta).toMatchObject({ after: { licencePurposeTypes: [] } });
    expect(errorCodeOf(await present(t, holder, licenceOf('citizen', 'RESIDENT_ID'), service.code))).toBe('LICENCE_PURPOSE_MISMATCH');
    expect((await patch({ materials: service.materials })).statusCode).toBe(200);
    expect(await purpose()).toMatchObject({ licenceTypes: seeded.licenceTypes, fields: seeded.fields });
    // An edit that leaves the materials alone leaves the purpose and the audit entry's types out.
    expect((await patch({ summary: `${service.summary}（用证事由不变）` })).statusCode).toBe(200);
    expect((await lastChange(t))!.meta).not.toHaveProperty('before.licencePurposeTypes');
    expect((await patch({ summary: service.summary })).statusCode).toBe(200);
  });

  it('removes the purpose of a service whose materials no longer name a licence when no presentation used it', async () => {
    const other = SERVICE_IDS.socialSecurityCardReplace;
    const url = `/api/admin/services/${other}`;
    const { service } = (await t.as(who.admin, json('GET', url))).json() as AdminService;
    expect(await t.app.prisma.licencePurpose.count({ where: { code: service.code } })).toBe(1);
    expect((await t.as(who.admin, json('PATCH', url, { materials: service.materials.map((m) => ({ ...m, licenceType: null })) }))).statusCode).toBe(200);
    expect(await t.app.prisma.licencePurpose.count({ where: { code: service.code } })).toBe(0);
    expect((await lastChange(t))!.meta).toMatchObject({ before: { licencePurposeTypes: expect.arrayContaining(['RESIDENT_ID']) }, after: { licencePurposeTypes: null } });
    expect((await t.as(who.admin, json('PATCH', url, { materials: service.materials }))).statusCode).toBe(200);
    expect(await t.app.prisma.licencePurpose.findUniqueOrThrow({ where: { code: service.code } })).toMatchObject({ serviceId: other, name: service.name });
  });

  it('finds the service by a synonym right after it is added, and no longer after it is removed', async () => {
    const synonym = '社保卡补办新叫法';
    const { service } = await read();
    expect(await searchIds(synonym)).toEqual([]); // cached for 30 s on this instance
    expect((await patch({ aliases: [...service.aliases, synonym] })).statusCode).toBe(200);
    expect(await searchIds(synonym)).toEqual([SERVICE]);
    expect(await searchIds('社保卡')).toContain(SERVICE);
    expect((await patch({ aliases: service.aliases })).statusCode).toBe(200);
    expect(await searchIds(synonym)).toEqual([]);
  });
});

describe('admin console: a guide edit drops cached search results on every instance', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: string;
  beforeAll(async () => {
    a = await build({ redis: true });
    b = await build({ redis: true, reset: false });
    admin = (await a.login({ phone: DEMO_PHONES.admin })).accessToken;
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await closeTestDatabase();
  });

  it('finds a new synonym on the other instance without waiting out its 30 s cache', async () => {
    const synonym = `跨实例别名${randomUUID().slice(0, 6)}`;
    const search = async (t: TestApp) => ((await t.app.inject({ url: '/api/services', query: { q: synonym } })).json() as { items: Array<{ id: string }> }).items.map((i) => i.id);
    expect(await search(b)).toEqual([]); // now cached on b
    const { aliases } = await a.app.prisma.service.findUniqueOrThrow({ where: { id: SERVICE }, select: { aliases: true } });
    expect((await a.as(admin, json('PATCH', URL, { aliases: [...aliases, synonym] }))).statusCode).toBe(200);
    expect(await search(a)).toEqual([SERVICE]);
    // b hears the Redis message within moments (the cache would keep the empty answer 30 s).
    const deadline = Date.now() + 5_000;
    let found = await search(b);
    while (found.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      found = await search(b);
    }
    expect(found).toEqual([SERVICE]);
  });
});
