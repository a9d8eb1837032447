// The one source of time for the BFF (DESIGN.md §2 "Time"). Business dates and opening hours are
// Asia/Shanghai wall-clock values; instants are `Date`s. Outside production PALM_CLOCK pins the
// start instant so demos and tests at any hour see an open hall; the clock then runs forward.
import { isIsoDate, isoWeekday } from '@palm/shared';

export const BUSINESS_TZ = 'Asia/Shanghai';

export interface BusinessDateTime {
  /** YYYY-MM-DD in Asia/Shanghai. */
  date: string;
  /** HH:mm (24-hour) in Asia/Shanghai. */
  time: string;
  /** ISO weekday of `date`, Monday = 1 … Sunday = 7. */
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

export interface Clock {
  now(): Date;
  /** YYYY-MM-DD in Asia/Shanghai of `at` (default: now). */
  businessDate(at?: Date): string;
  /** HH:mm in Asia/Shanghai of `at` (default: now). */
  businessTime(at?: Date): string;
  businessDateTime(at?: Date): BusinessDateTime;
}

export interface ClockOptions {
  /** ISO 8601 instant with an offset, e.g. 2026-11-23T09:30:00+08:00 (from parsePalmClock). */
  pinnedStart?: string;
}

// One formatter for the process: building an Intl.DateTimeFormat (or a dayjs tz conversion,
// ≈ 115 µs, TOOLCHAIN.md "dayjs") per call is the expensive part; formatting is a few µs.
// 'en-CA' gives ISO-ordered numeric parts; hourCycle h23 avoids the "24:05" some engines print
// for midnight with hour12: false.
const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function toBusinessDateTime(at: Date): BusinessDateTime {
  if (Number.isNaN(at.getTime())) throw new RangeError('Invalid Date');
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(at)) parts[part.type] = part.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, time: `${parts.hour}:${parts.minute}`, weekday: isoWeekday(date) };
}

// RFC 3339 date-time (the profile of ISO 8601 with a mandatory offset). An offset is required so
// the instant never depends on the server's TZ setting.
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

function isIsoInstant(value: string): boolean {
  const m = ISO_INSTANT.exec(value);
  return m !== null && isIsoDate(m[1] ?? '') && !Number.isNaN(Date.parse(value));
}

/**
 * Validates PALM_CLOCK. Unset or blank → undefined (real time). Throws when it is set in
 * production (a pinned clock would hand out tickets and deadlines on the wrong day) or is not an
 * ISO 8601 instant with an offset.
 */
export function parsePalmClock(value: string | undefined, nodeEnv: string): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (nodeEnv === 'production') throw new Error('PALM_CLOCK is not allowed in production');
  if (!isIsoInstant(trimmed)) {
    throw new Error(
      `PALM_CLOCK must be an ISO 8601 instant with an offset, e.g. 2026-11-23T09:30:00+08:00 (got ${JSON.stringify(value)})`,
    );
  }
  return trimmed;
}

/**
 * A clock on real time, or — with pinnedStart — one that reads pinnedStart at creation and then
 * advances with real elapsed time (Date.now(), so Jest fake timers move it too).
 */
export function createClock(opts: ClockOptions = {}): Clock {
  let now: () => Date = () => new Date();
  if (opts.pinnedStart !== undefined) {
    if (!isIsoInstant(opts.pinnedStart)) {
      throw new Error(`Pinned clock start must be an ISO 8601 instant with an offset: ${JSON.stringify(opts.pinnedStart)}`);
    }
    const offsetMs = Date.parse(opts.pinnedStart) - Date.now();
    now = () => new Date(Date.now() + offsetMs);
  }
  return {
    now,
    businessDate: (at) => toBusinessDateTime(at ?? now()).date,
    businessTime: (at) => toBusinessDateTime(at ?? now()).time,
    businessDateTime: (at) => toBusinessDateTime(at ?? now()),
  };
}

/** Real time, for code that has no configured clock at hand (scripts, seeds). */
export const systemClock: Clock = createClock();

/** The clock DESIGN.md §2 describes, from PALM_CLOCK and NODE_ENV (throws as parsePalmClock does). */
export function clockFromEnv(env: { PALM_CLOCK?: string; NODE_ENV?: string } = process.env): Clock {
  return createClock({ pinnedStart: parsePalmClock(env.PALM_CLOCK, env.NODE_ENV ?? 'development') });
}
