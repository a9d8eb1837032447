// The demo seeds (issue 2 / DESIGN.md §2): consistent on their own, complete enough for the county
// of the issue, loaded into real PostgreSQL, and idempotent — a second load writes nothing.
import { CALENDAR_DAYS, DEMO_GRANTS, DEMO_PHONES, DEMO_USERS, feeProblems, OFFICES, SEED_IDS, seedAll, SERVICES, SLOT_RULES, validateSeedData } from '../../../seeds';
import { build, closeTestDatabase, type TestApp } from '../helper';

describe('seed data', () => {
  it('passes every integrity rule (validateSeedData)', () => {
    expect(validateSeedData()).toEqual([]);
  });

  it('shows the fee its note gives: a note naming several amounts makes a range, whose ends it names', () => {
    const renewal = SERVICES.find((s) => s.id === SEED_IDS.services.residentIdRenewal)!;
    expect([renewal.feeFen, renewal.feeMaxFen]).toEqual([2000, 4000]);
    expect(feeProblems({ ...renewal, feeMaxFen: null })).toEqual(['the fee note names 2 amounts but the fee is one figure (set feeMaxFen)']);
    expect(feeProblems({ feeFen: 2000, feeMaxFen: 3000, feeNote: '工本费20元' })).toEqual(['the fee note does not name the highest fee 30元']);
    expect(feeProblems({ feeFen: 2000, feeMaxFen: 2000, feeNote: '工本费20元' })).toEqual(['feeMaxFen must be whole fen above feeFen (null for one figure)']);
    expect(feeProblems({ feeFen: 1000, feeMaxFen: null, feeNote: '工本费20元' })).toEqual(['the fee note does not name 10元']);
    expect(feeProblems({ feeFen: 0, feeMaxFen: null, feeNote: '不收费' })).toEqual([]);
  });

  it('has the county of the issue: one centre, ≥ 4 town centres, ≥ 8 stations, ≥ 30 services', () => {
    const levels = OFFICES.reduce<Record<string, number>>((count, office) => ({ ...count, [office.level]: (count[office.level] ?? 0) + 1 }), {});
    expect(levels.COUNTY_CENTER).toBe(1);
    expect(levels.TOWN_CENTER).toBeGreaterThanOrEqual(4);
    expect(levels.VILLAGE_STATION).toBeGreaterThanOrEqual(8);
    expect(SERVICES.length).toBeGreaterThanOrEqual(30);
  });

  it('has the official 2025 and 2026 holidays and 调休 working days', () => {
    const day = (date: string) => CALENDAR_DAYS.find((d) => d.date === date)?.kind;
    expect(day('2025-10-01')).toBe('HOLIDAY');
    expect(day('2025-09-28')).toBe('WORKDAY');
    expect(day('2026-02-16')).toBe('HOLIDAY');
    expect(day('2026-02-14')).toBe('WORKDAY');
    expect(day('2026-10-10')).toBe('WORKDAY');
  });

  it('has appointment slot rules at the county centre and at town centres, for every service that needs a booking', () => {
    const levelOf = (officeId: string) => OFFICES.find((o) => o.id === officeId)?.level;
    expect(SLOT_RULES.some((r) => levelOf(r.officeId) === 'COUNTY_CENTER')).toBe(true);
    expect(SLOT_RULES.filter((r) => levelOf(r.officeId) === 'TOWN_CENTER').length).toBeGreaterThanOrEqual(2);
    for (const s of SERVICES.filter((x) => x.appointmentRequired)) expect(SLOT_RULES.map((r) => r.serviceId)).toContain(s.id);
    expect(SLOT_RULES.every((r) => /^([01]\d|2[0-3]):[0-5]\d$/.test(r.releaseTime) && r.horizonDays >= 1)).toBe(true);
  });

  it('has the demo phones of DESIGN.md §2', () => {
    expect(Object.values(DEMO_PHONES)).toEqual(expect.arrayContaining(['13800000001', '13800000002', '13800000003', '13800000004', '13800000005', '13800000006']));
  });
});

