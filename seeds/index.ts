// Loads the seeds (regions, halls, windows, catalogue, calendar, demo people) into the database.
//
// Idempotent by construction: every row has a fixed key (literal UUID, region code, (office,
// date), (service, position), date), so a run reads what is there, inserts what is missing with
// one INSERT … ON CONFLICT DO NOTHING per table, and updates only rows whose seeded fields differ.
// A second run writes nothing at all — not even updatedAt — and the summary says so. Runtime state the app owns is set
// on insert only and never reset: a window's open/paused state, a user's 长辈版 preferences and
// whether the account is disabled.
//
// Everything runs in one transaction, in foreign-key order, so a failed run leaves nothing half
// seeded, and two processes seeding at once (skipDuplicates) cannot duplicate a row.
import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '../bff/src/generated/prisma/client';
import type { Pii } from '../bff/src/lib/crypto';
import { CALENDAR_DAYS, CALENDAR_RANGE } from './data/calendar';
import { DEMO_GRANTS } from './data/grants';
import { OFFICES } from './data/offices';
import { ALL_DEMO_USERS, REAL_NAME_VERIFIED_AT } from './data/people';
import { REGIONS } from './data/regions';
import { SERVICES } from './data/services';
import { SLOT_RULES } from './data/slot-rules';

export { SEED_IDS, OFFICE_IDS, COUNTER_IDS, SERVICE_IDS, USER_IDS, GRANT_IDS } from './data/ids';
export { DEMO_GRANTS } from './data/grants';
export type { OfficeKey, CounterKey, ServiceKey, UserKey } from './data/ids';
export { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS, QUEUE_LETTERS, QUEUE_LETTER_LABELS } from './data/categories';
export type { ServiceCategory, QueueLetter } from './data/categories';
export { REGIONS, REGION_CODES, COUNTY_DIVISION_CODE, COUNTY_BBOX } from './data/regions';
export { OFFICES, officeByKey } from './data/offices';
export { SERVICES, serviceByKey } from './data/services';
export { CALENDAR_DAYS, CALENDAR_RANGE } from './data/calendar';
export { SLOT_RULES } from './data/slot-rules';
export type { SeedSlotRule, SeedDayTemplate, SeedWeekTemplate } from './data/slot-rules';
export { DEMO_USERS, DEMO_PHONES, HALL_CLERKS, CLERK_BY_OFFICE, ALL_DEMO_USERS, buildResidentId } from './data/people';
export type { DemoUser } from './data/people';
export { validateSeedData, SEARCH_EXPECTATIONS } from './validate';

/** What one table's sync did. `total` is the number of seeded rows of that table. */
export interface TableSync {
  total: number;
  created: number;
  updated: number;
  deleted: number;
}

export interface SeedSummary {
  regions: TableSync;
  offices: TableSync;
  officeExceptions: TableSync;
  users: TableSync;
  counters: TableSync;
  services: TableSync;
  serviceMaterials: TableSync;
  officeServices: TableSync;
  calendarDays: TableSync;
  slotRules: TableSync;
  grants: TableSync;
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
}

type Tx = Prisma.TransactionClient;
type Row = Record<string, unknown>;

// ───────────────────────────── diffing ─────────────────────────────

