// Loads the seeds (regions, halls, windows, catalogue, calendar, demo people) into the database.
//
// Idempotent by construction: every row has a fixed key (literal UUID, region code, (office,
// date), (service, position), date), so a run reads what is there, inserts what is missing with
// one INSERT … ON CONFLICT DO NOTHING per table, and updates only rows whose seeded fields differ
// (the table sync of @palm/db, db/src/seed-sync.ts; this file says which rows and fields).
// A second run writes nothing at all — not even updatedAt — and the summary says so. Runtime state the app owns is set
// on insert only and never reset: a window's open/paused state, a user's 长辈版 preferences and
// whether the account is disabled.
//
// Everything runs in one transaction, in foreign-key order, so a failed run leaves nothing half
// seeded, and two processes seeding at once (skipDuplicates) cannot duplicate a row.
import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '@palm/db/client';
import { assertPresent, insertMissing, pickFields, planSync, tableSync, type Pii, type TableSync } from '@palm/db';
import { CALENDAR_DAYS, CALENDAR_RANGE } from './data/calendar';
import { DEMO_GRANTS, type DemoGrant } from './data/grants';
import { seedGridGrants, seedGridTasks } from './grid';
import { seedGuideVersions } from './guide-versions';
import { seedLicencePurposes, seedLicences } from './licences';
import { seedFeedbackDemo, seedRatingReasons } from './reports';
import { OFFICES } from './data/offices';
import { ALL_DEMO_USERS, REAL_NAME_VERIFIED_AT } from './data/people';
import { REGIONS } from './data/regions';
import { SERVICES } from './data/services';
import { SLOT_RULES } from './data/slot-rules';

export { SEED_IDS, OFFICE_IDS, COUNTER_IDS, SERVICE_IDS, USER_IDS, GRANT_IDS } from './data/ids';
export { DEMO_GRANTS } from './data/grants';
export { DEMO_LICENCES, DEMO_LICENCE_IDS, DEMO_BUSINESS, LICENCE_PURPOSES } from './data/licences';
export type { DemoLicence, SeedLicencePurpose } from './data/licences';
export { GRID_GRANTS, GRID_GRANT_IDS, GRID_TASKS, GRID_TASK_IDS } from './data/grid';
export type { GridDemoGrant, GridDemoTask } from './data/grid';
export type { OfficeKey, CounterKey, ServiceKey, UserKey } from './data/ids';
export { REGIONS, REGION_CODES, COUNTY_DIVISION_CODE, COUNTY_BBOX } from './data/regions';
export { OFFICES, officeByKey } from './data/offices';
export { SERVICES, serviceByKey } from './data/services';
export { CALENDAR_DAYS, CALENDAR_RANGE } from './data/calendar';
export { CalendarFileError, checkCalendarDays, loadCalendarYear, parseCalendarYear } from './calendar-file';
export type { CalendarLoadSummary, CalendarYearFile } from './calendar-file';
export { SLOT_RULES } from './data/slot-rules';
export type { SeedSlotRule, SeedDayTemplate, SeedWeekTemplate } from './data/slot-rules';
export { DEMO_USERS, DEMO_PHONES, HALL_CLERKS, CLERK_BY_OFFICE, GRID_RESIDENTS, ALL_DEMO_USERS, buildResidentId } from './data/people';
export type { DemoUser } from './data/people';
export { feeProblems, validateSeedData, SEARCH_EXPECTATIONS } from './validate';

export interface SeedSummary {
  regions: TableSync;
  offices: TableSync;
  officeExceptions: TableSync;
  users: TableSync;
  counters: TableSync;
  services: TableSync;
  serviceMaterials: TableSync;
  /** The row of each service's current guide version (guide-versions.ts). */
  guideVersions: TableSync;
  officeServices: TableSync;
  calendarDays: TableSync;
  slotRules: TableSync;
  grants: TableSync;
  /** The grid worker's demo: the residents' grants and door-to-door tasks (grid.ts). */
  gridGrants: TableSync;
  gridTasks: TableSync;
  /** 用证事由 and what each discloses (data, synced), and the demo people's e-licences (insert-only). */
  licencePurposes: TableSync;
  licences: TableSync;
  /** 好差评 reasons, and the 办不成事 / 好差评 demo (reports.ts). */
  ratingReasons?: TableSync;
  reports?: TableSync;
  ratings?: TableSync;
  /** Rows written in all (created + updated + deleted); 0 on a re-run. */
  changes: number;
  ms: number;
}

