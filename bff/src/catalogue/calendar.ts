// The working-day calendar (holidays and 调休 working weekends) as a WorkingCalendar, loaded from
// CalendarDay with a short in-process cache: every office list computes open/closed for a dozen
// halls, and the calendar changes once a year (the State Council notice), not per request.
import { addDays, WorkingCalendar, type CalendarEntry } from '@palm/shared';
import { statutoryHolidaysOf } from '@palm/shared/server';
import type { PrismaClient } from '@palm/db/client';
import type { AppResources } from '../resources';
import { TtlCache } from '../lib/ttl-cache';

/**
 * Short enough that an admin's correction is seen within a minute on every instance without any
 * invalidation message; long enough that a burst of list requests costs one query.
 */
export const CALENDAR_TTL_MS = 60_000;

export const isoDateOf = (value: Date): string => value.toISOString().slice(0, 10);

/** How far ahead the calendar must be loaded: further than any booking horizon or SLA in practice. */
export const COVERAGE_HORIZON_DAYS = 60;

export interface CalendarCoverage {
  coveredYears: number[];
  /** The days checked, today (Asia/Shanghai) and the next COVERAGE_HORIZON_DAYS. */
  horizon: { from: string; to: string };
  /** The first day in the horizon without its year's notice, or null when all are covered. */
  uncoveredFrom: string | null;
  /** An operator-facing warning, or null. */
  warning: string | null;
}

/** Whether the next 60 days have their official notice loaded; outside it only the statutory holidays apply. */
export function calendarCoverage(calendar: WorkingCalendar, today: string): CalendarCoverage {
  const horizon = { from: today, to: addDays(today, COVERAGE_HORIZON_DAYS) };
  const uncoveredFrom = calendar.firstUncoveredDate(horizon.from, horizon.to);
  const warning = uncoveredFrom
    ? `holiday calendar not loaded from ${uncoveredFrom} (covers ${calendar.coveredYears.join(', ') || 'no year'}): ` +
      `only the statutory days (元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆) are holidays there, without the notice's ` +
      `bridging days and 调休; load the year's notice with npm run db:calendar -- <file.json>`
    : null;
  return { coveredYears: calendar.coveredYears, horizon, uncoveredFrom, warning };
}

export class CalendarCache {
  private readonly cache: TtlCache<'calendar', WorkingCalendar>;

  constructor(
    private readonly prisma: PrismaClient,
    ttlMs = CALENDAR_TTL_MS,
    nowMs: () => number = Date.now,
  ) {
    this.cache = new TtlCache(ttlMs, 1, nowMs);
  }

  get(): Promise<WorkingCalendar> {
    return this.cache.get('calendar', () => this.load());
  }

  invalidate(): void {
    this.cache.clear();
  }

  private async load(): Promise<WorkingCalendar> {
    // Only exceptions to Mon–Fri are stored (a few dozen rows a year), so the whole table is small.
    const rows = await this.prisma.calendarDay.findMany({ select: { date: true, kind: true }, orderBy: { date: 'asc' } });
    const entries: CalendarEntry[] = rows.map((r) => ({ date: isoDateOf(r.date), kind: r.kind }));
    // A year without its notice still rests on the days the law fixes, lunar ones included.
    return new WorkingCalendar(entries, { statutoryHolidays: statutoryHolidaysOf });
  }
}

// One cache per set of app resources (one per process in production; one per test app, so a test
// that builds a fresh app never sees another test's calendar).
const caches = new WeakMap<AppResources, CalendarCache>();

export function calendarCacheFor(resources: AppResources): CalendarCache {
  let cache = caches.get(resources);
  if (!cache) {
    cache = new CalendarCache(resources.db.prisma);
    caches.set(resources, cache);
  }
  return cache;
}
