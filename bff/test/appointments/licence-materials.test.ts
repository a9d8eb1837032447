// 免证办 on real PostgreSQL (issue 15 step 6; DESIGN.md §3 Application trust levels A–D): booking
// with guide materials covered by the subject's VALID licences — stored with the appointment,
// each with its trust level (A: synced today by the server clock, B: earlier) — shown to the
// holder and to the hall's clerk (今日预约, check-in); refusals (not the subject's, not VALID,
// the wrong type, a material no licence replaces, a position twice) book nothing; acting for
// someone needs LICENCE_PRESENT besides APPOINTMENT. And 截屏: POST /api/licences/:id/captures
// in the holder's 使用记录 and the audit log.
import { randomUUID } from 'node:crypto';
import { LICENCE_TRUST_LEVEL_RULES } from '@palm/shared';
import { DEMO_PHONES, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { slotMaker } from './fixtures';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE: string = SERVICE_IDS.socialSecurityCardApply;
const DAY = 24 * 60 * 60_000;

interface Covered {
  position: number;
  name: string;
  licence: { id: string; type: string; typeLabel: string; numberMasked: string };
  trustLevel: string;
  trustLabel: string;
  words: string;
}
interface View {
  id: string;
  code: string;
  status: string;
  licenceMaterials: Covered[];
}

describe('免证办 at booking, and 截屏 in 使用记录', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000', BOOKING_IP_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  let nextPhone = 0;
  const citizen = () => t.login({ phone: `135${String((nextPhone += 1)).padStart(4, '0')}7777` });
  const newSlot = slotMaker(() => t, { officeId: OFFICE, serviceId: SERVICE, capacity: 5 });

  /** The guide's positions by material name (the seeded guide of 社会保障卡申领). */
  const positions = async () => {
    const rows = await t.app.prisma.serviceMaterial.findMany({ where: { serviceId: SERVICE }, orderBy: { position: 'asc' } });
    const of = (name: string) => rows.find((r) => r.name === name)!.position;
    return { id: of('居民身份证'), photo: of('近期免冠彩色证件照'), household: of('居民户口簿'), guardianId: of('监护人居民身份证') };
  };

  /** A licence made for `holderId` (number `number`); status and dates as given, synced `syncedAgo` ms ago. */
  const licence = async (holderId: string, o: { type?: 'RESIDENT_ID' | 'HOUSEHOLD_REGISTER' | 'DRIVING_LICENCE'; number?: string; status?: 'VALID' | 'REVOKED' | 'EXPIRED'; validUntil?: Date | null; syncedAgo?: number } = {}) => {
    const now = t.resources.clock.now();
    const row = await t.app.prisma.licence.create({
      data: {
        holderId,
        type: o.type ?? 'RESIDENT_ID',
        ...t.resources.pii.protectLicenceNumber(o.number ?? `3601${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}1234`),
        issuer: '青石县公安局',
        validFrom: new Date('2020-01-01T00:00:00Z'),
        validUntil: o.validUntil === undefined ? new Date('2040-01-01T00:00:00Z') : o.validUntil,
        status: o.status ?? 'VALID',
        fields: { name: '测试' },
        lastSyncedAt: new Date(now.getTime() - (o.syncedAgo ?? 0)),
      },
    });
    return row;
  };

  const book = (token: string, slotId: string, licenceMaterials?: { position: number; licenceId: string }[], headers: Record<string, string> = {}) =>
    t.as(token, { method: 'POST', url: '/api/appointments', headers, payload: { slotId, serviceId: SERVICE, ...(licenceMaterials ? { licenceMaterials } : {}) } });
  const bookedOf = async (slotId: string) => (await t.app.prisma.slot.findUniqueOrThrow({ where: { id: slotId } })).booked;

  it('books with the ID and the household register covered: A for a licence synced today, B for one synced earlier, in words, masked', async () => {
    const p = await positions();
    const a = await citizen();
    const id = await licence(a.user.id, { number: '360102199001011234', syncedAgo: 0 });
    const household = await licence(a.user.id, { type: 'HOUSEHOLD_REGISTER', number: 'HH3601020000123', syncedAgo: 3 * DAY });
    const slot = await newSlot();
    const res = await book(a.accessToken, slot.id, [
      { position: p.household, licenceId: household.id },
      { position: p.id, licenceId: id.id },
    ]);
    expect(res.statusCode).toBe(201);
    const body = res.json() as View;
    expect(body.licenceMaterials).toEqual([
      expect.objectContaining({
        position: p.id,
        name: '居民身份证',
        licence: { id: id.id, type: 'RESIDENT_ID', typeLabel: '居民身份证', numberMasked: '3601**********1234' },
        trustLevel: 'A',
        trustLabel: LICENCE_TRUST_LEVEL_RULES.A.label,
        words: '用电子证照（居民身份证 3601**********1234）',
      }),
      expect.objectContaining({ position: p.household, name: '居民户口簿', trustLevel: 'B', licence: expect.objectContaining({ type: 'HOUSEHOLD_REGISTER', numberMasked: household.numberMasked }) }),
    ]);
    // Stored with the appointment, never a full number; the holder's GET answers the same.
    const row = await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: body.id } });
    expect(JSON.stringify(row.licenceMaterials)).not.toContain('360102199001011234');
    expect(JSON.stringify(row.licenceMaterials)).not.toContain('HH3601020000123');
    const again = (await t.as(a.accessToken, { method: 'GET', url: `/api/appointments/${body.id}` })).json() as View;
    expect(again.licenceMaterials).toEqual(body.licenceMaterials);
    // A booking without choices covers nothing.
    const b = await citizen();
    const plain = await book(b.accessToken, (await newSlot()).id);
    expect(plain.statusCode).toBe(201);
    expect((plain.json() as View).licenceMaterials).toEqual([]);
  });

  it('refuses, booking nothing: another’s licence or none, not VALID (revoked, past its last day), the wrong type, a material no licence replaces, a position twice', async () => {
    const p = await positions();
    const a = await citizen();
    const other = await citizen();
    const mine = await licence(a.user.id);
    const theirs = await licence(other.user.id);
    const revoked = await licence(a.user.id, { status: 'REVOKED' });
    const lapsed = await licence(a.user.id, { validUntil: new Date(t.resources.clock.now().getTime() - 2 * DAY) });
    const driving = await licence(a.user.id, { type: 'DRIVING_LICENCE' });
    const slot = await newSlot();
    const cases: [string, { position: number; licenceId: string }[], number, string][] = [
      ['another person’s licence', [{ position: p.id, licenceId: theirs.id }], 422, 'LICENCE_NOT_SUBJECTS'],
      ['no such licence', [{ position: p.id, licenceId: randomUUID() }], 422, 'LICENCE_NOT_SUBJECTS'],
      ['a revoked licence', [{ position: p.id, licenceId: revoked.id }], 422, 'LICENCE_NOT_VALID'],
      ['a licence past its last day (VALID on the row)', [{ position: p.id, licenceId: lapsed.id }], 422, 'LICENCE_NOT_VALID'],
      ['a driving licence for the ID', [{ position: p.id, licenceId: driving.id }], 422, 'LICENCE_MATERIAL_MISMATCH'],
      ['the photo, which no licence replaces', [{ position: p.photo, licenceId: mine.id }], 422, 'LICENCE_MATERIAL_MISMATCH'],
      ['a position not in the guide', [{ position: 999, licenceId: mine.id }], 400, 'VALIDATION_FAILED'],
      [
        'one position twice',
        [
          { position: p.id, licenceId: mine.id },
          { position: p.id, licenceId: mine.id },
        ],
        400,
        'VALIDATION_FAILED',
      ],
    ];
    for (const [what, choices, status, code] of cases) {
      const res = await book(a.accessToken, slot.id, choices);
      expect([what, res.statusCode, errorCodeOf(res)]).toEqual([what, status, code]);
    }
    expect(await bookedOf(slot.id)).toBe(0);
    expect(await t.app.prisma.appointment.count({ where: { subjectId: a.user.id } })).toBe(0);
    // The same licence may cover two materials of its type (the guardian's ID is the person's own here).
    const ok = await book(a.accessToken, slot.id, [
      { position: p.id, licenceId: mine.id },
      { position: p.guardianId, licenceId: mine.id },
    ]);
    expect(ok.statusCode).toBe(201);
    expect((ok.json() as View).licenceMaterials.map((m) => m.position)).toEqual([p.id, p.guardianId]);
  });

  it('for someone else: the person’s own licence, only with LICENCE_PRESENT besides APPOINTMENT; never the booker’s', async () => {
    const p = await positions();
    const helper = await citizen();
    const resident = await citizen();
    const hers = await licence(resident.user.id, { syncedAgo: 2 * DAY });
    const his = await licence(helper.user.id);
    const now = t.resources.clock.now();
    const grant = await t.app.prisma.grant.create({
      data: { grantorId: resident.user.id, granteeId: helper.user.id, relation: '子女', scopes: ['APPOINTMENT'], status: 'ACTIVE', acceptedAt: now, validFrom: now, validUntil: new Date(now.getTime() + 365 * DAY) },
    });
    const forHer = { 'x-on-behalf-of': resident.user.id };
    const slot = await newSlot();
    const without = await book(helper.accessToken, slot.id, [{ position: p.id, licenceId: hers.id }], forHer);
    expect([without.statusCode, errorCodeOf(without)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
    expect(await bookedOf(slot.id)).toBe(0);

    await t.app.prisma.grant.update({ where: { id: grant.id }, data: { scopes: ['APPOINTMENT', 'LICENCE_PRESENT'] } });
    const helpersOwn = await book(helper.accessToken, slot.id, [{ position: p.id, licenceId: his.id }], forHer);
    expect([helpersOwn.statusCode, errorCodeOf(helpersOwn)]).toEqual([422, 'LICENCE_NOT_SUBJECTS']);
    const ok = await book(helper.accessToken, slot.id, [{ position: p.id, licenceId: hers.id }], forHer);
    expect(ok.statusCode).toBe(201);
    const body = ok.json() as View & { onBehalfOf: string | null };
    expect(body.licenceMaterials).toEqual([expect.objectContaining({ position: p.id, trustLevel: 'B', licence: expect.objectContaining({ id: hers.id }) })]);
    const row = await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: body.id } });
    expect([row.subjectId, row.actorId]).toEqual([resident.user.id, helper.user.id]);
    // The use of her licence is in the audit log as an act on her behalf.
    const audit = await t.app.prisma.auditLog.findFirst({ where: { action: 'licence.cover', actorId: helper.user.id, subjectId: resident.user.id, result: 'ALLOW' } });
    expect(audit).not.toBeNull();
  });

  it('shows the hall’s clerk which materials are covered, by which licence (masked) at which trust level: 今日预约 and check-in', async () => {
    const p = await positions();
    const a = await citizen();
    const id = await licence(a.user.id, { number: '360102198802024321' });
    // Today, its check-in window open (the slot starts in 10 minutes).
    const slot = await newSlot({ startsIn: 10 * 60_000 });
    const booked = (await book(a.accessToken, slot.id, [{ position: p.id, licenceId: id.id }])).json() as View;
    const clerk = await t.login({ phone: DEMO_PHONES.clerk });
    const day = await t.as(clerk.accessToken, { method: 'GET', url: `/api/offices/${OFFICE}/appointments` });
    expect(day.statusCode).toBe(200);
    const item = (day.json() as { items: (View & { name: string | null })[] }).items.find((i) => i.id === booked.id)!;
    expect(item.licenceMaterials).toEqual([
      expect.objectContaining({ name: '居民身份证', trustLevel: 'A', words: '用电子证照（居民身份证 3601**********4321）', licence: expect.objectContaining({ numberMasked: '3601**********4321' }) }),
    ]);
    expect(day.body).not.toContain('360102198802024321');
    const checkIn = await t.as(clerk.accessToken, { method: 'POST', url: `/api/offices/${OFFICE}/appointments/check-in`, payload: { code: booked.code } });
    expect(checkIn.statusCode).toBe(200);
    expect((checkIn.json() as View).licenceMaterials).toEqual(booked.licenceMaterials);
    // Another hall's clerk sees nothing of this hall's day (the policy, as before: the hall's 404).
    const elsewhere = await t.login({ phone: '13800000101' });
    const refused = await t.as(elsewhere.accessToken, { method: 'GET', url: `/api/offices/${OFFICE}/appointments` });
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('4321');
  });

  describe('POST /api/licences/:id/captures (截屏)', () => {
    it('notes a capture by the holder (no body at all, or an empty one): 截屏 first in 使用记录, an audit entry', async () => {
      const a = await citizen();
      const l = await licence(a.user.id);
      const first = await t.as(a.accessToken, { method: 'POST', url: `/api/licences/${l.id}/captures` });
      expect(first.statusCode).toBe(201);
      const second = await t.as(a.accessToken, { method: 'POST', url: `/api/licences/${l.id}/captures`, payload: {} });
      expect(second.statusCode).toBe(201);
      const { id, capturedAt } = second.json() as { id: string; capturedAt: string };
      const uses = (await t.as(a.accessToken, { method: 'GET', url: `/api/licences/${l.id}/uses` })).json() as { items: { id: string; kind: string; purpose: { name: string }; presentedAt: string; presentedBy: { self: boolean } }[] };
      expect(uses.items.map((u) => [u.kind, u.purpose.name])).toEqual([
        ['CAPTURE', '截屏'],
        ['CAPTURE', '截屏'],
      ]);
      expect(uses.items[0]).toMatchObject({ id, presentedAt: capturedAt, presentedBy: { self: true } });
      const audits = await t.app.prisma.auditLog.findMany({ where: { action: 'licence.capture', resourceId: id } });
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actorId: a.user.id, subjectId: a.user.id, result: 'OK' });
    });

    it('interleaves captures with presentations newest first, across keyset pages', async () => {
      const a = await citizen();
      const l = await licence(a.user.id);
      // 30 presentations and 30 captures, alternating a second apart (made directly: the order is what is tested).
      const base = t.resources.clock.now().getTime() - 3600_000;
      for (let i = 0; i < 60; i += 1) {
        const at = new Date(base + i * 1000);
        if (i % 2 === 0) await t.app.prisma.licenceCapture.create({ data: { licenceId: l.id, subjectId: a.user.id, actorId: a.user.id, createdAt: at } });
        else await t.app.prisma.licencePresentation.create({ data: { jti: randomUUID(), licenceId: l.id, subjectId: a.user.id, actorId: a.user.id, purposeCode: 'IDENTITY_CHECK', fields: ['name'], createdAt: at, expiresAt: new Date(at.getTime() + 60_000) } });
      }
      const page1 = (await t.as(a.accessToken, { method: 'GET', url: `/api/licences/${l.id}/uses` })).json() as { items: { kind: string; presentedAt: string }[]; nextCursor?: string };
      expect(page1.items).toHaveLength(50);
      expect(page1.nextCursor).toBeDefined();
      const page2 = (await t.as(a.accessToken, { method: 'GET', url: `/api/licences/${l.id}/uses?cursor=${encodeURIComponent(page1.nextCursor!)}` })).json() as { items: { kind: string; presentedAt: string }[]; nextCursor?: string };
      expect(page2.items).toHaveLength(10);
      expect(page2.nextCursor).toBeUndefined();
      const all = [...page1.items, ...page2.items];
      const times = all.map((u) => u.presentedAt);
      expect(times).toEqual([...times].sort().reverse());
      expect(new Set(times).size).toBe(60);
      expect(all.map((u) => u.kind).slice(0, 4)).toEqual(['PRESENTATION', 'CAPTURE', 'PRESENTATION', 'CAPTURE']);
    });

    it('a LICENCE_PRESENT grantee’s capture is in the holder’s log as not the holder’s; a stranger gets the licence’s 404; a flood is limited', async () => {
      const holder = await citizen();
      const grantee = await citizen();
      const stranger = await citizen();
      const l = await licence(holder.user.id);
      const now = t.resources.clock.now();
      await t.app.prisma.grant.create({
        data: { grantorId: holder.user.id, granteeId: grantee.user.id, relation: '子女', scopes: ['LICENCE_PRESENT'], status: 'ACTIVE', acceptedAt: now, validFrom: now, validUntil: new Date(now.getTime() + 365 * DAY) },
      });
      const byGrantee = await t.as(grantee.accessToken, { method: 'POST', url: `/api/licences/${l.id}/captures`, headers: { 'x-on-behalf-of': holder.user.id } });
      expect(byGrantee.statusCode).toBe(201);
      const uses = (await t.as(holder.accessToken, { method: 'GET', url: `/api/licences/${l.id}/uses` })).json() as { items: { kind: string; presentedBy: { self: boolean } }[] };
      expect(uses.items).toEqual([expect.objectContaining({ kind: 'CAPTURE', presentedBy: expect.objectContaining({ self: false }) })]);
      const refused = await t.as(stranger.accessToken, { method: 'POST', url: `/api/licences/${l.id}/captures` });
      expect([refused.statusCode, errorCodeOf(refused)]).toEqual([404, 'NOT_FOUND']);
      // Without the header, the grantee is a stranger to it too.
      const bare = await t.as(grantee.accessToken, { method: 'POST', url: `/api/licences/${l.id}/captures` });
      expect(bare.statusCode).toBe(404);
      expect(await t.app.prisma.licenceCapture.count({ where: { licenceId: l.id } })).toBe(1);

      // 10 a minute per person (a fresh one: the refused attempts above counted for the stranger).
      const busy = await citizen();
      const mine = await licence(busy.user.id);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) statuses.push((await t.as(busy.accessToken, { method: 'POST', url: `/api/licences/${mine.id}/captures` })).statusCode);
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(statuses.slice(10)).toEqual([429, 429]);
    });
  });
});
