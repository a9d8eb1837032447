// Asia/Shanghai wall-clock values ('YYYY-MM-DD', 'HH:mm') as instants, for rules that run on the
// BFF and in the seeds' checks alike (slot plans, check-in windows).
import { isIsoDate } from './working-days';

/**
 * The instant of a wall-clock date and time in Asia/Shanghai (slot starts, check-in windows).
 * China has kept a fixed UTC+08:00 with no daylight saving time since 1992.
 */
export function zonedDateTimeToInstant(date: string, time: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new RangeError(`Not a time of day (HH:mm): ${JSON.stringify(time)}`);
  return new Date(`${date}T${time}:00+08:00`);
}