export interface SeedOptions {
  log?: (msg: string) => void;
  /**
   * Seed the demo people (default true). Demo accounts must never reach production (DESIGN.md §2):
   * with false, only places, catalogue and calendar are loaded and no window gets a clerk.
   */
  demoUsers?: boolean;
  /**
   * The instant the grid demo's relative times count from (grid.ts): the app's clock, so a demo
   * clock pinned days back still sees its grants in force and its tasks ahead. Default: now.
   */
  now?: Date;
}

type Tx = Prisma.TransactionClient;
type Row = Record<string, unknown>;

// ───────────────────────────── helpers ─────────────────────────────

const date = (isoDate: string) => new Date(`${isoDate}T00:00:00.000Z`);
/** Readonly seed arrays into the mutable JSON input type Prisma wants (a plain deep copy). */
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

// ───────────────────────────── tables ─────────────────────────────

async function seedRegions(tx: Tx): Promise<TableSync> {
  const fields = ['code', 'name', 'level', 'parentCode'] as const;
  // Parents first: not needed by PostgreSQL within one statement, but keeps updates FK-safe.
  const order = { CITY: 0, COUNTY: 1, TOWN: 2, VILLAGE: 3 } as const;
  const desired: Prisma.RegionCreateManyInput[] = [...REGIONS].sort((a, b) => order[a.level] - order[b.level]).map((r) => ({ ...r }));
  const existing = await tx.region.findMany({ where: { code: { in: desired.map((r) => r.code) } } });
  const p = planSync(desired, existing, (r) => String(r.code), fields);
  await insertMissing(tx, 'Region', p.create);
  for (const r of p.update) await tx.region.update({ where: { code: r.code }, data: pickFields(r, fields) });
  return tableSync(desired.length, p);
}