/** A stable text form for comparison: object keys sorted (jsonb reorders them), dates as ISO. */
function canon(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

function normalise(value: unknown): unknown {
  // Date#toJSON runs before the replacer sees the value, so dates already compare as ISO strings.
  return value === undefined ? null : value;
}

interface Plan<T> {
  create: T[];
  update: T[];
  /** Keys present in the database but no longer in the seeds (callers decide whether to delete). */
  stale: string[];
}

function plan<T extends Row>(desired: readonly T[], existing: readonly Row[], keyOf: (r: Row) => string, fields: readonly (keyof T & string)[]): Plan<T> {
  const have = new Map(existing.map((r) => [keyOf(r), r]));
  const want = new Set<string>();
  const out: Plan<T> = { create: [], update: [], stale: [] };
  for (const row of desired) {
    const key = keyOf(row);
    want.add(key);
    const current = have.get(key);
    if (!current) out.create.push(row);
    else if (fields.some((f) => canon(normalise(row[f])) !== canon(normalise(current[f])))) out.update.push(row);
  }
  for (const key of have.keys()) if (!want.has(key)) out.stale.push(key);
  return out;
}

function pick<T extends object, K extends keyof T>(row: T, fields: readonly K[]): Pick<T, K> {
  return Object.fromEntries(fields.map((f) => [f, row[f]])) as Pick<T, K>;
}

/**
 * Inserts the rows that are missing, skipping any that appeared meanwhile (a concurrent seeder):
 * the createMany(skipDuplicates) of Prisma as one SQL statement. Prisma 7's createMany spends
 * about 10 ms per row building its query (measured on a loaded 2-core box: 37 services ≈ 400 ms,
 * warm), which alone
 * would blow the seed budget; this is a few milliseconds per table. The rows are still typed
 * against Prisma's CreateManyInput where they are built, and JSON keys map to columns by name
 * (the schema has no @map), so a renamed field fails the type check, not at run time.
 */
async function insertMissing(tx: Tx, table: Prisma.ModelName, rows: readonly Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const quote = (name: string) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`seed: unexpected identifier ${name}`);
    return `"${name}"`;
  };
  const list = columns.map(quote).join(', ');
  // Every listed column is written for every row (an absent key as NULL, which would bypass a
  // column default), so all rows of one table are built by one constructor with the same keys.
  const payload = JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))));
  return tx.$executeRawUnsafe(
    `INSERT INTO ${quote(table)} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${quote(table)}, $1::jsonb) ON CONFLICT DO NOTHING`,
    payload,
  );
}

/**
 * After an insert that skips conflicts: a row skipped because *another* unique key (office code,
 * phone hash, …) is taken by a foreign row would leave its fixed id missing, and every later
 * foreign key would fail obscurely. Check and say which.
 */
async function assertPresent(table: string, wanted: readonly string[], present: () => Promise<string[]>): Promise<void> {
  const have = new Set(await present());
  const missing = wanted.filter((k) => !have.has(k));
  if (missing.length) {
    throw new Error(
      `seed: ${table} ${missing.join(', ')} could not be inserted: another row already holds one of its unique values ` +
        '(reset the database, or remove the conflicting row)',
    );
  }
}

const date = (isoDate: string) => new Date(`${isoDate}T00:00:00.000Z`);
/** Readonly seed arrays into the mutable JSON input type Prisma wants (a plain deep copy). */
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
const sync = (total: number, p: Plan<unknown>, deleted = 0): TableSync => ({ total, created: p.create.length, updated: p.update.length, deleted });

// ───────────────────────────── tables ─────────────────────────────

