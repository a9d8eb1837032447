// The slots one rule gives on one business date (DESIGN.md §3 Slot, §4 Appointments), as pure
// functions: the BFF's slot job stores them, the slot list explains an empty day with them.
//
// Decisions (README "Appointments"): official holidays have no slots, even in a hall that opens on
// holidays (walk-ins only); a 调休 working weekend day uses the rule's adjustedWorkdayWeekday
// template, else the first weekday (Mon–Fri) that has one — the same choice the hall's own hours
// make (shared/src/office-hours.ts); a slot is offered only if it lies wholly inside the hall's
// hours that day (so a dated closure or shortened day removes or trims slots); times are
// Asia/Shanghai wall-clock values turned into UTC instants at a fixed +08:00.
import { releaseDateOf } from './appointments';
import type { DayHours } from './office-hours';
import { zonedDateTimeToInstant } from './wall-clock';
import { isoWeekday, type WorkingCalendar } from './working-days';

export type TimeRange = [string, string];

export interface DayTemplate {
  start: string;
  end: string;
  capacity?: number;
  slotMinutes?: number;
  breaks?: TimeRange[];
}

/** A SlotRule row as far as planning reads it (JSON columns still unknown). */
export interface SlotRuleRow {
  weekTemplate: unknown;
  breaks: unknown;
  slotMinutes: number;
  capacityPerSlot: number;
  horizonDays: number;
  releaseTime: string;
  adjustedWorkdayWeekday: number | null;
}

export interface ParsedSlotRule {
  /** Index 1–7 (ISO weekday); undefined = no slots that weekday. */
  days: Array<DayTemplate | undefined>;
  breaks: TimeRange[];
  slotMinutes: number;
  capacity: number;
  horizonDays: number;
  releaseTime: string;
  adjustedWorkdayWeekday: number | null;
}

