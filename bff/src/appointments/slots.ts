// The slot job (DESIGN.md §3 Slot, §4 Appointments): turns every SlotRule into Slot rows for the
// coming days. Run daily by plugins/app/slots.ts, once at start, and by `npm run db:seed`.
//
// Safe to run any number of times, on any number of instances at once: a slot's key is (office,
// service, start), missing ones are inserted with ON CONFLICT DO NOTHING, and every change to an
// existing row is a conditional UPDATE … WHERE booked = 0, so a slot somebody has booked is never
// changed — not its capacity, not its times, not withdrawn — even if the booking lands mid-run.
import { addDays, hoursOn, type DayHours, type WorkingCalendar } from '@palm/shared';
import type { PrismaClient } from '../generated/prisma/client';
import { CalendarCache, isoDateOf } from '../catalogue/calendar';
import { parseWeeklyHours, toHoursException, type ExceptionRow } from '../catalogue/hours';
import type { Clock } from '../lib/clock';
import { parseSlotRule, planSlots, type PlannedSlot } from './slot-plan';

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
}

export interface GenerateSummary {
  rules: number;
  created: number;
  /** Unbooked future slots whose capacity, end or release time followed a changed rule, or that came back. */
  updated: number;
  /** Unbooked future slots no longer in the plan (a closure added later, a changed template). */
  withdrawn: number;
  /** Booked slots no longer in the plan: kept as they are for the people holding them. */
  keptBooked: number;
  /** Rules whose data could not be read (logged; the others still run). */
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

/** The hall's hours on each date; a malformed hall is closed (logged), as the office list does. */
function officeHoursOn(office: { weeklyHours: unknown; openOnHolidays: boolean; exceptions: ExceptionRow[] }, calendar: WorkingCalendar, date: string): DayHours {
  return hoursOn({
    weeklyHours: parseWeeklyHours(office.weeklyHours),
    exceptions: office.exceptions.map(toHoursException),
    calendar,
    openOnHolidays: office.openOnHolidays,
    date,
  }).hours;
}

export async function generateSlots(deps: SlotJobDeps, opts: GenerateOptions = {}): Promise<GenerateSummary> {
  const { prisma } = deps;
  const now = deps.resources.clock.now();
  const today = deps.resources.clock.businessDate(now);
  const calendar = await new CalendarCache(prisma, 0).get();
  const rules = await prisma.slotRule.findMany({
    where: opts.officeId ? { officeId: opts.officeId } : {},
    include: { office: { select: { weeklyHours: true, openOnHolidays: true } } },
    orderBy: [{ officeId: 'asc' }, { serviceId: 'asc' }],
  });
  const summary: GenerateSummary = { rules: rules.length, created: 0, updated: 0, withdrawn: 0, keptBooked: 0, failedRules: 0 };

  for (const rule of rules) {
    const requestedFrom = opts.from ?? today;
    const from = requestedFrom < today ? today : requestedFrom;
    const last = addDays(requestedFrom, (opts.days ?? rule.horizonDays + 2) - 1);
    if (last < from) continue;
    let planned: PlannedSlot[];
    try {
      const parsed = parseSlotRule(rule);
      const exceptions = await prisma.officeException.findMany({ where: { officeId: rule.officeId, date: { gte: utcDate(from), lte: utcDate(last) } } });
      const office = { ...rule.office, exceptions };
      planned = [];
      if (rule.active) {
        for (let date = from; date <= last; date = addDays(date, 1)) planned.push(...planSlots(parsed, date, calendar, officeHoursOn(office, calendar, date)));
      }
    } catch (err) {
      summary.failedRules += 1;
      deps.log?.warn({ err, slotRuleId: rule.id }, 'slot rule or office hours malformed; no slots generated for it');
      continue;
    }

    const where = { officeId: rule.officeId, serviceId: rule.serviceId };
    const existing = await prisma.slot.findMany({ where: { ...where, date: { gte: utcDate(from), lte: utcDate(last) } } });
    const byStart = new Map(existing.map((s) => [s.startsAt.getTime(), s]));
    const wanted = new Set(planned.map((p) => p.startsAt.getTime()));

    summary.created += await insertMissing(prisma, rule.officeId, rule.serviceId, planned.filter((p) => !byStart.has(p.startsAt.getTime())));
    for (const p of planned) {
      const s = byStart.get(p.startsAt.getTime());
      if (!s || s.booked > 0 || s.held > 0 || s.startsAt <= now) continue;
      const same = s.capacity === p.capacity && s.endsAt.getTime() === p.endsAt.getTime() && s.releasedAt.getTime() === p.releasedAt.getTime() && s.withdrawnAt === null;
      if (same) continue;
      const { count } = await prisma.slot.updateMany({
        where: { id: s.id, booked: 0, held: 0 },
        data: { capacity: p.capacity, endsAt: p.endsAt, releasedAt: p.releasedAt, withdrawnAt: null },
      });
      summary.updated += count;
    }
    const gone = existing.filter((s) => !wanted.has(s.startsAt.getTime()) && s.withdrawnAt === null && s.startsAt > now);
    const goneIds = gone.filter((s) => s.booked === 0 && s.held === 0).map((s) => s.id);
    if (goneIds.length) summary.withdrawn += (await prisma.slot.updateMany({ where: { id: { in: goneIds }, booked: 0, held: 0, withdrawnAt: null }, data: { withdrawnAt: now } })).count;
    const kept = gone.filter((s) => s.booked > 0 || s.held > 0);
    if (kept.length) {
      summary.keptBooked += kept.length;
      // The hall must contact these people: their slot is no longer in its plan.
      deps.log?.warn({ slotRuleId: rule.id, dates: [...new Set(kept.map((s) => isoDateOf(s.date)))] }, 'booked slots no longer in the slot plan were kept');
    }
  }
  return summary;
}
