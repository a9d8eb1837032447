// The slot job (DESIGN.md §3 Slot, §4 Appointments): turns every SlotRule into Slot rows for the
// coming days. Run daily by slot-timer.ts, once at start, and by `npm run db:seed`.
//
// Safe to run any number of times, on any number of instances at once: a slot's key is (office,
// service, start), missing ones are inserted with ON CONFLICT DO NOTHING, and every change to an
// existing row is a conditional UPDATE … WHERE booked = 0, so a slot somebody has booked is never
// changed — not its capacity, not its times — even if the booking lands mid-run.
//
// One exception: a booked slot the hall itself no longer opens for — a dated closure or shortened
// day (OfficeException) or an official holiday, added after the booking — is withdrawn and its
// BOOKED appointments cancelled as the hall's doing (hall-closure.ts), so nobody is counted a
// no-show for a closed hall. A booked slot that only a changed rule or weekly template dropped is
// kept for the people holding it (logged): an edited template must never cancel a hall's bookings
// wholesale, and the hall is open then.
//
// Per rule the job first plans (planRule: reads only) and then carries the plan out (applyPlan): the
// admin console's slot-rule preview shows that same plan before a change is saved (admin/slot-rules.ts).
import { addDays, hoursOn, type HoursOnDate, isWithinHours, parseSlotRule, type PlannedSlot, planSlots, type SlotRuleRow, type WorkingCalendar } from '@palm/shared';
import type { PrismaClient, Slot } from '@palm/db/client';
import { CalendarCache, isoDateOf } from '../catalogue/calendar';
import { parseWeeklyHours, toHoursException, type ExceptionRow } from '../catalogue/hours';
import type { Clock } from '../lib/clock';
import { cancelForHallClosure, countHallClosureCancellations } from './hall-closure';

export interface SlotJobDeps {
  prisma: PrismaClient;
  resources: { clock: Clock };
  log?: { warn(obj: object, msg: string): void };
}

export interface GenerateOptions {
  /** First business date (default: today, Asia/Shanghai). Dates before today are never generated. */
  from?: string;
  /** Dates from `from` (default per rule: today … today + horizonDays + 1, so tomorrow's 放号 is listed). */
  days?: number;
  /** Only this hall's rules. */
  officeId?: string;
  /** Only this service's rules. */
  serviceId?: string;
  /** A dated closure or special hours not saved yet, planned as if it were (the console's preview of a closure). */
  unsavedException?: ExceptionRow;
}

export interface GenerateSummary {
  rules: number;
  created: number;
  /** Unbooked future slots whose capacity, end or release time followed a changed rule, or that came back. */
  updated: number;
  /** Unbooked future slots no longer in the plan (a closure added later, a changed template). */
  withdrawn: number;
  /** Booked (or held) future slots of hours the hall no longer opens: withdrawn, their bookings cancelled. */
  closedBooked: number;
  /** Appointments of those slots cancelled as the hall's doing (the people told in the app). */
  cancelled: number;
  /** Booked slots a changed rule no longer plans while the hall is open: kept for the people holding them. */
  keptBooked: number;
  /** Rules whose data could not be read, or whose closed slots could not be cancelled (logged; the others still run). */
  failedRules: number;
}

const utcDate = (date: string) => new Date(`${date}T00:00:00Z`);

/** Inserts the missing slots in one statement (Prisma 7's createMany costs ~ms per row). */
async function insertMissing(prisma: PrismaClient, officeId: string, serviceId: string, slots: readonly PlannedSlot[]): Promise<number> {
  if (slots.length === 0) return 0;
  const rows = JSON.stringify(
    slots.map((s) => ({ date: s.date, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), capacity: s.capacity, releasedAt: s.releasedAt.toISOString() })),
  );
  // Instants arrive as ISO text with Z and are stored as UTC timestamp(3) (Prisma's DateTime), so
  // the session's TimeZone setting can never shift them.
  return prisma.$executeRaw`
    INSERT INTO "Slot" ("id", "officeId", "serviceId", "date", "startsAt", "endsAt", "capacity", "releasedAt", "updatedAt")
    SELECT gen_random_uuid(), ${officeId}::uuid, ${serviceId}::uuid, r."date",
           (r."startsAt" AT TIME ZONE 'UTC')::timestamp(3), (r."endsAt" AT TIME ZONE 'UTC')::timestamp(3), r."capacity",
           (r."releasedAt" AT TIME ZONE 'UTC')::timestamp(3), (now() AT TIME ZONE 'UTC')::timestamp(3)
    FROM jsonb_to_recordset(${rows}::jsonb) AS r("date" date, "startsAt" timestamptz, "endsAt" timestamptz, "capacity" int, "releasedAt" timestamptz)
    ON CONFLICT ("officeId", "serviceId", "startsAt") DO NOTHING`;
}