export interface PlannedSlot {
  date: string;
  /** 'HH:mm' Asia/Shanghai; end may be '24:00'. */
  start: string;
  end: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  releasedAt: Date;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight; '24:00' only where an end is meant. */
export function minutesOf(time: string, isEnd = false): number {
  if (isEnd && time === '24:00') return 24 * 60;
  const m = HHMM.exec(time);
  if (!m) throw new RangeError(`Not a time of day (HH:mm): ${JSON.stringify(time)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function positiveInt(value: unknown, what: string, max: number): number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) throw new RangeError(`${what} must be an integer 1–${max}: ${String(value)}`);
  return value as number;
}

function parseRanges(value: unknown, what: string): TimeRange[] {
  if (value == null) return [];
  if (!Array.isArray(value)) throw new RangeError(`${what} must be a list of [from, to] pairs`);
  return value.map((pair: unknown) => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') throw new RangeError(`${what}: bad pair ${JSON.stringify(pair)}`);
    if (minutesOf(pair[0]) >= minutesOf(pair[1], true)) throw new RangeError(`${what}: ${pair[0]}–${pair[1]} does not start before it ends`);
    return [pair[0], pair[1]];
  });
}

function parseDay(value: unknown, weekday: number): DayTemplate | undefined {
  if (value == null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new RangeError(`weekTemplate.${weekday} must be {start, end, …} or null`);
  const v = value as Record<string, unknown>;
  if (typeof v.start !== 'string' || typeof v.end !== 'string') throw new RangeError(`weekTemplate.${weekday} needs start and end`);
  if (minutesOf(v.start) >= minutesOf(v.end, true)) throw new RangeError(`weekTemplate.${weekday}: ${v.start}–${v.end} does not start before it ends`);
  return {
    start: v.start,
    end: v.end,
    ...(v.capacity !== undefined ? { capacity: positiveInt(v.capacity, `weekTemplate.${weekday}.capacity`, 10_000) } : {}),
    ...(v.slotMinutes !== undefined ? { slotMinutes: positiveInt(v.slotMinutes, `weekTemplate.${weekday}.slotMinutes`, 24 * 60) } : {}),
    ...(v.breaks !== undefined ? { breaks: parseRanges(v.breaks, `weekTemplate.${weekday}.breaks`) } : {}),
  };
}

/** Reads a rule's columns strictly: a malformed rule throws a RangeError naming the field. */
export function parseSlotRule(row: SlotRuleRow): ParsedSlotRule {
  const week = row.weekTemplate;
  if (week === null || typeof week !== 'object' || Array.isArray(week)) throw new RangeError('weekTemplate must be an object keyed by ISO weekday');
  const source = week as Record<string, unknown>;
  const days: Array<DayTemplate | undefined> = [undefined];
  for (let weekday = 1; weekday <= 7; weekday += 1) days.push(parseDay(source[String(weekday)], weekday));
  minutesOf(row.releaseTime);
  if (!Number.isInteger(row.horizonDays) || row.horizonDays < 0 || row.horizonDays > 90) throw new RangeError(`horizonDays must be 0–90: ${row.horizonDays}`);
  const adjusted = row.adjustedWorkdayWeekday;
  if (adjusted !== null && !(Number.isInteger(adjusted) && adjusted >= 1 && adjusted <= 7)) throw new RangeError(`adjustedWorkdayWeekday must be 1–7: ${adjusted}`);
  return {
    days,
    breaks: parseRanges(row.breaks, 'breaks'),
    slotMinutes: positiveInt(row.slotMinutes, 'slotMinutes', 24 * 60),
    capacity: positiveInt(row.capacityPerSlot, 'capacityPerSlot', 10_000),
    horizonDays: row.horizonDays,
    releaseTime: row.releaseTime,
    adjustedWorkdayWeekday: adjusted,
  };
}

/** The template a date uses (before the hall's hours are applied), or undefined for none. */
export function templateOn(rule: ParsedSlotRule, date: string, calendar: WorkingCalendar): DayTemplate | undefined {
  const kind = calendar.dayKind(date);
  if (kind === 'HOLIDAY') return undefined;
  if (kind === 'ADJUSTED_WORKDAY') {
    if (rule.adjustedWorkdayWeekday !== null) return rule.days[rule.adjustedWorkdayWeekday];
    return rule.days.slice(1, 6).find((d) => d !== undefined);
  }
  return rule.days[isoWeekday(date)];
}

/** The instant slots of `date` are released (放号). */
export function releaseInstant(rule: Pick<ParsedSlotRule, 'horizonDays' | 'releaseTime'>, date: string): Date {
  return zonedDateTimeToInstant(releaseDateOf(date, rule.horizonDays), rule.releaseTime);
}

/** Midnight of `date` in Asia/Shanghai plus `minutes` (so an end of '24:00' is the next midnight). */
const instantAt = (date: string, minutes: number) => new Date(zonedDateTimeToInstant(date, '00:00').getTime() + minutes * 60_000);

/**
 * The slots of `date`: the template's span minus its breaks, cut into slot-length pieces from the
 * start of each remaining interval (after lunch the first slot starts when the break ends); a
 * piece that would run past a break, the template's end or the hall's closing is not offered.
 * `officeHours` are the hall's hours that day (shared hoursOn: exceptions, holidays, 调休 applied).
 */
export function planSlots(rule: ParsedSlotRule, date: string, calendar: WorkingCalendar, officeHours: DayHours): PlannedSlot[] {
  const template = templateOn(rule, date, calendar);
  if (!template || officeHours.length === 0) return [];
  const length = template.slotMinutes ?? rule.slotMinutes;
  const capacity = template.capacity ?? rule.capacity;
  const breaks = (template.breaks ?? rule.breaks).map(([from, to]) => [minutesOf(from), minutesOf(to, true)] as const);
  const open = officeHours.map(([from, to]) => [minutesOf(from), minutesOf(to, true)] as const);
  const releasedAt = releaseInstant(rule, date);

  // Working intervals: [start, end) with every break cut out.
  let intervals: Array<[number, number]> = [[minutesOf(template.start), minutesOf(template.end, true)]];
  for (const [bFrom, bTo] of breaks) {
    intervals = intervals.flatMap(([from, to]): Array<[number, number]> => {
      if (bTo <= from || bFrom >= to) return [[from, to]];
      return [...(bFrom > from ? [[from, bFrom] as [number, number]] : []), ...(bTo < to ? [[bTo, to] as [number, number]] : [])];
    });
  }
  intervals.sort((a, b) => a[0] - b[0]);

  const slots: PlannedSlot[] = [];
  for (const [from, to] of intervals) {
    for (let start = from; start + length <= to; start += length) {
      const end = start + length;
      if (!open.some(([o, c]) => o <= start && end <= c)) continue;
      slots.push({
        date,
        start: hhmm(start),
        end: hhmm(end),
        startsAt: instantAt(date, start),
        endsAt: instantAt(date, end),
        capacity,
        releasedAt,
      });
    }
  }
  return slots;
}

/** Whether a slot of `date` lies wholly inside the hall's hours that day, as planSlots requires. */
export function isWithinHours(date: string, slot: { startsAt: Date; endsAt: Date }, officeHours: DayHours): boolean {
  const midnight = instantAt(date, 0).getTime();
  const start = (slot.startsAt.getTime() - midnight) / 60_000;
  const end = (slot.endsAt.getTime() - midnight) / 60_000;
  return officeHours.some(([from, to]) => minutesOf(from) <= start && end <= minutesOf(to, true));
}
