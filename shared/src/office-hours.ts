// Opening hours of a hall on a business date (DESIGN.md §3 Office: weekly hours plus dated
// exceptions; §4 Queue: remote tickets only while the office is open). Dates and times are
// Asia/Shanghai wall-clock values ('YYYY-MM-DD', 'HH:mm'); the BFF's clock supplies them.
import type { WorkingCalendar } from './working-days';
import { addDays, isoWeekday } from './working-days';

/** Open–close pairs, e.g. [['09:00', '12:00'], ['14:00', '17:30']]; close is exclusive, '24:00' allowed. */
export type DayHours = Array<[string, string]>;

/** Hours by ISO weekday, '1' = Monday … '7' = Sunday. */
export type WeeklyHours = Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', DayHours>;

/**
 * A dated change: closed (training day, power cut), other hours (延时服务), or open on a holiday.
 * closed: false with no hours means "open with this weekday's regular hours", which is how an
 * office that usually closes on holidays records that it opens on one.
 */
export type OfficeHoursException = { date: string; closed: boolean; hours?: DayHours | null; note?: string | null };

/**
 * Why the day has the hours it has. HOLIDAY with non-empty hours means an office with
 * openOnHolidays that opens as usual on an official holiday (the UI can say so).
 */
export type HoursReason = 'REGULAR' | 'EXCEPTION' | 'HOLIDAY' | 'ADJUSTED_WORKDAY';

export interface HoursQuery {
  weeklyHours: WeeklyHours;
  exceptions: readonly OfficeHoursException[];
  calendar: WorkingCalendar;
  /** Halls that serve through official holidays (some city centres' 不打烊 windows). */
  openOnHolidays: boolean;
  date: string;
}

export interface OpenQuery extends HoursQuery {
  /** 'HH:mm', Asia/Shanghai. */
  time: string;
}

export interface HoursOnDate {
  /** Sorted, overlapping and touching intervals merged. Empty = closed all day. */
  hours: DayHours;
  reason: HoursReason;
}

export interface OpenStatus {
  isOpen: boolean;
  /** When open: the end of the current interval. */
  closesAt?: string;
  /** When closed: the next opening within 14 days (a lunch break resolves to later today). */
  opensNext?: { date: string; time: string };
  todayHours: DayHours;
}

/** Far enough to cross the longest official break (Spring Festival, 9 days) plus a weekend. */
const LOOKAHEAD_DAYS = 14;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function toMinutes(time: string): number {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`Not a time of day (HH:mm): ${JSON.stringify(time)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function closeToMinutes(time: string): number {
  return time === '24:00' ? 24 * 60 : toMinutes(time);
}

/** Validates, sorts and merges; a malformed pair is a data error and throws a RangeError. */
function normalizeHours(hours: DayHours | null | undefined, date: string): DayHours {
  const intervals = (hours ?? []).map(([open, close]) => {
    const from = toMinutes(open);
    const to = closeToMinutes(close);
    if (from >= to) throw new RangeError(`Opening hours on ${date}: ${open}–${close} does not open before it closes`);
    return { from, to, open, close };
  });
  intervals.sort((a, b) => a.from - b.from);
  const merged: DayHours = [];
  let last: { to: number; pair: [string, string] } | undefined;
  for (const interval of intervals) {
    if (last && interval.from <= last.to) {
      if (interval.to > last.to) {
        last.to = interval.to;
        last.pair[1] = interval.close;
      }
      continue;
    }
    const pair: [string, string] = [interval.open, interval.close];
    merged.push(pair);
    last = { to: interval.to, pair };
  }
  return merged;
}

function weekdayHours(weeklyHours: WeeklyHours, weekday: number): DayHours | undefined {
  return weeklyHours[String(weekday) as keyof WeeklyHours];
}

/**
 * A 调休 working day is a full official working day, but the State Council notice does not say
 * which weekday it stands for. It gets Monday's hours: Monday is the plain weekday in most halls'
 * schedules (Friday afternoons and mid-week 延时服务 evenings vary). An office closed on Mondays
 * takes its first weekday that has hours, so it is not shut on an official working day.
 */
function adjustedWorkdayHours(weeklyHours: WeeklyHours): DayHours | undefined {
  for (let weekday = 1; weekday <= 5; weekday += 1) {
    const hours = weekdayHours(weeklyHours, weekday);
    if (hours && hours.length > 0) return hours;
  }
  return undefined;
}

/**
 * The hours on `date`. Precedence: a dated exception; then an official HOLIDAY (closed unless
 * openOnHolidays); then a 调休 working weekend day (weekday hours, see above); then the weekly hours.
 */
export function hoursOn(args: HoursQuery): HoursOnDate {
  const { weeklyHours, exceptions, calendar, openOnHolidays, date } = args;
  const kind = calendar.dayKind(date);
  const regular =
    kind === 'ADJUSTED_WORKDAY' ? adjustedWorkdayHours(weeklyHours) : weekdayHours(weeklyHours, isoWeekday(date));
  const exception = exceptions.find((e) => e.date === date);
  if (exception) {
    const hours = exception.closed ? [] : normalizeHours(exception.hours ?? regular, date);
    return { hours, reason: 'EXCEPTION' };
  }
  if (kind === 'HOLIDAY') return { hours: openOnHolidays ? normalizeHours(regular, date) : [], reason: 'HOLIDAY' };
  return { hours: normalizeHours(regular, date), reason: kind === 'ADJUSTED_WORKDAY' ? 'ADJUSTED_WORKDAY' : 'REGULAR' };
}

function currentInterval(hours: DayHours, minutes: number): [string, string] | undefined {
  return hours.find(([open, close]) => toMinutes(open) <= minutes && minutes < closeToMinutes(close));
}

/** Open at `time` on `date`: opening time inclusive, closing time exclusive. */
export function isOpenAt(args: OpenQuery): boolean {
  return currentInterval(hoursOn(args).hours, toMinutes(args.time)) !== undefined;
}

/** Open now? Until when? If closed, when does it open next (within 14 days)? */
export function openStatus(args: OpenQuery): OpenStatus {
  const todayHours = hoursOn(args).hours;
  const minutes = toMinutes(args.time);
  const current = currentInterval(todayHours, minutes);
  if (current) return { isOpen: true, closesAt: current[1], todayHours };
  const laterToday = todayHours.find(([open]) => toMinutes(open) > minutes);
  if (laterToday) return { isOpen: false, opensNext: { date: args.date, time: laterToday[0] }, todayHours };
  for (let i = 1; i <= LOOKAHEAD_DAYS; i += 1) {
    const date = addDays(args.date, i);
    const first = hoursOn({ ...args, date }).hours[0];
    if (first) return { isOpen: false, opensNext: { date, time: first[0] }, todayHours };
  }
  return { isOpen: false, todayHours };
}