/** The hall's hours on each date and why; a malformed hall is closed (logged), as the office list does. */
function officeHoursOn(office: { weeklyHours: unknown; openOnHolidays: boolean; exceptions: ExceptionRow[] }, calendar: WorkingCalendar, date: string): HoursOnDate {
  return hoursOn({
    weeklyHours: parseWeeklyHours(office.weeklyHours),
    exceptions: office.exceptions.map(toHoursException),
    calendar,
    openOnHolidays: office.openOnHolidays,
    date,
  });
}

/**
 * A slot the hall's own day no longer holds: the day's hours come from a dated exception or an
 * official holiday and the slot is not inside them. (Weekly hours alone never say so: a badly
 * edited hall reads as closed every day.)
 */
const isHallClosedFor = (slot: { date: Date; startsAt: Date; endsAt: Date }, day: HoursOnDate | undefined): boolean =>
  day !== undefined && (day.reason === 'EXCEPTION' || day.reason === 'HOLIDAY') && !isWithinHours(isoDateOf(slot.date), slot, day.hours);

/** A rule as the job plans it: its columns and its hall's hours. */
export type PlannableRule = SlotRuleRow & { officeId: string; serviceId: string; active: boolean; office: { weeklyHours: unknown; openOnHolidays: boolean } };

/**
 * What the slot job does for one rule over its dates: the slots to insert, the unbooked ones to
 * update (or bring back) and to withdraw, the booked ones the hall no longer opens for (withdrawn,
 * their bookings cancelled) and the booked ones a changed rule drops while the hall is open (kept).
 * Reads only: the admin console's preview shows exactly this (admin/slot-rules.ts), saving runs it.
 * A malformed rule or hall throws (RangeError).
 */
export interface RulePlan {
  created: PlannedSlot[];
  updated: Array<{ slot: Slot; planned: PlannedSlot }>;
  withdrawn: Slot[];
  closed: Slot[];
  kept: Slot[];
}

export async function planRule(prisma: PrismaClient, rule: PlannableRule, calendar: WorkingCalendar, at: { now: Date; today: string }, opts: GenerateOptions = {}): Promise<RulePlan | null> {
  const { now, today } = at;
  const requestedFrom = opts.from ?? today;
  const from = requestedFrom < today ? today : requestedFrom;
  const last = addDays(requestedFrom, (opts.days ?? rule.horizonDays + 2) - 1);
  if (last < from) return null;
  const hoursByDate = new Map<string, HoursOnDate>();
  const parsed = parseSlotRule(rule);
  const saved = await prisma.officeException.findMany({ where: { officeId: rule.officeId, date: { gte: utcDate(from), lte: utcDate(last) } } });
  const office = { ...rule.office, exceptions: opts.unsavedException ? [...saved, opts.unsavedException] : saved };
  const planned: PlannedSlot[] = [];
  for (let date = from; date <= last; date = addDays(date, 1)) {
    const day = officeHoursOn(office, calendar, date);
    hoursByDate.set(date, day);
    if (rule.active) planned.push(...planSlots(parsed, date, calendar, day.hours));
  }

  const existing = await prisma.slot.findMany({ where: { officeId: rule.officeId, serviceId: rule.serviceId, date: { gte: utcDate(from), lte: utcDate(last) } } });
  const byStart = new Map(existing.map((s) => [s.startsAt.getTime(), s]));
  const wanted = new Set(planned.map((p) => p.startsAt.getTime()));
  const updated: RulePlan['updated'] = [];
  for (const p of planned) {
    const s = byStart.get(p.startsAt.getTime());
    if (!s || s.booked > 0 || s.held > 0 || s.startsAt <= now) continue;
    const same = s.capacity === p.capacity && s.endsAt.getTime() === p.endsAt.getTime() && s.releasedAt.getTime() === p.releasedAt.getTime() && s.withdrawnAt === null;
    if (!same) updated.push({ slot: s, planned: p });
  }
  const gone = existing.filter((s) => !wanted.has(s.startsAt.getTime()) && s.withdrawnAt === null && s.startsAt > now);
  const taken = gone.filter((s) => s.booked > 0 || s.held > 0);
  const closed = taken.filter((s) => isHallClosedFor(s, hoursByDate.get(isoDateOf(s.date))));
  return {
    created: planned.filter((p) => !byStart.has(p.startsAt.getTime())),
    updated,
    withdrawn: gone.filter((s) => s.booked === 0 && s.held === 0),
    closed,
    kept: taken.filter((s) => !closed.includes(s)),
  };
}

