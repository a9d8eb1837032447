// Words and numbers as people read them: distances, opening hours, time limits.
import type { DayHours } from '@palm/shared';
import type { OfficeSummary } from '@palm/shared/server';
import type { StatusTone } from '../components/status-tag';
import { shanghaiDate } from './server-clock';

export function formatDistance(meters: number | null | undefined): string {
  if (meters === null || meters === undefined) return '';
  if (meters < 1000) return `${Math.max(0, Math.round(meters))}米`;
  return `${(meters / 1000).toFixed(meters < 10_000 ? 1 : 0)}公里`;
}

/**
 * Facts joined by " · ", the dot glued (no-break space) to the fact before it, so a wrapped line
 * never starts with "·" at 长辈版 sizes. Empty parts are left out.
 */
export function joinFacts(...parts: Array<string | null | undefined | false>): string {
  return parts.filter(Boolean).join('\u00a0· ');
}

export function formatHours(hours: DayHours): string {
  if (hours.length === 0) return '休息';
  return hours.map(([open, close]) => `${open}–${close}`).join('，');
}

export { WEEKDAY_NAMES } from '@palm/shared';

function formatDay(date: string, now?: number): string {
  if (date === shanghaiDate(0, now)) return '今天';
  if (date === shanghaiDate(1, now)) return '明天';
  const [, month, day] = date.split('-');
  return `${Number(month)}月${Number(day)}日`;
}

export interface OfficeStatus {
  tone: StatusTone;
  text: string;
  detail: string;
}

/** When the current range ends: 关门 at the day's end, or the lunch break when another range follows today. */
function closingWords(closesAt: string, todayHours: DayHours | undefined): string {
  const next = todayHours?.find(([open]) => open >= closesAt);
  return next ? `午休 ${closesAt}–${next[0]}` : `${closesAt} 关门`;
}

/** 营业中 / 休息中 with when it closes or opens next (今天 / 明天 by the server's clock): words, not colour (DESIGN.md §4). */
export function officeStatus(office: Pick<OfficeSummary, 'openNow' | 'closesAt' | 'opensNext'> & Partial<Pick<OfficeSummary, 'todayHours'>>, now?: number): OfficeStatus {
  if (office.openNow) return { tone: 'open', text: '营业中', detail: office.closesAt ? closingWords(office.closesAt, office.todayHours) : '' };
  const next = office.opensNext;
  return { tone: 'closed', text: '休息中', detail: next ? `${formatDay(next.date, now)} ${next.time} 开门` : '' };
}

/** Promised time limit: 0 working days is 即办 (done on the spot). */
export function formatPromisedDays(days: number): string {
  return days === 0 ? '即办（当场办结）' : `${days}个工作日`;
}
