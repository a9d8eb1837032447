// Integrity checks over the seed data, without a database: a test calls validateSeedData() and
// expects []. Each message names the row and the rule, so a broken edit is found from the test
// output alone. The rules are the ones the app relies on — a service whose queue letter no window
// calls would issue tickets nobody serves; an office without services is unreachable in search.
import { distanceMeters, hoursOn, isValidMobile, isValidResidentId, parseResidentId, parseSlotRule, planSlots, QUEUE_LETTERS, SERVICE_CATEGORY_KEYS, type WeeklyHours as HallWeek, WorkingCalendar } from '@palm/shared';
import { CALENDAR_DAYS, CALENDAR_EXPECTATIONS, CALENDAR_RANGE } from './data/calendar';
import { DEMO_GRANTS } from './data/grants';
import { GRID_GRANTS, GRID_TASKS } from './data/grid';
import { COUNTER_IDS, OFFICE_IDS, SERVICE_IDS, USER_IDS, type ServiceKey } from './data/ids';
import { OFFICES, type TimeRange } from './data/offices';
import { ALL_DEMO_USERS, CLERK_BY_OFFICE, DEMO_PHONES, DEMO_USERS } from './data/people';
import { COUNTY_BBOX, COUNTY_DIVISION_CODE, REGIONS, REGION_CODES } from './data/regions';
import { SERVICES } from './data/services';
import { SLOT_RULES } from './data/slot-rules';

/** Every hall must be within this distance of the county centre ("clustered within ~30 km"). */
const MAX_DISTANCE_FROM_CENTRE_M = 30_000;
/** Birth dates are checked against a fixed day so the data does not "expire" in a future year. */
const REFERENCE_DATE = '2026-11-23';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const LANDLINE = /^0\d{2,3}-\d{7,8}$/;

/**
 * What a keyword search over name + aliases + department must find. The BFF search tests can
 * reuse it: each query must return (at least) these services.
 */
export const SEARCH_EXPECTATIONS: Readonly<Record<string, readonly ServiceKey[]>> = {
  社保: ['socialSecurityCardApply', 'residentPensionEnrolment', 'benefitEligibilityCheck'],
  社保卡: ['socialSecurityCardApply', 'socialSecurityCardReplace'],
  退休: ['employeeRetirement'],
  营业执照: ['individualBusinessRegistration', 'companyRegistration', 'businessChangeRegistration', 'businessDeregistration'],
  办执照: ['individualBusinessRegistration', 'companyRegistration'],
  身份证: ['residentIdRenewal', 'residentIdReissue'],
  医保: ['residentMedicalEnrolment', 'crossRegionMedicalFiling', 'medicalInsuranceTransfer'],
  公积金: ['housingFundWithdrawal', 'housingFundLoan', 'housingFundDepositRegistration'],
  低保: ['minimumLivingAllowance'],
  补贴: ['oldAgeAllowance', 'elderlyCareSubsidy', 'disabilityTwoSubsidies'],
  户口: ['birthRegistration', 'householdMigration'],
  户籍: ['birthRegistration', 'householdMigration'],
  结婚: ['marriageRegistration'],
  残疾: ['disabilityCertificate', 'disabilityTwoSubsidies'],
  老年: ['seniorPreferentialCard'],
};