async function seedOffices(tx: Tx): Promise<TableSync> {
  const now = new Date();
  const fields = ['code', 'name', 'level', 'regionCode', 'address', 'lat', 'lng', 'phone', 'weeklyHours', 'openOnHolidays'] as const;
  const desired = OFFICES.map(
    (o) =>
      ({
        id: o.id,
        code: o.code,
        name: o.name,
        level: o.level,
        regionCode: o.regionCode,
        address: o.address,
        lat: o.lat,
        lng: o.lng,
        phone: o.phone,
        weeklyHours: json(o.weeklyHours),
        openOnHolidays: o.openOnHolidays,
      }) satisfies Prisma.OfficeCreateManyInput,
  );
  const ids = desired.map((o) => o.id);
  const existing = await tx.office.findMany({ where: { id: { in: ids } } });
  const p = planSync(desired, existing, (r) => String(r.id), fields);
  if (p.create.length) {
    const count = await insertMissing(tx, 'Office', p.create.map((o) => ({ ...o, createdAt: now, updatedAt: now })));
    if (count < p.create.length) {
      await assertPresent('office', ids, async () => (await tx.office.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((o) => o.id));
    }
  }
  for (const o of p.update) await tx.office.update({ where: { id: o.id }, data: pickFields(o, fields) });
  return tableSync(desired.length, p);
}

async function seedOfficeExceptions(tx: Tx): Promise<TableSync> {
  const fields = ['closed', 'hours', 'note'] as const;
  const desired = OFFICES.flatMap((o) =>
    o.exceptions.map((e) => ({
      officeId: o.id,
      date: date(e.date),
      closed: e.closed,
      hours: e.hours === null ? null : json(e.hours),
      note: e.note,
    })),
  );
  const keyOf = (r: Row) => `${String(r.officeId)}#${(r.date as Date).toISOString()}`;
  const existing = await tx.officeException.findMany({ where: { officeId: { in: OFFICES.map((o) => o.id) } } });
  const p = planSync(desired, existing, keyOf, fields);
  await insertMissing(tx, 'OfficeException', p.create.map((e) => ({ id: randomUUID(), ...e })));
  for (const e of p.update) {
    // Json? columns take Prisma.DbNull for SQL NULL (a bare null is rejected).
    const data = { closed: e.closed, hours: e.hours ?? Prisma.DbNull, note: e.note };
    await tx.officeException.update({ where: { officeId_date: { officeId: e.officeId, date: e.date } }, data });
  }
  // Exceptions an admin added to a seeded hall are left alone: they are dated and do no harm.
  return tableSync(desired.length, p);
}

async function seedUsers(tx: Tx, pii: Pii): Promise<TableSync> {
  const now = new Date();
  const fields = [
    'name',
    'roles',
    'idNumberHash',
    'idNumberMasked',
    'birthDate',
    'sex',
    'realNameVerifiedAt',
    'phoneHash',
    'phoneMasked',
    'officeId',
    'regionCode',
    'gridRegionCode',
    'homeRegionCode',
  ] as const;
  const verifiedAt = new Date(REAL_NAME_VERIFIED_AT);
  const desired = ALL_DEMO_USERS.map((u) => {
    // Encryption uses a random IV, so ciphertexts differ on every run; rows are compared on the
    // deterministic HMACs and masks, and the ciphertext is written only with a changed value.
    const id = pii.protectIdNumber(u.idNumber);
    const phone = u.phone ? pii.protectPhone(u.phone) : { phoneEnc: null, phoneHash: null, phoneMasked: null };
    return {
      id: u.id,
      roles: [...u.roles],
      name: u.name,
      ...id,
      birthDate: date(u.birthDate),
      sex: u.sex,
      realNameVerifiedAt: verifiedAt,
      ...phone,
      officeId: u.officeId,
      regionCode: u.regionCode,
      gridRegionCode: u.gridRegionCode,
      homeRegionCode: u.homeRegionCode,
    } satisfies Prisma.UserCreateManyInput;
  });
  const ids = desired.map((u) => u.id);

  // A demo ID number on another account got there by a verified real-name binding (the demo
  // register confirms the seeded pairs, and a binding moves a number): the seeds take it back the
  // same way, clearing that account's real name, so a demo of the move does not stop the next start.
  const moved = await tx.user.updateMany({
    where: { id: { notIn: ids }, idNumberHash: { in: desired.map((u) => u.idNumberHash) } },
    data: { name: null, idNumberEnc: null, idNumberHash: null, idNumberMasked: null, birthDate: null, sex: null, realNameVerifiedAt: null },
  });

  // A phone already used by a row that is not ours (say, a dev login made before seeding) would
  // make the insert skip silently; name the clash instead.
  const clash = await tx.user.findFirst({
    where: { id: { notIn: ids }, phoneHash: { in: desired.flatMap((u) => (u.phoneHash ? [u.phoneHash] : [])) } },
    select: { id: true, phoneMasked: true },
  });
  if (clash) {
    throw new Error(`seed: user ${clash.id} (${clash.phoneMasked ?? 'no phone'}) already holds a demo phone; reset the database or delete that user, then seed again`);
  }

  const existing = await tx.user.findMany({ where: { id: { in: ids } } });
  const p = planSync(desired, existing, (r) => String(r.id), fields);
  await insertMissing(tx, 'User', p.create.map((u) => ({ ...u, createdAt: now, updatedAt: now })));
  const before = new Map(existing.map((u) => [u.id, u]));
  for (const u of p.update) {
    const old = before.get(u.id);
    const data: Prisma.UserUncheckedUpdateInput = pickFields(u, fields);
    if (old?.idNumberHash !== u.idNumberHash) data.idNumberEnc = u.idNumberEnc;
    if (old?.phoneHash !== u.phoneHash) data.phoneEnc = u.phoneEnc;
    await tx.user.update({ where: { id: u.id }, data });
  }
  const summary = tableSync(desired.length, p);
  return { ...summary, updated: summary.updated + moved.count };
}

async function seedCounters(tx: Tx, withClerks: boolean): Promise<TableSync> {
  const fields = withClerks ? (['officeId', 'number', 'name', 'categories', 'clerkId'] as const) : (['officeId', 'number', 'name', 'categories'] as const);
  const desired = OFFICES.flatMap((o) =>
    o.counters.map(
      (c) =>
        ({
          id: c.id,
          officeId: o.id,
          number: c.number,
          name: c.name,
          categories: [...c.categories],
          clerkId: withClerks ? c.clerkId : null,
          // Insert-only: a window's state belongs to the clerks from then on. Seeded windows start
          // open so a demo at PALM_CLOCK=…09:30 has somewhere to be called to.
          state: 'OPEN',
        }) satisfies Prisma.CounterCreateManyInput,
    ),
  );
  const ids = desired.map((c) => c.id);
  const existing = await tx.counter.findMany({ where: { id: { in: ids } } });
  const p = planSync(desired, existing, (r) => String(r.id), fields);
  if (p.create.length) {
    const count = await insertMissing(tx, 'Counter', p.create);
    if (count < p.create.length) {
      await assertPresent('counter', ids, async () => (await tx.counter.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((c) => c.id));
    }
  }
  for (const c of p.update) await tx.counter.update({ where: { id: c.id }, data: pickFields(c, fields) });
  return tableSync(desired.length, p);
}

async function seedServices(tx: Tx): Promise<TableSync> {
  const now = new Date();
  const fields = [
    'code',
    'name',
    'aliases',
    'department',
    'category',
    'categoryLetter',
    'summary',
    'conditions',
    'process',
    'legalDays',
    'promisedDays',
    'feeFen',
    'feeMaxFen',
    'feeNote',
    'onlineAllowed',
    'proxyAllowed',
    'appointmentRequired',
    'meanHandlingMinutes',
    'legalBasis',
    'popularity',
  ] as const;
  const desired = SERVICES.map((s) => ({ ...pickFields(s, fields), id: s.id }) satisfies Prisma.ServiceCreateManyInput);
  const ids = desired.map((s) => s.id);
  const existing = await tx.service.findMany({ where: { id: { in: ids } } });
  const p = planSync(desired, existing, (r) => String(r.id), fields);
  if (p.create.length) {
    const count = await insertMissing(tx, 'Service', p.create.map((s) => ({ ...s, createdAt: now, updatedAt: now })));
    if (count < p.create.length) {
      await assertPresent('service', ids, async () => (await tx.service.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((s) => s.id));
    }
  }
  for (const s of p.update) await tx.service.update({ where: { id: s.id }, data: pickFields(s, fields) });
  return tableSync(desired.length, p);
}

async function seedServiceMaterials(tx: Tx): Promise<TableSync> {
  const fields = ['name', 'required', 'originals', 'copies', 'licenceType', 'note'] as const;
  const desired = SERVICES.flatMap((s) =>
    s.materials.map((m, position) => ({ serviceId: s.id, position, ...m }) satisfies Prisma.ServiceMaterialCreateManyInput),
  );
  const keyOf = (r: Row) => `${String(r.serviceId)}#${String(r.position)}`;
  const existing = await tx.serviceMaterial.findMany({ where: { serviceId: { in: SERVICES.map((s) => s.id) } } });
  const p = planSync(desired, existing, keyOf, fields);
  await insertMissing(tx, 'ServiceMaterial', p.create.map((m) => ({ id: randomUUID(), ...m })));
  for (const m of p.update) {
    await tx.serviceMaterial.update({ where: { serviceId_position: { serviceId: m.serviceId, position: m.position } }, data: pickFields(m, fields) });
  }
  // A guide is the seed's to define: positions beyond today's list are leftovers of a longer one.
  const staleIds = existing.filter((r) => p.stale.includes(keyOf(r))).map((r) => r.id);
  if (staleIds.length) await tx.serviceMaterial.deleteMany({ where: { id: { in: staleIds } } });
  return tableSync(desired.length, p, staleIds.length);
}

async function seedOfficeServices(tx: Tx): Promise<TableSync> {
  const fields = ['dailyTicketCapacity'] as const;
  const desired = OFFICES.flatMap((o) =>
    o.services.map((s) => ({ officeId: o.id, serviceId: s.serviceId, dailyTicketCapacity: s.dailyTicketCapacity }) satisfies Prisma.OfficeServiceCreateManyInput),
  );
  const keyOf = (r: Row) => `${String(r.officeId)}#${String(r.serviceId)}`;
  const officeIds = OFFICES.map((o) => o.id);
  const serviceIds = SERVICES.map((s) => s.id);
  // Only links between seeded halls and seeded services are the seed's; others are left alone.
  const existing = await tx.officeService.findMany({ where: { officeId: { in: officeIds }, serviceId: { in: serviceIds } } });
  const p = planSync(desired, existing, keyOf, fields);
  await insertMissing(tx, 'OfficeService', p.create);
  for (const l of p.update) {
    await tx.officeService.update({ where: { officeId_serviceId: { officeId: l.officeId, serviceId: l.serviceId } }, data: { dailyTicketCapacity: l.dailyTicketCapacity } });
  }
  const stale = existing.filter((r) => p.stale.includes(keyOf(r)));
  for (const r of stale) await tx.officeService.delete({ where: { officeId_serviceId: { officeId: r.officeId, serviceId: r.serviceId } } });
  return tableSync(desired.length, p, stale.length);
}

async function seedCalendar(tx: Tx): Promise<TableSync> {
  const fields = ['kind', 'name'] as const;
  const desired = CALENDAR_DAYS.map((d) => ({ date: date(d.date), kind: d.kind, name: d.name }) satisfies Prisma.CalendarDayCreateManyInput);
  const keyOf = (r: Row) => (r.date as Date).toISOString();
  const range = { gte: date(CALENDAR_RANGE.from), lte: date(CALENDAR_RANGE.to) };
  const existing = await tx.calendarDay.findMany({ where: { date: range } });
  const p = planSync(desired, existing, keyOf, fields);
  await insertMissing(tx, 'CalendarDay', p.create);
  for (const d of p.update) await tx.calendarDay.update({ where: { date: d.date }, data: pickFields(d, fields) });
  // The official calendar for the seeded years is the seed's alone: a date that is no longer an
  // exception (the package corrected a year) must go, or working-day arithmetic stays wrong.
  let deleted = 0;
  if (p.stale.length) deleted = (await tx.calendarDay.deleteMany({ where: { date: { in: p.stale.map((k) => new Date(k)) } } })).count;
  return tableSync(desired.length, p, deleted);
}

async function seedSlotRules(tx: Tx): Promise<TableSync> {
  const now = new Date();
  const fields = ['weekTemplate', 'breaks', 'slotMinutes', 'capacityPerSlot', 'horizonDays', 'releaseTime', 'adjustedWorkdayWeekday'] as const;
  const desired = SLOT_RULES.map(
    (r) =>
      ({
        officeId: r.officeId,
        serviceId: r.serviceId,
        weekTemplate: json(r.weekTemplate),
        breaks: json(r.breaks),
        slotMinutes: r.slotMinutes,
        capacityPerSlot: r.capacityPerSlot,
        horizonDays: r.horizonDays,
        releaseTime: r.releaseTime,
        adjustedWorkdayWeekday: r.adjustedWorkdayWeekday,
      }) satisfies Prisma.SlotRuleCreateManyInput,
  );
  const keyOf = (r: Row) => `${String(r.officeId)}#${String(r.serviceId)}`;
  const existing = await tx.slotRule.findMany({ where: { officeId: { in: OFFICES.map((o) => o.id) } } });
  const p = planSync(desired, existing, keyOf, fields);
  // `active` is insert-only: switching a rule off is the hall's decision, which a re-seed keeps.
  await insertMissing(tx, 'SlotRule', p.create.map((r) => ({ id: randomUUID(), ...r, active: true, createdAt: now, updatedAt: now })));
  for (const r of p.update) {
    await tx.slotRule.update({ where: { officeId_serviceId: { officeId: r.officeId, serviceId: r.serviceId } }, data: pickFields(r, fields) });
  }
  // Rules an admin added to a seeded hall are left alone, like its dated exceptions.
  return tableSync(desired.length, p);
}

/**
 * The demo grants, insert-only: once there, a grant is its grantor's (revoked, expired or renewed
 * in the app), and a re-seed must not bring a revoked one back to life. Their times are relative
 * to the seeding: in force since a month before (a demo or test clock pinned a few days back still
 * finds them valid), invited two days before, or ended two months before.
 */
const DAY_MS = 86_400_000;
const GRANT_SEEDED_DAYS_AGO = 30;
const INVITED_DAYS_AGO = 2;
const EXPIRED_DAYS_AGO = 60;

function grantTimes(g: DemoGrant, now: Date) {
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  if (g.status === 'PENDING') {
    const validFrom = at(-INVITED_DAYS_AGO);
    return { validFrom, validUntil: at(g.validDays - INVITED_DAYS_AGO), acceptedAt: null, createdAt: validFrom };
  }
  const startedDaysAgo = g.status === 'EXPIRED' ? EXPIRED_DAYS_AGO + g.validDays : GRANT_SEEDED_DAYS_AGO;
  const validFrom = at(-startedDaysAgo);
  return { validFrom, validUntil: at(g.validDays - startedDaysAgo), acceptedAt: validFrom, createdAt: validFrom };
}

async function seedGrants(tx: Tx): Promise<TableSync> {
  const now = new Date();
  const existing = await tx.grant.findMany({ where: { id: { in: DEMO_GRANTS.map((g) => g.id) } }, select: { id: true } });
  const have = new Set(existing.map((g) => g.id));
  const create = DEMO_GRANTS.filter((g) => !have.has(g.id)).map((g) => ({
    id: g.id,
    grantorId: g.grantorId,
    granteeId: g.granteeId,
    relation: g.relation,
    scopes: [...g.scopes],
    serviceIds: [],
    status: g.status,
    initiatedBy: g.initiatedBy,
    consentMethod: g.consentMethod,
    witnessedById: g.witnessedById,
    ...grantTimes(g, now),
    updatedAt: now,
  }));
  if (create.length) await tx.grant.createMany({ data: create });
  return { total: DEMO_GRANTS.length, created: create.length, updated: 0, deleted: 0 };
}

// ───────────────────────────── entry point ─────────────────────────────

const EMPTY: TableSync = { total: 0, created: 0, updated: 0, deleted: 0 };

/** Seeds everything (see the file comment); safe to run any number of times. */
export async function seedAll(prisma: PrismaClient, pii: Pii, opts: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const withUsers = opts.demoUsers ?? true;
  const timings: Record<string, number> = {};
  const timed = async (table: string, run: () => Promise<TableSync>): Promise<TableSync> => {
    const t0 = performance.now();
    const result = await run();
    timings[table] = Math.round(performance.now() - t0);
    return result;
  };
  const tables = await prisma.$transaction(
    async (tx) => {
      const regions = await timed('regions', () => seedRegions(tx));
      const offices = await timed('offices', () => seedOffices(tx));
      const officeExceptions = await timed('officeExceptions', () => seedOfficeExceptions(tx));
      // Users before counters: a clerk belongs to an office, and a window names its clerk.
      const users = withUsers ? await timed('users', () => seedUsers(tx, pii)) : EMPTY;
      const counters = await timed('counters', () => seedCounters(tx, withUsers));
      const services = await timed('services', () => seedServices(tx));
      const serviceMaterials = await timed('serviceMaterials', () => seedServiceMaterials(tx));
      const guideVersions = await timed('guideVersions', () => seedGuideVersions(tx));
      const officeServices = await timed('officeServices', () => seedOfficeServices(tx));
      const calendarDays = await timed('calendarDays', () => seedCalendar(tx));
      const slotRules = await timed('slotRules', () => seedSlotRules(tx));
      const grants = withUsers ? await timed('grants', () => seedGrants(tx)) : EMPTY;
      const gridGrants = withUsers ? await timed('gridGrants', () => seedGridGrants(tx, opts.now ?? new Date())) : EMPTY;
      const gridTasks = withUsers ? await timed('gridTasks', () => seedGridTasks(tx, opts.now ?? new Date())) : EMPTY;
      const licencePurposes = await timed('licencePurposes', () => seedLicencePurposes(tx));
      const licences = withUsers ? await timed('licences', () => seedLicences(tx, pii, opts.now ?? new Date())) : EMPTY;
      return { regions, offices, officeExceptions, users, counters, services, serviceMaterials, guideVersions, officeServices, calendarDays, slotRules, grants, gridGrants, gridTasks, licencePurposes, licences };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  // 办不成事 / 好差评 (reports.ts): after the people and halls, in a transaction of its own.
  const feedback = await prisma.$transaction(async (tx) => {
    const ratingReasons = await timed('ratingReasons', () => seedRatingReasons(tx));
    const demo = withUsers ? await seedFeedbackDemo(tx, opts.now ?? new Date()) : { reports: EMPTY, ratings: EMPTY };
    return { ratingReasons, ...demo };
  });
  Object.assign(tables, feedback);
  const changes = Object.values(tables).reduce((n, t) => n + t.created + t.updated + t.deleted, 0);
  const summary: SeedSummary = { ...tables, changes, ms: Math.round(performance.now() - started) };
  if (opts.log) {
    for (const [table, t] of Object.entries(tables)) {
      opts.log(`seed ${table}: ${t.total} rows (${t.created} created, ${t.updated} updated, ${t.deleted} deleted) in ${timings[table] ?? 0} ms`);
    }
    opts.log(`seed done in ${summary.ms} ms, ${changes} rows written${withUsers ? '' : ' (without demo users)'}`);
  }
  return summary;
}
export { RATING_REASONS, REPORT_IDS, RATING_IDS } from './reports';
