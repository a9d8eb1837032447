// Open/closed for a hall at the business clock's now: weekly hours + dated exceptions + the
// working-day calendar, all Asia/Shanghai (DESIGN.md §2 "Time", §3 Office), via @palm/shared's
// office-hours rules so the mini-app and the BFF can never disagree about what "open" means.
import { openStatus, type DayHours, type OfficeHoursException, type WeeklyHours, type WorkingCalendar } from '@palm/shared';
import { isoDateOf } from './calendar';

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
const HHMM = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/**
 * Office.weeklyHours and OfficeException.hours are JSON columns: read them defensively, so one
 * badly edited hall shows "closed" instead of breaking the list for everyone. Malformed pairs are
 * dropped; shared's rules still reject a pair that closes before it opens (handled below).
 */
export function parseDayHours(value: unknown): DayHours {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (pair): pair is [string, string] =>
      Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string' && HHMM.test(pair[0]) && HHMM.test(pair[1]),
  );
}

export function parseWeeklyHours(value: unknown): WeeklyHours {
  const source = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const result = {} as WeeklyHours;
  for (const day of WEEKDAYS) result[day] = parseDayHours(source[day]);
  return result;
}

export interface ExceptionRow {
  date: Date;
  closed: boolean;
  hours: unknown;
  note: string | null;
}

export function toHoursException(row: ExceptionRow): OfficeHoursException {
  return { date: isoDateOf(row.date), closed: row.closed, hours: row.hours == null ? null : parseDayHours(row.hours), note: row.note };
}

export interface OfficeHoursInput {
  weeklyHours: unknown;
  openOnHolidays: boolean;
  exceptions: readonly ExceptionRow[];
}

export interface OfficeOpenStatus {
  openNow: boolean;
  todayHours: DayHours;
  closesAt: string | null;
  opensNext: { date: string; time: string } | null;
}

export function officeOpenStatus(
  office: OfficeHoursInput,
  calendar: WorkingCalendar,
  at: { date: string; time: string },
  onDataError?: (err: unknown) => void,
): OfficeOpenStatus {
  try {
    const status = openStatus({
      weeklyHours: parseWeeklyHours(office.weeklyHours),
      exceptions: office.exceptions.map(toHoursException),
      calendar,
      openOnHolidays: office.openOnHolidays,
      date: at.date,
      time: at.time,
    });
    return {
      openNow: status.isOpen,
      todayHours: status.todayHours,
      closesAt: status.closesAt ?? null,
      opensNext: status.opensNext ?? null,
    };
  } catch (err) {
    // A data error (e.g. 17:00–09:00) in one hall: say closed rather than guess or fail the list.
    onDataError?.(err);
    return { openNow: false, todayHours: [], closesAt: null, opensNext: null };
  }
}
