// Appointment rules both the BFF and the mini-app need (DESIGN.md §4 "Appointments"): when a day's
// slots are released (放号) and how that moment is said to a person. Dates and times are
// Asia/Shanghai wall-clock values ('YYYY-MM-DD', 'HH:mm'), like the office hours.
import { addDays, daysBetween, parseIsoDate } from './working-days';

/** Defaults of a slot rule when the office has not configured its own. */
export const DEFAULT_SLOT_HORIZON_DAYS = 7;
export const DEFAULT_SLOT_RELEASE_TIME = '08:00';

/** Why a listed slot cannot be booked now. */
export const SLOT_UNAVAILABLE_REASONS = ['NOT_RELEASED', 'FULL', 'PAST'] as const;
export type SlotUnavailableReason = (typeof SLOT_UNAVAILABLE_REASONS)[number];

/**
 * The business date on which slots of `slotDate` are released: `horizonDays` before it, so at the
 * release time on any day the slots N days ahead become bookable ("可预约未来 N 天，每天 8:00 放号").
 */
export function releaseDateOf(slotDate: string, horizonDays: number): string {
  return addDays(slotDate, -horizonDays);
}

/**
 * "今天 08:00 放号", "明天 08:00 放号", "后天 08:00 放号", else "11月28日 08:00 放号" (a date in
 * another year gets its year). Relative words only for the next two days: further out a person
 * plans by the date, and "大后天" is easily misread.
 */
export function releaseLabel(release: { date: string; time: string }, today: string): string {
  const offset = daysBetween(today, release.date);
  const relative = offset === 0 ? '今天' : offset === 1 ? '明天' : offset === 2 ? '后天' : null;
  if (relative) return `${relative} ${release.time} 放号`;
  const { year, month, day } = parseIsoDate(release.date);
  const sameYear = year === parseIsoDate(today).year;
  return `${sameYear ? '' : `${year}年`}${month}月${day}日 ${release.time} 放号`;
}

/** Appointment statuses (DESIGN.md §3): BOOKED → CHECKED_IN → DONE, or CANCELLED / NO_SHOW. */
export const APPOINTMENT_STATUSES = ['BOOKED', 'CHECKED_IN', 'DONE', 'CANCELLED', 'NO_SHOW'] as const;
export type AppointmentStatusKey = (typeof APPOINTMENT_STATUSES)[number];
/** Statuses that hold a place and count towards the limits below. */
export const ACTIVE_APPOINTMENT_STATUSES: readonly AppointmentStatusKey[] = ['BOOKED', 'CHECKED_IN'];

/** DESIGN.md §4: per person at most this many active bookings in all (also a CHECK in the database). */
export const MAX_ACTIVE_APPOINTMENTS = 3;
/** DESIGN.md §4: cancelling (and rescheduling) is possible until this many minutes before the start. */
export const APPOINTMENT_CHANGE_CUTOFF_MINUTES = 30;

/**
 * Appointment codes: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L), read out
 * at a window or typed by a clerk. 31⁶ ≈ 8.9 × 10⁸ codes.
 */
export const APPOINTMENT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const APPOINTMENT_CODE_LENGTH = 6;

/** DESIGN.md §4: check-in is open from this many minutes before the slot start … */
export const CHECK_IN_OPENS_MINUTES_BEFORE = 30;
/** … until this many minutes after it; after that a job marks the appointment NO_SHOW. */
export const CHECK_IN_CLOSES_MINUTES_AFTER = 15;

/** DESIGN.md §4: this many no-shows within `windowDays` suspend online booking for `suspendDays`. */
export const NO_SHOW_RULE = { count: 3, windowDays: 30, suspendDays: 7 } as const;
/** People this old or older are never suspended for no-shows (issue 5). */
export const NO_SHOW_EXEMPT_AGE = 70;

/** 候补: at most this many WAITING entries per person. */
export const MAX_WAITING_ENTRIES = 3;

/** Reminders (issue 5 step 4): the day before (this many hours before the start) and 1 hour before. */
export const REMINDER_DAY_BEFORE_HOURS = 24;
export const REMINDER_HOUR_BEFORE_MINUTES = 60;
