// One year's official holiday arrangement (the State Council General Office's 节假日安排 notice)
// from a JSON file, for a year the `chinese-days` package does not know yet. The shape follows the
// notice: per festival the days off as a range, and the weekend days worked (调休上班):
//
//   {
//     "year": 2027,
//     "holidays": [{ "name": "元旦", "from": "2027-01-01", "to": "2027-01-03" }, …],
//     "workdays": [{ "name": "春节调休上班", "date": "2027-02-07" }, …]
//   }
//
// Loading replaces that year's CalendarDay rows with the file's (a corrected notice removes days
// too) and is idempotent: a second load of the same file writes nothing. The year counts as
// covered once loaded (WorkingCalendar recognises a loaded year by its 元旦, so it is required).
import type { PrismaClient } from '@palm/db/client';
import { addDays, daysBetween, isIsoDate, isoWeekday } from '@palm/shared';
import type { SeedCalendarDay } from './data/calendar';

export interface CalendarYearFile {
  year: number;
  days: SeedCalendarDay[];
}

export class CalendarFileError extends Error {
  constructor(
    message: string,
    /** Where in the input (`days[3].date`), when known. */
    readonly field?: string,
    /** Which rule it broke (format, year, unique, kind, weekend, newYear). */
    readonly rule?: string,
  ) {
    super(message);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown, where: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new CalendarFileError(`${where}: expected a non-empty string`);
  return v.trim();
}

function isoDate(v: unknown, where: string, year: number): string {
  const date = text(v, where);
  if (!isIsoDate(date)) throw new CalendarFileError(`${where}: ${JSON.stringify(date)} is not a YYYY-MM-DD date`);
  // A notice may start 元旦 in the last days of the year before or end a festival early in the next.
  if (Math.abs(Number(date.slice(0, 4)) - year) > 1) throw new CalendarFileError(`${where}: ${date} is far outside ${year}`);
  return date;
}

function list(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new CalendarFileError(`${where}: expected an array`);
  return v;
}

/** Checks a parsed JSON document and expands it into one row per day; throws CalendarFileError. */
export function parseCalendarYear(doc: unknown): CalendarYearFile {
  if (!isRecord(doc)) throw new CalendarFileError('expected an object with year, holidays and workdays');
  const year = doc.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) throw new CalendarFileError('year: expected a year such as 2027');
  const days = new Map<string, SeedCalendarDay>();
  const add = (day: SeedCalendarDay, where: string) => {
    const existing = days.get(day.date);
    if (existing && existing.kind !== day.kind) throw new CalendarFileError(`${where}: ${day.date} is both a holiday and a working day`);
    days.set(day.date, day);
  };
  list(doc.holidays, 'holidays').forEach((h, i) => {
    const where = `holidays[${i}]`;
    if (!isRecord(h)) throw new CalendarFileError(`${where}: expected { name, from, to }`);
    const name = text(h.name, `${where}.name`);
    const from = isoDate(h.from, `${where}.from`, year);
    const to = h.to === undefined ? from : isoDate(h.to, `${where}.to`, year);
    const span = daysBetween(from, to);
    if (span < 0 || span > 15) throw new CalendarFileError(`${where}: ${from}…${to} is not a holiday range`);
    for (let d = 0; d <= span; d += 1) add({ date: addDays(from, d), kind: 'HOLIDAY', name }, where);
  });
  list(doc.workdays, 'workdays').forEach((w, i) => {
    const where = `workdays[${i}]`;
    if (!isRecord(w)) throw new CalendarFileError(`${where}: expected { name, date }`);
    const date = isoDate(w.date, `${where}.date`, year);
    checkWorkday(date, where);
    add({ date, kind: 'WORKDAY', name: text(w.name, `${where}.name`) }, where);
  });
  return { year, days: sortedWithNewYear(year, [...days.values()], 'holidays') };
}

/** Only exceptions to Mon–Fri are stored: a worked weekday is no exception, so it is a typo. */
function checkWorkday(date: string, where: string): void {
  if (isoWeekday(date) < 6) throw new CalendarFileError(`${where}: ${date} is a weekday; 调休上班 days are Saturdays or Sundays`, where, 'weekend');
}