async function seedRegions(tx: Tx): Promise<TableSync> {
  const fields = ['code', 'name', 'level', 'parentCode'] as const;
  // Parents first: not needed by PostgreSQL within one statement, but keeps updates FK-safe.
  const order = { CITY: 0, COUNTY: 1, TOWN: 2, VILLAGE: 3 } as const;
  const desired: Prisma.RegionCreateManyInput[] = [...REGIONS].sort((a, b) => order[a.level] - order[b.level]).map((r) => ({ ...r }));
  const existing = await tx.region.findMany({ where: { code: { in: desired.map((r) => r.code) } } });
  const p = plan(desired, existing, (r) => String(r.code), fields);
  await insertMissing(tx, 'Region', p.create);
  for (const r of p.update) await tx.region.update({ where: { code: r.code }, data: pick(r, fields) });
  return sync(desired.length, p);
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
  const p = plan(desired, existing, (r) => String(r.id), fields);
  if (p.create.length) {
    const count = await insertMissing(tx, 'Office', p.create.map((o) => ({ ...o, createdAt: now, updatedAt: now })));
    if (count < p.create.length) {
      await assertPresent('office', ids, async () => (await tx.office.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((o) => o.id));
    }
  }
  for (const o of p.update) await tx.office.update({ where: { id: o.id }, data: pick(o, fields) });
  return sync(desired.length, p);
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
  const p = plan(desired, existing, keyOf, fields);
  await insertMissing(tx, 'OfficeException', p.create.map((e) => ({ id: randomUUID(), ...e })));
  for (const e of p.update) {
    // Json? columns take Prisma.DbNull for SQL NULL (a bare null is rejected).
    const data = { closed: e.closed, hours: e.hours ?? Prisma.DbNull, note: e.note };
    await tx.officeException.update({ where: { officeId_date: { officeId: e.officeId, date: e.date } }, data });
  }
  // Exceptions an admin added to a seeded hall are left alone: they are dated and do no harm.
  return sync(desired.length, p);
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
  const p = plan(desired, existing, (r) => String(r.id), fields);
  await insertMissing(tx, 'User', p.create.map((u) => ({ ...u, createdAt: now, updatedAt: now })));
  const before = new Map(existing.map((u) => [u.id, u]));
  for (const u of p.update) {
    const old = before.get(u.id);
    const data: Prisma.UserUncheckedUpdateInput = pick(u, fields);
    if (old?.idNumberHash !== u.idNumberHash) data.idNumberEnc = u.idNumberEnc;
    if (old?.phoneHash !== u.phoneHash) data.phoneEnc = u.phoneEnc;
    await tx.user.update({ where: { id: u.id }, data });
  }
  const summary = sync(desired.length, p);
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
  const p = plan(desired, existing, (r) => String(r.id), fields);
  if (p.create.length) {
    const count = await insertMissing(tx, 'Counter', p.create);
    if (count < p.create.length) {
      await assertPresent('counter', ids, async () => (await tx.counter.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((c) => c.id));
    }
  }
  for (const c of p.update) await tx.counter.update({ where: { id: c.id }, data: pick(c, fields) });
  return sync(desired.length, p);
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
    'feeNote',
    'onlineAllowed',
    'proxyAllowed',
    'appointmentRequired',
    'meanHandlingMinutes',
    'legalBasis',
    'popularity',
  ] as const;
  const desired = SERVICES.map((s) => ({ ...pick(s, fields), id: s.id }) satisfies Prisma.ServiceCreateManyInput);
  const ids = desired.map((s) => s.id);
  const existing = await tx.service.findMany({ where: { id: { in: ids } } });
  const p = plan(desired, existing, (r) => String(r.id), fields);
  if (p.create.length) {
    const count = await insertMissing(tx, 'Service', p.create.map((s) => ({ ...s, createdAt: now, updatedAt: now })));
    if (count < p.create.length) {
      await assertPresent('service', ids, async () => (await tx.service.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((s) => s.id));
    }
  }
  for (const s of p.update) await tx.service.update({ where: { id: s.id }, data: pick(s, fields) });
  return sync(desired.length, p);
}

async function seedServiceMaterials(tx: Tx): Promise<TableSync> {
  const fields = ['name', 'required', 'originals', 'copies', 'licenceType', 'note'] as const;
  const desired = SERVICES.flatMap((s) =>
    s.materials.map((m, position) => ({ serviceId: s.id, position, ...m }) satisfies Prisma.ServiceMaterialCreateManyInput),
  );
  const keyOf = (r: Row) => `${String(r.serviceId)}#${String(r.position)}`;
  const existing = await tx.serviceMaterial.findMany({ where: { serviceId: { in: SERVICES.map((s) => s.id) } } });
  const p = plan(desired, existing, keyOf, fields);
  await insertMissing(tx, 'ServiceMaterial', p.create.map((m) => ({ id: randomUUID(), ...m })));
  for (const m of p.update) {
    await tx.serviceMaterial.update({ where: { serviceId_position: { serviceId: m.serviceId, position: m.position } }, data: pick(m, fields) });
  }
  // A guide is the seed's to define: positions beyond today's list are leftovers of a longer one.
  const staleIds = existing.filter((r) => p.stale.includes(keyOf(r))).map((r) => r.id);
  if (staleIds.length) await tx.serviceMaterial.deleteMany({ where: { id: { in: staleIds } } });
  return sync(desired.length, p, staleIds.length);
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
  const p = plan(desired, existing, keyOf, fields);
  await insertMissing(tx, 'OfficeService', p.create);
  for (const l of p.update) {
    await tx.officeService.update({ where: { officeId_serviceId: { officeId: l.officeId, serviceId: l.serviceId } }, data: { dailyTicketCapacity: l.dailyTicketCapacity } });
  }
  const stale = existing.filter((r) => p.stale.includes(keyOf(r)));
  for (const r of stale) await tx.officeService.delete({ where: { officeId_serviceId: { officeId: r.officeId, serviceId: r.serviceId } } });
  return sync(desired.length, p, stale.length);
}

async function seedCalendar(tx: Tx): Promise<TableSync> {
  const fields = ['kind', 'name'] as const;
  const desired = CALENDAR_DAYS.map((d) => ({ date: date(d.date), kind: d.kind, name: d.name }) satisfies Prisma.CalendarDayCreateManyInput);
  const keyOf = (r: Row) => (r.date as Date).toISOString();
  const range = { gte: date(CALENDAR_RANGE.from), lte: date(CALENDAR_RANGE.to) };
  const existing = await tx.calendarDay.findMany({ where: { date: range } });
  const p = plan(desired, existing, keyOf, fields);
  await insertMissing(tx, 'CalendarDay', p.create);
  for (const d of p.update) await tx.calendarDay.update({ where: { date: d.date }, data: pick(d, fields) });
  // The official calendar for the seeded years is the seed's alone: a date that is no longer an
  // exception (the package corrected a year) must go, or working-day arithmetic stays wrong.
  let deleted = 0;
  if (p.stale.length) deleted = (await tx.calendarDay.deleteMany({ where: { date: { in: p.stale.map((k) => new Date(k)) } } })).count;
  return sync(desired.length, p, deleted);
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
  const p = plan(desired, existing, keyOf, fields);
  // `active` is insert-only: switching a rule off is the hall's decision, which a re-seed keeps.
  await insertMissing(tx, 'SlotRule', p.create.map((r) => ({ id: randomUUID(), ...r, active: true, createdAt: now, updatedAt: now })));
  for (const r of p.update) {
    await tx.slotRule.update({ where: { officeId_serviceId: { officeId: r.officeId, serviceId: r.serviceId } }, data: pick(r, fields) });
  }
  // Rules an admin added to a seeded hall are left alone, like its dated exceptions.
  return sync(desired.length, p);
}

/**
 * The demo grants, insert-only: once there, a grant is its grantor's (revoked, expired or renewed
 * in the app), and a re-seed must not bring a revoked one back to life.
 */
const DAY_MS = 86_400_000;
const GRANT_SEEDED_DAYS_AGO = 30;

async function seedGrants(tx: Tx): Promise<TableSync> {
  const now = new Date();
  const existing = await tx.grant.findMany({ where: { id: { in: DEMO_GRANTS.map((g) => g.id) } }, select: { id: true } });
  const have = new Set(existing.map((g) => g.id));
  const create = DEMO_GRANTS.filter((g) => !have.has(g.id)).map(({ validDays, scopes, ...g }) => ({
    ...g,
    scopes: [...scopes],
    serviceIds: [],
    status: 'ACTIVE' as const,
    // In force since a month before the seeding (a demo or test clock pinned a few days back still
    // finds them valid), for the grant's usual length from then.
    validFrom: new Date(now.getTime() - GRANT_SEEDED_DAYS_AGO * DAY_MS),
    validUntil: new Date(now.getTime() + (validDays - GRANT_SEEDED_DAYS_AGO) * DAY_MS),
    acceptedAt: now,
    createdAt: now,
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
      const officeServices = await timed('officeServices', () => seedOfficeServices(tx));
      const calendarDays = await timed('calendarDays', () => seedCalendar(tx));
      const slotRules = await timed('slotRules', () => seedSlotRules(tx));
      const grants = withUsers ? await timed('grants', () => seedGrants(tx)) : EMPTY;
      return { regions, offices, officeExceptions, users, counters, services, serviceMaterials, officeServices, calendarDays, slotRules, grants };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
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