describe('seedAll on PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('is idempotent: loading the seeds again writes no row', async () => {
    const again = await seedAll(t.app.prisma, t.resources.pii);
    expect(again.changes).toBe(0);
    expect(await t.app.prisma.office.count()).toBe(OFFICES.length);
    expect(await t.app.prisma.service.count()).toBe(SERVICES.length);
    expect(again.slotRules).toEqual({ total: SLOT_RULES.length, created: 0, updated: 0, deleted: 0 });
    expect(await t.app.prisma.slotRule.count({ where: { active: true } })).toBe(SLOT_RULES.length);
    expect(again.grants).toEqual({ total: DEMO_GRANTS.length, created: 0, updated: 0, deleted: 0 });
  });

  it('seeds the demo grants ACTIVE, and never brings a revoked one back', async () => {
    const id = SEED_IDS.grants.noPhoneElderToGridWorker;
    const grant = await t.app.prisma.grant.findUniqueOrThrow({ where: { id } });
    expect(grant).toMatchObject({ status: 'ACTIVE', consentMethod: 'WITNESSED', granteeId: SEED_IDS.users.gridWorker });
    // A grid-worker grant lasts 90 days (DESIGN.md §4).
    expect(Math.round((grant.validUntil.getTime() - grant.validFrom.getTime()) / 86_400_000)).toBe(90);
    await t.app.prisma.grant.update({ where: { id }, data: { status: 'REVOKED', revokedAt: new Date() } });
    const summary = await seedAll(t.app.prisma, t.resources.pii);
    expect(summary.grants.created).toBe(0);
    expect((await t.app.prisma.grant.findUniqueOrThrow({ where: { id } })).status).toBe('REVOKED');
    await t.app.prisma.grant.update({ where: { id }, data: { status: 'ACTIVE', revokedAt: null } });
  });

  it('seeds a pending invitation and an expired grant beside the two in force', async () => {
    const grants = await t.app.prisma.grant.findMany({ where: { id: { in: Object.values(SEED_IDS.grants) } } });
    const byId = new Map(grants.map((g) => [g.id, g]));
    const now = new Date();
    const pending = byId.get(SEED_IDS.grants.elderlyInvitesNiece)!;
    expect(pending).toMatchObject({ status: 'PENDING', initiatedBy: 'GRANTOR', grantorId: SEED_IDS.users.elderly, granteeId: SEED_IDS.users.clerkHubinStation, acceptedAt: null });
    expect(pending.validUntil.getTime()).toBeGreaterThan(now.getTime());
    const expired = byId.get(SEED_IDS.grants.elderlyToCitizenExpired)!;
    expect(expired).toMatchObject({ status: 'EXPIRED', grantorId: SEED_IDS.users.elderly, granteeId: SEED_IDS.users.citizen });
    expect(expired.validUntil.getTime()).toBeLessThan(now.getTime());
    // The expired one sits beside the son's grant in force: one live grant per pair still holds.
    expect(byId.get(SEED_IDS.grants.elderlyToCitizen)?.status).toBe('ACTIVE');
  });

  it('takes a demo ID number back from an account a verified real-name binding moved it to', async () => {
    const { accessToken, user } = await t.login({ phone: '13700000066' });
    const { name, idNumber } = DEMO_USERS.citizen;
    expect((await t.as(accessToken, { method: 'POST', url: '/api/me/real-name', payload: { name, idNumber } })).statusCode).toBe(200);
    const summary = await seedAll(t.app.prisma, t.resources.pii);
    expect(summary.users.updated).toBe(2);
    const idNumberHash = t.resources.pii.lookupHash('id', idNumber);
    expect(await t.app.prisma.user.findUniqueOrThrow({ where: { idNumberHash } })).toMatchObject({ id: SEED_IDS.users.citizen, name, realNameVerifiedAt: expect.any(Date) });
    expect(await t.app.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ idNumberHash: null, realNameVerifiedAt: null, name: null });
  });

  it('puts an edited slot rule back, but leaves a rule switched off by the hall off', async () => {
    const where = { officeId_serviceId: { officeId: SEED_IDS.offices.countyCenter, serviceId: SEED_IDS.services.marriageRegistration } };
    await t.app.prisma.slotRule.update({ where, data: { capacityPerSlot: 9, active: false } });
    const summary = await seedAll(t.app.prisma, t.resources.pii);
    expect(summary.slotRules).toMatchObject({ updated: 1 });
    expect(await t.app.prisma.slotRule.findUniqueOrThrow({ where })).toMatchObject({ capacityPerSlot: 2, active: false });
    await t.app.prisma.slotRule.update({ where, data: { active: true } });
  });
});