/** Carries out one rule's plan (every write conditional: a slot booked meanwhile is left alone). */
export async function applyPlan(deps: SlotJobDeps, rule: { id: string; officeId: string; serviceId: string }, plan: RulePlan, now: Date, summary: GenerateSummary): Promise<void> {
  const { prisma } = deps;
  summary.created += await insertMissing(prisma, rule.officeId, rule.serviceId, plan.created);
  for (const { slot: s, planned: p } of plan.updated) {
    const { count } = await prisma.slot.updateMany({
      where: { id: s.id, booked: 0, held: 0 },
      data: { capacity: p.capacity, endsAt: p.endsAt, releasedAt: p.releasedAt, withdrawnAt: null },
    });
    summary.updated += count;
  }
  const goneIds = plan.withdrawn.map((s) => s.id);
  if (goneIds.length) summary.withdrawn += (await prisma.slot.updateMany({ where: { id: { in: goneIds }, booked: 0, held: 0, withdrawnAt: null }, data: { withdrawnAt: now } })).count;
  if (plan.closed.length) {
    try {
      summary.cancelled += await cancelForHallClosure({ prisma, clock: deps.resources.clock, log: deps.log }, plan.closed.map((s) => s.id), now);
      summary.closedBooked += plan.closed.length;
    } catch (err) {
      summary.failedRules += 1;
      deps.log?.warn({ err, slotRuleId: rule.id }, 'booked slots of a closed hall not cancelled; the next run retries');
    }
  }
  if (plan.kept.length) {
    summary.keptBooked += plan.kept.length;
    // The hall must contact these people: their slot is no longer in its plan.
    deps.log?.warn({ slotRuleId: rule.id, dates: [...new Set(plan.kept.map((s) => isoDateOf(s.date)))] }, 'booked slots no longer in the slot plan were kept');
  }
}

/** Every rule's plan (reads only), handed to `use` one by one; a rule that cannot be read is logged and counted, and skipped. */
async function eachPlan(deps: SlotJobDeps, opts: GenerateOptions, use: (rule: { id: string; officeId: string; serviceId: string }, plan: RulePlan, now: Date, summary: GenerateSummary) => Promise<void>): Promise<GenerateSummary> {
  const { prisma } = deps;
  const now = deps.resources.clock.now();
  const today = deps.resources.clock.businessDate(now);
  const calendar = await new CalendarCache(prisma, 0).get();
  const rules = await prisma.slotRule.findMany({
    where: { ...(opts.officeId ? { officeId: opts.officeId } : {}), ...(opts.serviceId ? { serviceId: opts.serviceId } : {}) },
    include: { office: { select: { weeklyHours: true, openOnHolidays: true } } },
    orderBy: [{ officeId: 'asc' }, { serviceId: 'asc' }],
  });
  const summary: GenerateSummary = { rules: rules.length, created: 0, updated: 0, withdrawn: 0, closedBooked: 0, cancelled: 0, keptBooked: 0, failedRules: 0 };

  for (const rule of rules) {
    let plan: RulePlan | null;
    try {
      plan = await planRule(prisma, rule, calendar, { now, today }, opts);
    } catch (err) {
      summary.failedRules += 1;
      deps.log?.warn({ err, slotRuleId: rule.id }, 'slot rule or office hours malformed; no slots generated for it');
      continue;
    }
    if (plan) await use(rule, plan, now, summary);
  }
  return summary;
}

export async function generateSlots(deps: SlotJobDeps, opts: GenerateOptions = {}): Promise<GenerateSummary> {
  return eachPlan(deps, opts, (rule, plan, now, summary) => applyPlan(deps, rule, plan, now, summary));
}

/**
 * The BOOKED appointments the slot job would cancel as the hall's doing — the same plans
 * (`plan.closed`) and the same appointments cancelForHallClosure takes — without changing anything:
 * with `opts.unsavedException`, what adding that closure would cancel (the console's preview).
 */
export async function appointmentsToCancel(deps: SlotJobDeps, opts: GenerateOptions = {}): Promise<number> {
  const slotIds: string[] = [];
  await eachPlan(deps, opts, async (_rule, plan) => {
    slotIds.push(...plan.closed.map((s) => s.id));
  });
  return countHallClosureCancellations(deps.prisma, slotIds);
}
