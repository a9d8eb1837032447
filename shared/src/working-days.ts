// Calendar dates and working-day arithmetic (DESIGN.md §3 "Calendar", §4 time limits and SLAs in
// working days, 调休 aware).
//
// Dates are plain 'YYYY-MM-DD' strings of the proleptic Gregorian calendar (ISO 8601 calendar
// dates). All arithmetic is on integer day numbers (days since 1970-01-01) so that no result ever
// depends on the host's time zone: this module runs in the BFF *and* in WeChat/Alipay
// mini-programs, whose `Date` uses the phone's local zone.

/** One official calendar fact, as published each year by the State Council General Office. */
export interface CalendarEntry {
  date: string;
  /** HOLIDAY: 法定节假日 / 放假日; WORKDAY: 调休上班日 (normally a Saturday or Sunday). */
  kind: 'HOLIDAY' | 'WORKDAY';
}

/** WORKDAY: Mon–Fri; WEEKEND: Sat/Sun off; HOLIDAY: official day off; ADJUSTED_WORKDAY: 调休上班 weekend day. */
export type DayKind = 'WORKDAY' | 'WEEKEND' | 'HOLIDAY' | 'ADJUSTED_WORKDAY';

export interface IsoDateParts {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Strict 'YYYY-MM-DD' with a day that exists (no 2026-02-30, no 2026-13-01). */
export function isIsoDate(date: string): boolean {
  const m = ISO_DATE.exec(date);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

/** Splits a 'YYYY-MM-DD' date; throws a RangeError for anything that is not a real calendar date. */
export function parseIsoDate(date: string): IsoDateParts {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

// Days since 1970-01-01 for a Gregorian date, and back: H. Hinnant, "chrono-Compatible Low-Level
// Date Algorithms" (days_from_civil / civil_from_days). Integer-only, exact over the whole range.
function toDayNumber(date: string): number {
  const { year, month, day } = parseIsoDate(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(dayNumber: number): string {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) throw new RangeError(`Date out of range 0000–9999 (day ${dayNumber})`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date n calendar days after `date` (n may be negative). */
export function addDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Day count must be an integer: ${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** The weekdays by ISO number − 1 (周一 … 周日), as every page and message names them. */
export const WEEKDAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** ISO 8601 weekday: Monday = 1 … Sunday = 7. */
export function isoWeekday(date: string): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  // 1970-01-01 was a Thursday (4); the double modulo keeps dates before 1970 non-negative.
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7 + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

/** One statutory holiday (法定节假日) of a year: a day the law itself gives off. */
export interface StatutoryHoliday {
  date: string;
  name: string;
}

/**
 * The statutory holidays fixed by Gregorian date (全国年节及纪念日放假办法, art. 2, as revised in
 * 2024: 元旦 1 day, 劳动节 2 days, 国庆节 3 days). The yearly notice moves the days around them
 * (调休), never these days themselves, so they are the safe guess for a year without a notice.
 * The lunar ones (春节, 端午, 中秋) and 清明 need a lunar calendar: `statutoryHolidaysOf` in
 * `@palm/shared/server` gives the whole list.
 */
export const FIXED_DATE_HOLIDAYS: readonly { monthDay: string; name: string }[] = [
  { monthDay: '01-01', name: '元旦' },
  { monthDay: '05-01', name: '劳动节' },
  { monthDay: '05-02', name: '劳动节' },
  { monthDay: '10-01', name: '国庆节' },
  { monthDay: '10-02', name: '国庆节' },
  { monthDay: '10-03', name: '国庆节' },
];

/** The fixed-date statutory holidays of one year (FIXED_DATE_HOLIDAYS). */
export function fixedDateHolidaysOf(year: number): StatutoryHoliday[] {
  return FIXED_DATE_HOLIDAYS.map((h) => ({ date: `${String(year).padStart(4, '0')}-${h.monthDay}`, name: h.name }));
}

export interface WorkingCalendarOptions {
  /** The years whose official notice is loaded; default: derived from the entries (coveredYearsOf). */
  coveredYears?: Iterable<number>;
  /**
   * The days the law gives off in a year, used for the years without a notice. Default: the
   * fixed-date ones only (fixedDateHolidaysOf), which keeps this module free of a lunar calendar
   * for the mini-program bundle; the BFF passes `statutoryHolidaysOf` (`@palm/shared/server`),
   * which adds 春节, 清明, 端午 and 中秋.
   */
  statutoryHolidays?: (year: number) => readonly StatutoryHoliday[];
}

const yearStart = (year: number): string => `${String(year).padStart(4, '0')}-01-01`;

/** The years whose notice the entries hold, recognised by the year's 元旦 (YYYY-01-01 HOLIDAY). */
export function coveredYearsOf(entries: readonly CalendarEntry[]): number[] {
  const years = entries.filter((e) => e.kind === 'HOLIDAY' && e.date.slice(5) === '01-01').map((e) => parseIsoDate(e.date).year);
  return [...new Set(years)].sort((a, b) => a - b);
}

function isWeekendDay(dayNumber: number): boolean {
  const weekday = (((dayNumber + 3) % 7) + 7) % 7 + 1;
  return weekday >= 6;
}

/**
 * Working days as Chinese public administration counts them: Monday–Friday, minus official
 * holidays, plus the weekend days declared working days (调休) in the State Council's yearly
 * notice. Time limits (承诺时限, 办不成事 SLAs, rectification deadlines) are in these days.
 *
 * Coverage: a year is covered when its notice is loaded, which the entries show by the year's
 * 元旦 (YYYY-01-01 HOLIDAY: every notice starts with it and it is always a day off), unless the
 * caller names the covered years. A date in an uncovered year is Mon–Fri minus the statutory
 * holidays (options.statutoryHolidays: by default the fixed-date ones, 元旦, 劳动节 and 国庆; with
 * `statutoryHolidaysOf` also 春节, 清明, 端午 and 中秋), so a missing notice still closes them rather
 * than turning them into working days. The notice's bridging days and 调休 cannot be guessed.
 */
export class WorkingCalendar {
  private readonly kinds = new Map<number, CalendarEntry['kind']>();
  /** Day numbers whose entry changes the Mon–Fri default, sorted, for range counting. */
  private readonly adjustments: Array<{ day: number; delta: 1 | -1 }> = [];
  private readonly covered: ReadonlySet<number>;
  private readonly statutoryHolidays: (year: number) => readonly StatutoryHoliday[];
  /** The statutory holidays of each uncovered year asked about, as day numbers. */
  private readonly fallbackDays = new Map<number, ReadonlySet<number>>();

  constructor(entries: readonly CalendarEntry[], options: WorkingCalendarOptions = {}) {
    for (const entry of entries) {
      const day = toDayNumber(entry.date);
      if (entry.kind !== 'HOLIDAY' && entry.kind !== 'WORKDAY') {
        throw new RangeError(`Unknown calendar entry kind for ${entry.date}: ${String(entry.kind)}`);
      }
      const existing = this.kinds.get(day);
      // Conflicting facts for one date mean a broken seed; guessing which one is right would
      // silently move every deadline that crosses that date.
      if (existing !== undefined && existing !== entry.kind) {
        throw new RangeError(`Calendar date ${entry.date} is both HOLIDAY and WORKDAY`);
      }
      this.kinds.set(day, entry.kind);
    }
    for (const [day, kind] of this.kinds) {
      const weekend = isWeekendDay(day);
      if (kind === 'HOLIDAY' && !weekend) this.adjustments.push({ day, delta: -1 });
      if (kind === 'WORKDAY' && weekend) this.adjustments.push({ day, delta: 1 });
    }
    this.adjustments.sort((a, b) => a.day - b.day);
    this.covered = new Set(options.coveredYears ?? coveredYearsOf(entries));
    this.statutoryHolidays = options.statutoryHolidays ?? fixedDateHolidaysOf;
  }

  /** The covered years, ascending. */
  get coveredYears(): number[] {
    return [...this.covered].sort((a, b) => a - b);
  }

  /** Whether the official notice for `date`'s year is loaded (otherwise only the statutory holidays apply). */
  isCovered(date: string): boolean {
    return this.covered.has(parseIsoDate(date).year);
  }

  /** The first date in [from, to] whose year is not covered, or null when the whole range is. */
  firstUncoveredDate(from: string, to: string): string | null {
    const last = parseIsoDate(to).year;
    for (let year = parseIsoDate(from).year; year <= last; year += 1) {
      if (this.covered.has(year)) continue;
      const start = yearStart(year);
      return daysBetween(from, start) > 0 ? start : from;
    }
    return null;
  }

  dayKind(date: string): DayKind {
    const day = toDayNumber(date);
    const kind = this.kinds.get(day);
    if (kind === 'HOLIDAY' || (kind === undefined && this.isFallbackHoliday(day))) return 'HOLIDAY';
    if (isWeekendDay(day)) return kind === 'WORKDAY' ? 'ADJUSTED_WORKDAY' : 'WEEKEND';
    return 'WORKDAY';
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(toDayNumber(date));
  }

  /**
   * n > 0: the n-th working day after `date` (the start day itself is not counted, as a time
   * limit starts the day after acceptance — Civil Code art. 201). n = 0: `date` itself if it is
   * a working day, otherwise the next one. n < 0: the |n|-th working day before `date`.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isSafeInteger(n)) throw new RangeError(`Working-day count must be an integer: ${n}`);
    let day = toDayNumber(date);
    if (n === 0) {
      while (!this.isWorkingDayNumber(day)) day += 1;
      return fromDayNumber(day);
    }
    const step = n > 0 ? 1 : -1;
    let left = Math.abs(n);
    while (left > 0) {
      day += step;
      if (this.isWorkingDayNumber(day)) left -= 1;
    }
    return fromDayNumber(day);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    return this.addWorkingDays(date, 1);
  }

  /**
   * Working days in the half-open range (from, to]: so that
   * `workingDaysBetween(d, addWorkingDays(d, n)) === n`. Negative when `to` is before `from`.
   */
  workingDaysBetween(from: string, to: string): number {
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    if (b < a) return -this.countWorkingDays(b, a);
    return this.countWorkingDays(a, b);
  }

  private isWorkingDayNumber(day: number): boolean {
    const kind = this.kinds.get(day);
    if (kind === 'HOLIDAY') return false;
    if (kind === 'WORKDAY') return true;
    return !isWeekendDay(day) && !this.isFallbackHoliday(day);
  }

  /** A statutory holiday in an uncovered year (entries of that year still win). */
  private isFallbackHoliday(day: number): boolean {
    const year = Number(fromDayNumber(day).slice(0, 4));
    return !this.covered.has(year) && this.fallbackDaysOf(year).has(day);
  }

  private fallbackDaysOf(year: number): ReadonlySet<number> {
    let days = this.fallbackDays.get(year);
    if (!days) {
      days = new Set(this.statutoryHolidays(year).map((h) => toDayNumber(h.date)));
      this.fallbackDays.set(year, days);
    }
    return days;
  }

  /** Weekday statutory holidays without an entry of their own in the uncovered years, within (a, b]. */
  private fallbackHolidaysIn(a: number, b: number): number {
    let count = 0;
    const last = Number(fromDayNumber(b).slice(0, 4));
    for (let year = Number(fromDayNumber(a + 1).slice(0, 4)); year <= last; year += 1) {
      if (this.covered.has(year)) continue;
      for (const day of this.fallbackDaysOf(year)) {
        if (day > a && day <= b && !isWeekendDay(day) && !this.kinds.has(day)) count += 1;
      }
    }
    return count;
  }

  /** Working days in (a, b] for a ≤ b, in O(log entries) rather than one step per day. */
  private countWorkingDays(a: number, b: number): number {
    const span = b - a;
    let count = Math.floor(span / 7) * 5;
    for (let day = a + 1 + Math.floor(span / 7) * 7; day <= b; day += 1) {
      if (!isWeekendDay(day)) count += 1;
    }
    for (let i = this.firstAdjustmentAfter(a); i < this.adjustments.length; i += 1) {
      const adjustment = this.adjustments[i];
      if (adjustment === undefined || adjustment.day > b) break;
      count += adjustment.delta;
    }
    return count - this.fallbackHolidaysIn(a, b);
  }

  /** Index of the first adjustment with day > a (binary search). */
  private firstAdjustmentAfter(a: number): number {
    let lo = 0;
    let hi = this.adjustments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const adjustment = this.adjustments[mid];
      if (adjustment !== undefined && adjustment.day <= a) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