/** The year counts as covered by its 元旦 (WorkingCalendar): a notice without it is refused. */
function sortedWithNewYear(year: number, days: SeedCalendarDay[], where: string): SeedCalendarDay[] {
  const newYear = `${year}-01-01`;
  if (!days.some((d) => d.date === newYear && d.kind === 'HOLIDAY')) throw new CalendarFileError(`${where}: ${newYear} (元旦) is missing; every notice starts with it`, where, 'newYear');
  return [...days].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The same notice as a list of days (the admin console's import: `{year, days: [{date, kind,
 * name}]}`), held to the same rules and stricter about dates: every date in `year`, each listed
 * once (a day cannot be two things), kinds HOLIDAY or WORKDAY, 调休上班 on weekends, 元旦 present.
 * Throws CalendarFileError naming the field (`days[3].date`).
 */
export function checkCalendarDays(year: number, days: ReadonlyArray<{ date: string; kind: string; name: string }>): CalendarYearFile {
  const seen = new Map<string, number>();
  const checked = days.map((d, i): SeedCalendarDay => {
    const where = `days[${i}]`;
    if (!isIsoDate(d.date)) throw new CalendarFileError(`${where}.date: ${JSON.stringify(d.date)} is not a YYYY-MM-DD date`, `${where}.date`, 'format');
    if (!d.date.startsWith(`${year}-`)) throw new CalendarFileError(`${where}.date: ${d.date} is not in ${year}`, `${where}.date`, 'year');
    const earlier = seen.get(d.date);
    if (earlier !== undefined) throw new CalendarFileError(`${where}.date: ${d.date} is listed twice (days[${earlier}])`, `${where}.date`, 'unique');
    seen.set(d.date, i);
    if (d.kind !== 'HOLIDAY' && d.kind !== 'WORKDAY') throw new CalendarFileError(`${where}.kind: expected HOLIDAY or WORKDAY`, `${where}.kind`, 'kind');
    if (d.kind === 'WORKDAY') checkWorkday(d.date, `${where}.date`);
    return { date: d.date, kind: d.kind, name: text(d.name, `${where}.name`) };
  });
  return { year, days: sortedWithNewYear(year, checked, 'days') };
}

export interface CalendarLoadSummary {
  year: number;
  created: number;
  updated: number;
  deleted: number;
}

const dbDate = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const isoOf = (d: Date) => d.toISOString().slice(0, 10);

/** Writes the year's days in one transaction: inserts, corrects and removes rows until they match. */
export async function loadCalendarYear(prisma: PrismaClient, file: CalendarYearFile): Promise<CalendarLoadSummary> {
  const { year, days } = file;
  return prisma.$transaction(async (tx) => {
    const dates = days.map((d) => dbDate(d.date));
    const existing = await tx.calendarDay.findMany({
      where: { OR: [{ date: { gte: dbDate(`${year}-01-01`), lte: dbDate(`${year}-12-31`) } }, { date: { in: dates } }] },
    });
    const byDate = new Map(existing.map((r) => [isoOf(r.date), r]));
    const wanted = new Set(days.map((d) => d.date));
    let created = 0;
    let updated = 0;
    for (const day of days) {
      const row = byDate.get(day.date);
      if (!row) {
        await tx.calendarDay.create({ data: { date: dbDate(day.date), kind: day.kind, name: day.name } });
        created += 1;
      } else if (row.kind !== day.kind || row.name !== day.name) {
        await tx.calendarDay.update({ where: { date: row.date }, data: { kind: day.kind, name: day.name } });
        updated += 1;
      }
    }
    // Days of that year the file no longer lists: the notice is the whole truth for its year.
    const stale = existing.filter((r) => isoOf(r.date).startsWith(`${year}-`) && !wanted.has(isoOf(r.date))).map((r) => r.date);
    const deleted = stale.length ? (await tx.calendarDay.deleteMany({ where: { date: { in: stale } } })).count : 0;
    return { year, created, updated, deleted };
  });
}
