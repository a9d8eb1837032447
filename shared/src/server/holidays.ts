// The statutory holidays of any year, as the law lays them down (全国年节及纪念日放假办法, art. 2, as
// revised by the State Council in November 2024, in force from 2025): 元旦 (01-01); 春节 (农历除夕
// and 正月初一 to 初三); 清明节 (the day of the 清明 solar term); 劳动节 (05-01, 05-02); 端午节 (农历
// 五月初五); 中秋节 (农历八月十五); 国庆节 (10-01 to 10-03) — 13 days. The yearly notice builds each
// break around these days (bridging weekends, 调休 working weekends), which no rule can foresee;
// these days themselves it never moves, so they are what a year without a notice falls back to.
//
// Server only (`@palm/shared/server`): the lunar calendar (lunar-typescript, astronomical and
// independent of the host's time zone) has no place in the mini-program bundle.
import { Lunar, Solar } from 'lunar-typescript';
import { addDays, fixedDateHolidaysOf, type StatutoryHoliday } from '../working-days';

const ymd = (solar: Solar): string => solar.toYmd();

/** The Gregorian date of a day of the lunar year that starts in `year` (months not leap). */
const lunarDay = (year: number, month: number, day: number): string => ymd(Lunar.fromYmd(year, month, day).getSolar());

const byYear = new Map<number, readonly StatutoryHoliday[]>();

/**
 * The statutory holidays of `year`, by date (a day that is two holidays — 中秋 on 10-03 in 2028 —
 * is listed under each). Every date lies in `year`: 正月初一 falls between 01-21 and 02-20, so its
 * 除夕 does too.
 */
export function statutoryHolidaysOf(year: number): readonly StatutoryHoliday[] {
  const known = byYear.get(year);
  if (known) return known;
  const newYear = lunarDay(year, 1, 1);
  // 清明 is a solar term: its day in the lunar year that holds April of `year`.
  const qingming = Solar.fromYmd(year, 4, 20).getLunar().getJieQiTable()['清明'];
  if (!qingming) throw new RangeError(`No 清明 in ${year}`);
  const holidays: StatutoryHoliday[] = [
    ...fixedDateHolidaysOf(year),
    { date: addDays(newYear, -1), name: '春节' },
    { date: newYear, name: '春节' },
    { date: addDays(newYear, 1), name: '春节' },
    { date: addDays(newYear, 2), name: '春节' },
    { date: ymd(qingming), name: '清明节' },
    { date: lunarDay(year, 5, 5), name: '端午节' },
    { date: lunarDay(year, 8, 15), name: '中秋节' },
  ].sort((a, b) => a.date.localeCompare(b.date));
  byYear.set(year, holidays);
  return holidays;
}