function matchesKeyword(s: (typeof SERVICES)[number], q: string): boolean {
  return s.name.includes(q) || s.department.includes(q) || s.aliases.some((a) => a.includes(q));
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

function checkRanges(where: string, ranges: readonly TimeRange[], problems: string[]): void {
  let previousEnd = '';
  for (const [open, close] of ranges) {
    if (!HHMM.test(open) || !HHMM.test(close)) problems.push(`${where}: bad time ${open}–${close}`);
    else if (open >= close) problems.push(`${where}: ${open}–${close} ends before it starts`);
    else if (previousEnd && open < previousEnd) problems.push(`${where}: ${open}–${close} overlaps the range before`);
    previousEnd = close;
  }
}

/** Every amount a fee note names in 元, in fen: "工本费20元；…40元" → [2000, 4000]. */
function amountsNamed(note: string | null): number[] {
  return [...(note ?? '').matchAll(/(\d+(?:\.\d+)?)\s*元/g)].map((m) => Math.round(Number(m[1]) * 100));
}

/**
 * The figure shown must be the one the note gives: a fee above 0 is named in its note, and a note
 * naming several amounts makes the fee a range (feeFen–feeMaxFen) whose two ends it names, so the
 * guide never shows "20元" above a note that says 20 or 40.
 */
export function feeProblems(s: { feeFen: number; feeMaxFen: number | null; feeNote: string | null }): string[] {
  const problems: string[] = [];
  const named = new Set(amountsNamed(s.feeNote));
  if (s.feeMaxFen !== null && (!Number.isInteger(s.feeMaxFen) || s.feeMaxFen <= s.feeFen)) problems.push('feeMaxFen must be whole fen above feeFen (null for one figure)');
  if (named.size > 1 && s.feeMaxFen === null) problems.push(`the fee note names ${named.size} amounts but the fee is one figure (set feeMaxFen)`);
  if (s.feeFen > 0 && !named.has(s.feeFen)) problems.push(`the fee note does not name ${s.feeFen / 100}元`);
  if (s.feeMaxFen !== null && !named.has(s.feeMaxFen)) problems.push(`the fee note does not name the highest fee ${s.feeMaxFen / 100}元`);
  return problems;
}

/** Problems found in the seed data; [] when everything holds. */
export function validateSeedData(): string[] {
  const problems: string[] = [];
  const regionByCode = new Map(REGIONS.map((r) => [r.code, r]));
  const serviceById = new Map(SERVICES.map((s) => [s.id, s]));
  const letters = new Set<string>(QUEUE_LETTERS.map((q) => q.letter));
  const categories = new Set<string>(SERVICE_CATEGORY_KEYS);

  // ── ids ──
  const allIds = [...Object.values(OFFICE_IDS), ...Object.values(COUNTER_IDS), ...Object.values(SERVICE_IDS), ...Object.values(USER_IDS)];
  for (const id of allIds) if (!UUID.test(id)) problems.push(`id ${id} is not a well-formed UUID`);
  for (const id of duplicates(allIds)) problems.push(`id ${id} is used twice`);

  // ── regions ──
  const levelBelow = { CITY: null, COUNTY: 'CITY', TOWN: 'COUNTY', VILLAGE: 'TOWN' } as const;
  for (const id of duplicates(REGIONS.map((r) => r.code))) problems.push(`region ${id} is listed twice`);
  for (const r of REGIONS) {
    if (!/^\d{12}$/.test(r.code)) problems.push(`region ${r.code} ${r.name}: code is not 12 digits`);
    const parentLevel = levelBelow[r.level];
    if (parentLevel === null) {
      if (r.parentCode !== null) problems.push(`region ${r.code} ${r.name}: a city has no parent here`);
      continue;
    }
    const parent = r.parentCode ? regionByCode.get(r.parentCode) : undefined;
    if (!parent) problems.push(`region ${r.code} ${r.name}: parent ${r.parentCode} missing`);
    else if (parent.level !== parentLevel) problems.push(`region ${r.code} ${r.name}: parent is ${parent.level}, expected ${parentLevel}`);
    else {
      // A statistical code starts with its parent's significant digits (4 city, 6 county, 9 town).
      const prefix = { CITY: 4, COUNTY: 6, TOWN: 9, VILLAGE: 12 }[parent.level];
      if (!r.code.startsWith(parent.code.slice(0, prefix))) problems.push(`region ${r.code} ${r.name}: code does not extend its parent ${parent.code}`);
    }
  }
  if (REGION_CODES.county.slice(0, 6) !== COUNTY_DIVISION_CODE) problems.push('county region code and COUNTY_DIVISION_CODE disagree');
  for (const level of ['CITY', 'COUNTY', 'TOWN', 'VILLAGE'] as const) {
    if (!REGIONS.some((r) => r.level === level)) problems.push(`no region at level ${level}`);
  }

  // ── services ──
  for (const c of duplicates(SERVICES.map((s) => s.code))) problems.push(`service code ${c} is used twice`);
  for (const k of duplicates(SERVICES.map((s) => s.key))) problems.push(`service key ${k} is used twice`);
  if (SERVICES.length < 30) problems.push(`only ${SERVICES.length} services (want ≥ 30)`);
  const countyCentre = OFFICES.find((o) => o.level === 'COUNTY_CENTER');
  const countyLetters = new Set(countyCentre?.counters.flatMap((c) => c.categories) ?? []);
  for (const s of SERVICES) {
    const at = `service ${s.code} ${s.name}`;
    if (s.id !== SERVICE_IDS[s.key]) problems.push(`${at}: id does not match SERVICE_IDS.${s.key}`);
    if (!s.code.startsWith(`${COUNTY_DIVISION_CODE}0000-`)) problems.push(`${at}: code does not start with the county code`);
    if (!categories.has(s.category)) problems.push(`${at}: unknown category ${s.category}`);
    if (!letters.has(s.categoryLetter)) problems.push(`${at}: unknown queue letter ${s.categoryLetter}`);
    if (!countyLetters.has(s.categoryLetter)) problems.push(`${at}: no county-centre window calls letter ${s.categoryLetter}`);
    if (s.materials.length < 2 || s.materials.length > 6) problems.push(`${at}: ${s.materials.length} materials (want 2–6)`);
    if (!s.materials.some((mat) => mat.required)) problems.push(`${at}: no required material`);
    for (const mat of s.materials) {
      if (mat.originals < 0 || mat.copies < 0 || mat.originals + mat.copies < 1) problems.push(`${at}: material ${mat.name} has no original or copy`);
    }
    for (const n of duplicates(s.materials.map((mat) => mat.name))) problems.push(`${at}: material ${n} listed twice`);
    if (s.conditions.length < 2 || s.conditions.length > 6) problems.push(`${at}: ${s.conditions.length} conditions (want 2–6)`);
    if (s.process.length < 3) problems.push(`${at}: only ${s.process.length} process steps`);
    if (!Number.isInteger(s.legalDays) || !Number.isInteger(s.promisedDays) || s.promisedDays < 0) problems.push(`${at}: time limits must be whole working days`);
    if (s.promisedDays > s.legalDays) problems.push(`${at}: promised ${s.promisedDays} > legal ${s.legalDays} days`);
    if (!Number.isInteger(s.feeFen) || s.feeFen < 0) problems.push(`${at}: fee must be whole fen ≥ 0`);
    if (s.feeFen > 0 && !s.feeNote) problems.push(`${at}: a fee needs a feeNote`);
    problems.push(...feeProblems(s).map((p) => `${at}: ${p}`));
    if (s.meanHandlingMinutes < 5 || s.meanHandlingMinutes > 40) problems.push(`${at}: meanHandlingMinutes ${s.meanHandlingMinutes} outside 5–40`);
    if (s.legalBasis.length === 0 || s.legalBasis.some((b) => !b.startsWith('《'))) problems.push(`${at}: legal basis must cite laws by their 《title》`);
    if (s.aliases.length < 3) problems.push(`${at}: fewer than 3 search aliases`);
    if (s.popularity <= 0) problems.push(`${at}: popularity must be > 0`);
  }
  for (const [q, keys] of Object.entries(SEARCH_EXPECTATIONS)) {
    for (const key of keys) {
      const s = SERVICES.find((x) => x.key === key);
      if (!s || !matchesKeyword(s, q)) problems.push(`search "${q}" does not find ${key}`);
    }
  }

  // ── offices, counters, offerings ──
  for (const c of duplicates(OFFICES.map((o) => o.code))) problems.push(`office code ${c} is used twice`);
  const counts = { COUNTY_CENTER: 0, TOWN_CENTER: 0, VILLAGE_STATION: 0, CITY_CENTER: 0 };
  const regionLevelOf = { CITY_CENTER: 'CITY', COUNTY_CENTER: 'COUNTY', TOWN_CENTER: 'TOWN', VILLAGE_STATION: 'VILLAGE' } as const;
  const counterRange = { CITY_CENTER: [8, 40], COUNTY_CENTER: [8, 30], TOWN_CENTER: [3, 4], VILLAGE_STATION: [1, 2] } as const;
  for (const o of OFFICES) {
    const at = `office ${o.name}`;
    counts[o.level] += 1;
    if (o.id !== OFFICE_IDS[o.key]) problems.push(`${at}: id does not match OFFICE_IDS.${o.key}`);
    const region = regionByCode.get(o.regionCode);
    if (!region) problems.push(`${at}: region ${o.regionCode} missing`);
    else if (region.level !== regionLevelOf[o.level]) problems.push(`${at}: a ${o.level} in a ${region.level} region`);
    if (o.lat < COUNTY_BBOX.minLat || o.lat > COUNTY_BBOX.maxLat || o.lng < COUNTY_BBOX.minLng || o.lng > COUNTY_BBOX.maxLng) {
      problems.push(`${at}: (${o.lat}, ${o.lng}) outside the county's box`);
    }
    if (countyCentre && distanceMeters(o, countyCentre) > MAX_DISTANCE_FROM_CENTRE_M) problems.push(`${at}: more than 30 km from the county centre`);
    if (!LANDLINE.test(o.phone)) problems.push(`${at}: phone ${o.phone} is not a landline like 0702-6212345`);
    const weekdays = Object.keys(o.weeklyHours).sort().join('');
    if (weekdays !== '1234567') problems.push(`${at}: weeklyHours must have keys 1–7`);
    for (const [day, ranges] of Object.entries(o.weeklyHours)) checkRanges(`${at} weekday ${day}`, ranges, problems);
    if (!Object.values(o.weeklyHours).some((r) => r.length > 0)) problems.push(`${at}: never open`);
    for (const d of duplicates(o.exceptions.map((e) => e.date))) problems.push(`${at}: two exceptions on ${d}`);
    for (const e of o.exceptions) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(e.date) || Number.isNaN(Date.parse(e.date))) problems.push(`${at}: exception date ${e.date} is not YYYY-MM-DD`);
      if (e.closed !== (e.hours === null)) problems.push(`${at}: exception ${e.date} must have hours exactly when open`);
      if (e.hours) checkRanges(`${at} exception ${e.date}`, e.hours, problems);
    }
    const [minCounters, maxCounters] = counterRange[o.level];
    if (o.counters.length < minCounters || o.counters.length > maxCounters) problems.push(`${at}: ${o.counters.length} windows (want ${minCounters}–${maxCounters})`);
    for (const n of duplicates(o.counters.map((c) => String(c.number)))) problems.push(`${at}: window ${n} numbered twice`);
    for (const c of o.counters) {
      if (c.id !== COUNTER_IDS[c.key]) problems.push(`${at} window ${c.number}: id does not match COUNTER_IDS.${c.key}`);
      if (c.categories.length === 0) problems.push(`${at} window ${c.number}: serves no letter`);
      if (c.clerkId) {
        const clerk = ALL_DEMO_USERS.find((u) => u.id === c.clerkId);
        if (!clerk) problems.push(`${at} window ${c.number}: clerk ${c.clerkId} is not a demo user`);
        else if (!clerk.roles.includes('CLERK') || clerk.officeId !== o.id) problems.push(`${at} window ${c.number}: ${clerk.name} is not a clerk of this hall`);
      }
    }
    if (!o.counters.some((c) => c.clerkId)) problems.push(`${at}: no clerk on any window`);
    if (CLERK_BY_OFFICE[o.key].officeId !== o.id) problems.push(`${at}: CLERK_BY_OFFICE.${o.key} works elsewhere`);
    if (o.services.length === 0) problems.push(`${at}: offers no service`);
    for (const id of duplicates(o.services.map((s) => s.serviceId))) problems.push(`${at}: offers ${id} twice`);
    const hallLetters = new Set(o.counters.flatMap((c) => c.categories));
    for (const os of o.services) {
      const s = serviceById.get(os.serviceId);
      if (!s) problems.push(`${at}: offers unknown service ${os.serviceId}`);
      else if (!hallLetters.has(s.categoryLetter)) problems.push(`${at}: offers ${s.name} but no window calls ${s.categoryLetter}`);
      if (!Number.isInteger(os.dailyTicketCapacity) || os.dailyTicketCapacity < 1) problems.push(`${at}: bad capacity for ${os.serviceKey}`);
    }
    if (o.level === 'COUNTY_CENTER' && o.services.length !== SERVICES.length) problems.push(`${at}: the county centre must offer every service`);
  }
  if (counts.COUNTY_CENTER !== 1) problems.push(`${counts.COUNTY_CENTER} county centres (want 1)`);
  if (counts.TOWN_CENTER < 4) problems.push(`${counts.TOWN_CENTER} town centres (want ≥ 4)`);
  if (counts.VILLAGE_STATION < 8) problems.push(`${counts.VILLAGE_STATION} village stations (want ≥ 8)`);
  if (!OFFICES.some((o) => o.exceptions.some((e) => e.closed))) problems.push('no hall has a dated closure');
  if (!OFFICES.some((o) => o.exceptions.some((e) => !e.closed && new Date(`${e.date}T00:00:00Z`).getUTCDay() === 6))) problems.push('no hall has an extended Saturday');

  // ── people ──
  for (const id of duplicates(ALL_DEMO_USERS.map((u) => u.id))) problems.push(`user id ${id} is used twice`);
  for (const n of duplicates(ALL_DEMO_USERS.map((u) => u.idNumber))) problems.push(`ID number of ${n.slice(0, 6)}… is used twice`);
  for (const p of duplicates(ALL_DEMO_USERS.flatMap((u) => (u.phone ? [u.phone] : [])))) problems.push(`phone ${p} is used twice`);
  for (const u of ALL_DEMO_USERS) {
    const at = `user ${u.name}`;
    if (u.id !== USER_IDS[u.key]) problems.push(`${at}: id does not match USER_IDS.${u.key}`);
    if (!isValidResidentId(u.idNumber, REFERENCE_DATE)) problems.push(`${at}: ID number is not valid`);
    const info = parseResidentId(u.idNumber, REFERENCE_DATE);
    if (info && (info.birthDate !== u.birthDate || info.sex !== u.sex)) problems.push(`${at}: birth date or sex disagrees with the ID number`);
    if (info && info.regionCode !== COUNTY_DIVISION_CODE) problems.push(`${at}: ID number is not from the seeded county`);
    if (u.phone !== null && !isValidMobile(u.phone)) problems.push(`${at}: phone is not a mobile number`);
    if (!u.roles.includes('CITIZEN')) problems.push(`${at}: every person is a CITIZEN too`);
    if (!regionByCode.has(u.homeRegionCode)) problems.push(`${at}: home region ${u.homeRegionCode} missing`);
    const postedToOffice = u.roles.includes('CLERK') || u.roles.includes('MANAGER');
    if (postedToOffice !== (u.officeId !== null)) problems.push(`${at}: clerks and hall managers, and only they, have an office`);
    if (u.officeId && !OFFICES.some((o) => o.id === u.officeId)) problems.push(`${at}: office ${u.officeId} missing`);
    if (u.roles.includes('GRID_WORKER') !== (u.gridRegionCode !== null)) problems.push(`${at}: grid workers, and only they, have a grid`);
    if (u.gridRegionCode && regionByCode.get(u.gridRegionCode)?.level !== 'VILLAGE') problems.push(`${at}: a grid is a village/community`);
    if (u.roles.includes('SUPERVISOR') !== (u.regionCode !== null)) problems.push(`${at}: supervisors, and only they, have a region`);
    if (u.regionCode && !regionByCode.has(u.regionCode)) problems.push(`${at}: region ${u.regionCode} missing`);
  }
  for (const [key, phone] of Object.entries(DEMO_PHONES)) {
    if (DEMO_USERS[key as keyof typeof DEMO_PHONES].phone !== phone) problems.push(`DEMO_PHONES.${key} disagrees with DEMO_USERS`);
  }
  const ageOn = (birth: string) => Number(REFERENCE_DATE.slice(0, 4)) - Number(birth.slice(0, 4));
  if (ageOn(DEMO_USERS.elderly.birthDate) < 70) problems.push('the elderly demo citizen must be 70+');
  if (ageOn(DEMO_USERS.noPhoneElder.birthDate) < 60) problems.push('the citizen without a phone should be elderly');
  if (DEMO_USERS.noPhoneElder.phone !== null) problems.push('the citizen without a phone has a phone');
  if (DEMO_USERS.noPhoneElder.homeRegionCode !== DEMO_USERS.gridWorker.gridRegionCode) problems.push("the citizen without a phone must live in the grid worker's grid");
  if (DEMO_USERS.supervisor.regionCode !== REGION_CODES.county) problems.push('the supervisor oversees the county');
  const countyClerkCounter = countyCentre?.counters.find((c) => c.number === 1);
  if (countyClerkCounter?.clerkId !== DEMO_USERS.clerk.id) problems.push("the demo clerk must be on the county centre's window 1");

  // ── the grid worker's village (我的网格) ──
  const grid = DEMO_USERS.gridWorker.gridRegionCode;
  const villagers = ALL_DEMO_USERS.filter((u) => u.homeRegionCode === grid && u.id !== DEMO_USERS.gridWorker.id);
  if (villagers.length < 8) problems.push(`the grid worker's village has ${villagers.length} residents (want ≥ 8)`);
  if (villagers.filter((u) => u.phone === null).length < 2) problems.push("the grid worker's village needs residents without a phone");
  const villagerById = new Map(villagers.map((u) => [u.id, u]));
  for (const id of duplicates([...DEMO_GRANTS, ...GRID_GRANTS].map((g) => g.id))) problems.push(`grant id ${id} is used twice`);
  for (const g of GRID_GRANTS) {
    const who = villagerById.get(g.grantorId);
    if (!who) problems.push(`grid grant ${g.id}: the grantor does not live in the grid`);
    if (g.validDays < 1 || g.validDays > 90) problems.push(`grid grant ${g.id}: a grid worker's grant runs 1–90 days`);
    if ((g.consentMethod === 'WITNESSED') !== (g.witnessedById !== null)) problems.push(`grid grant ${g.id}: a witnessed grant, and only one, names its witness`);
    if (g.consentMethod === 'IN_APP' && who?.phone === null) problems.push(`grid grant ${g.id}: someone without a phone consents at a window (WITNESSED)`);
    if (g.witnessedById && !ALL_DEMO_USERS.find((u) => u.id === g.witnessedById)?.roles.includes('CLERK')) problems.push(`grid grant ${g.id}: the witness is not a clerk`);
    if ((g.status === 'REVOKED') !== (g.revokedDaysAgo !== undefined)) problems.push(`grid grant ${g.id}: a revoked grant, and only one, says when`);
    const endsIn = g.validDays - g.startedDaysAgo;
    if ((g.status === 'EXPIRED') !== endsIn <= 0) problems.push(`grid grant ${g.id}: EXPIRED exactly when its days are over`);
  }
  for (const state of ['ACTIVE', 'PENDING', 'EXPIRED'] as const) {
    if (!GRID_GRANTS.some((g) => g.status === state)) problems.push(`the grid demo needs a ${state} grant`);
  }
  for (const task of GRID_TASKS) {
    const consented = GRID_GRANTS.some((g) => g.grantorId === task.residentId && (g.status === 'ACTIVE' || g.status === 'PENDING'));
    if (!villagerById.has(task.residentId)) problems.push(`grid task ${task.id}: the resident does not live in the grid`);
    if (!consented) problems.push(`grid task ${task.id}: planned without consent asked`);
    if (!SERVICES.find((sv) => sv.id === task.serviceId)?.proxyAllowed) problems.push(`grid task ${task.id}: the service may not be done by proxy`);
    if ((task.status === 'VISITED') !== (task.visit !== undefined)) problems.push(`grid task ${task.id}: a visited task, and only one, has its visit`);
  }
  for (const id of duplicates(GRID_TASKS.map((task) => `${task.residentId}:${task.serviceId}`))) problems.push(`grid tasks: two open for ${id}`);

  // ── calendar ──
  for (const d of duplicates(CALENDAR_DAYS.map((c) => c.date))) problems.push(`calendar ${d} listed twice`);
  for (const c of CALENDAR_DAYS) {
    if (c.date < CALENDAR_RANGE.from || c.date > CALENDAR_RANGE.to) problems.push(`calendar ${c.date} outside ${CALENDAR_RANGE.from}…${CALENDAR_RANGE.to}`);
    const weekday = new Date(`${c.date}T00:00:00Z`).getUTCDay();
    if (c.kind === 'WORKDAY' && weekday !== 0 && weekday !== 6) problems.push(`calendar ${c.date}: WORKDAY on a weekday is not an exception`);
    if (!c.name) problems.push(`calendar ${c.date}: no name`);
  }
  for (const e of CALENDAR_EXPECTATIONS) {
    const found = CALENDAR_DAYS.find((c) => c.date === e.date);
    if (found?.kind !== e.kind) problems.push(`calendar ${e.date}: expected ${e.kind}, have ${found?.kind ?? 'nothing'}`);
  }
  for (const year of ['2025', '2026']) {
    const holidays = CALENDAR_DAYS.filter((c) => c.kind === 'HOLIDAY' && c.date.startsWith(year)).length;
    // 27–33 days a year under the 2025 rules (13 statutory days plus bridging weekends).
    if (holidays < 25 || holidays > 35) problems.push(`calendar ${year}: ${holidays} holiday days looks wrong`);
  }

  // ── appointment slot rules ──
  for (const d of duplicates(SLOT_RULES.map((r) => `${r.officeKey}/${r.serviceKey}`))) problems.push(`slot rule ${d} listed twice`);
  // A week without holidays (Mon 2026-11-23 … Sun 11-29): every template slot must fall inside the hall's hours.
  const plainWeek = new WorkingCalendar([]);
  for (const r of SLOT_RULES) {
    const at = `slot rule ${r.officeKey}/${r.serviceKey}`;
    const office = OFFICES.find((o) => o.id === r.officeId);
    if (r.officeId !== OFFICE_IDS[r.officeKey] || r.serviceId !== SERVICE_IDS[r.serviceKey]) problems.push(`${at}: ids do not match their keys`);
    if (!office) continue;
    if (!office.services.some((s) => s.serviceId === r.serviceId)) problems.push(`${at}: the hall does not offer the service`);
    try {
      const parsed = parseSlotRule(r);
      let total = 0;
      for (let day = 23; day <= 29; day += 1) {
        const date = `2026-11-${day}`;
        const weekly = office.weeklyHours as unknown as HallWeek;
        const allDay: Array<[string, string]> = [['00:00', '24:00']];
        const unclipped = planSlots(parsed, date, plainWeek, allDay).length;
        const clipped = planSlots(parsed, date, plainWeek, hoursOn({ weeklyHours: weekly, exceptions: [], calendar: plainWeek, openOnHolidays: false, date }).hours).length;
        if (clipped !== unclipped) problems.push(`${at}: ${date} has slots outside the hall's hours`);
        total += clipped;
      }
      if (total === 0) problems.push(`${at}: no slot in a whole week`);
    } catch (err) {
      problems.push(`${at}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  for (const level of ['COUNTY_CENTER', 'TOWN_CENTER'] as const) {
    if (!SLOT_RULES.some((r) => OFFICES.find((o) => o.id === r.officeId)?.level === level)) problems.push(`no slot rule at a ${level}`);
  }
  for (const s of SERVICES.filter((x) => x.appointmentRequired)) {
    if (!SLOT_RULES.some((r) => r.serviceId === s.id)) problems.push(`service ${s.name} needs an appointment but no hall has a slot rule for it`);
  }

  return problems;
}
