// Official public holidays and 调休 working days for 2025–2026, derived from the `chinese-days`
// package (which tracks the State Council's annual 节假日安排 notices) rather than typed by hand:
// a hand-typed table is exactly where a swapped 调休 Saturday hides. Only exceptions to the
// Monday–Friday rule are kept (CalendarDay's contract): HOLIDAY for every holiday day, on a weekday
// or a weekend, and WORKDAY only for a Saturday or Sunday that is worked.
import { getDayDetail } from 'chinese-days';
import type { CalendarDayKind } from '@palm/db/client';

export interface SeedCalendarDay {
  /** YYYY-MM-DD. */
  date: string;
  kind: CalendarDayKind;
  name: string;
}

export const CALENDAR_RANGE = { from: '2025-01-01', to: '2026-12-31' } as const;

// chinese-days names a festival "English,中文,days" (e.g. "Tomb-sweeping Day,清明,1"); the
// Chinese part is the short form, so map to the names used in the State Council notices.
const FESTIVAL_NAMES: Readonly<Record<string, string>> = {
  "New Year's Day": '元旦',
  'Spring Festival': '春节',
  'Tomb-sweeping Day': '清明节',
  'Labour Day': '劳动节',
  'Dragon Boat Festival': '端午节',
  'Mid-autumn Festival': '中秋节',
  'National Day': '国庆节',
};

function festivalName(detailName: string): string | null {
  const parts = detailName.split(',');
  if (parts.length < 2) return null; // a plain weekday/weekend name such as "Monday"
  const [english = '', chinese = ''] = parts;
  return FESTIVAL_NAMES[english] ?? (chinese || english);
}

const DAY_MS = 24 * 60 * 60 * 1000;

function deriveCalendar(from: string, to: string): SeedCalendarDay[] {
  const days: SeedCalendarDay[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += DAY_MS) {
    const date = new Date(t).toISOString().slice(0, 10);
    const weekday = new Date(t).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const detail = getDayDetail(date);
    const festival = festivalName(detail.name);
    if (!detail.work && festival) days.push({ date, kind: 'HOLIDAY', name: festival });
    else if (detail.work && weekend) days.push({ date, kind: 'WORKDAY', name: `${festival ?? ''}调休上班` });
  }
  return days;
}

export const CALENDAR_DAYS: readonly SeedCalendarDay[] = deriveCalendar(CALENDAR_RANGE.from, CALENDAR_RANGE.to);

/** Spot checks against the published 2026 arrangement; validateSeedData reports any mismatch. */
export const CALENDAR_EXPECTATIONS: readonly { date: string; kind: CalendarDayKind }[] = [
  { date: '2026-01-01', kind: 'HOLIDAY' },
  { date: '2026-01-04', kind: 'WORKDAY' },
  { date: '2026-02-14', kind: 'WORKDAY' },
  ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => ({ date: `2026-02-${d}`, kind: 'HOLIDAY' as const })),
  { date: '2026-02-28', kind: 'WORKDAY' },
  { date: '2026-10-01', kind: 'HOLIDAY' },
  { date: '2026-10-07', kind: 'HOLIDAY' },
  { date: '2026-10-10', kind: 'WORKDAY' },
  { date: '2025-01-26', kind: 'WORKDAY' },
  { date: '2025-10-06', kind: 'HOLIDAY' },
];
