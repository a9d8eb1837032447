// Text helpers of the message templates: shortening free text for the platforms' field limits and
// saying an instant as Asia/Shanghai wall-clock time. Always absolute ("11月24日（周二）09:00"),
// never "明天": an in-app message is rendered when it is read, which may be days later.
import { isoWeekday } from '@palm/shared';

/**
 * Free text shortened for a field of `max` characters: a trailing bracketed qualifier goes first
 * ("社会保障卡申领（补领、换领）" → "社会保障卡申领"), then the end, marked with "…". Code points,
 * as WeChat and Alipay count them.
 */
export function shortText(text: string, max: number): string {
  const chars = [...text.trim()];
  if (chars.length <= max) return chars.join('');
  const bare = [...text.trim().replace(/\s*[（(][^（()）]*[)）]\s*$/u, '')];
  if (bare.length > 0 && bare.length <= max) return bare.join('');
  return `${bare.slice(0, max - 1).join('')}…`;
}

const BUSINESS_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** "2026-11-23 09:30" in Asia/Shanghai: WeChat's `time` type. */
export const businessTime = (iso: string): string => BUSINESS_TIME.format(new Date(iso));

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** "11月24日（周二）" and "09:00" in Asia/Shanghai. */
export function businessDay(iso: string): { day: string; time: string } {
  const [date = '', time = ''] = businessTime(iso).split(' ');
  const [, month, dayOfMonth] = date.split('-').map(Number);
  return { day: `${month}月${dayOfMonth}日（周${WEEKDAYS[isoWeekday(date) - 1]}）`, time };
}

/** "09:00–09:30" (a slot ending at midnight ends at 24:00 of its day, as the appointment view says). */
export function timeRange(startsAt: string, endsAt: string | undefined): string {
  const start = businessTime(startsAt);
  if (!endsAt) return start.slice(11);
  const end = businessTime(endsAt);
  return `${start.slice(11)}–${end.slice(0, 10) > start.slice(0, 10) ? '24:00' : end.slice(11)}`;
}
