import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { getHolidaysInRange, getLunarDate, getWorkdaysInRange, isHoliday, isWorkday } from 'chinese-days';
import fc from 'fast-check';
import { statutoryHolidaysOf } from '../src/server/holidays';
import type { CalendarEntry } from '../src/working-days';
import { addDays, coveredYearsOf, daysBetween, isIsoDate, isoWeekday, parseIsoDate, WorkingCalendar } from '../src/working-days';

/** The official calendar as the seeds load it: State Council holidays and 调休 weekend working days. */
function officialEntries(from: string, to: string): CalendarEntry[] {
  const holidays = getHolidaysInRange(from, to, false).map((date): CalendarEntry => ({ date, kind: 'HOLIDAY' }));
  const workdays = getWorkdaysInRange(from, to, true)
    .filter((date) => isoWeekday(date) >= 6)
    .map((date): CalendarEntry => ({ date, kind: 'WORKDAY' }));
  return [...holidays, ...workdays];
}

const calendar = new WorkingCalendar(officialEntries('2025-01-01', '2026-12-31'));
const dateIn2025And2026 = fc.integer({ min: 0, max: 729 }).map((i) => addDays('2025-01-01', i));

describe('date helpers', () => {
  it('checks real calendar dates strictly', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-4-1')).toBe(false);
    expect(isIsoDate('2026-04-01T00:00')).toBe(false);
    expect(() => parseIsoDate('2026-00-10')).toThrow(RangeError);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('1969-12-31', 1)).toBe('1970-01-01');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('gives ISO weekdays (Monday = 1)', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-02-14')).toBe(6);
    expect(isoWeekday('2026-02-15')).toBe(7);
    expect(isoWeekday('1949-10-01')).toBe(6);
  });

  it('agrees with Date.UTC for any date from 1600 to 2400', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1600-01-01T00:00:00Z'), max: new Date('2400-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -1000, max: 1000 }),
        (d, n) => {
          const date = d.toISOString().slice(0, 10);
          const utc = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + n));
          const expectedWeekday = ((d.getUTCDay() + 6) % 7) + 1;
          return addDays(date, n) === utc.toISOString().slice(0, 10) && isoWeekday(date) === expectedWeekday && daysBetween(date, addDays(date, n)) === n;
        },
      ),
    );
  });
});

describe('WorkingCalendar with the official 2026 calendar', () => {
  it('works on the 调休 Saturdays 2026-02-14, 2026-02-28 and 2026-10-10', () => {
    for (const date of ['2026-02-14', '2026-02-28', '2026-10-10']) {
      expect(calendar.isWorkingDay(date)).toBe(true);
      expect(calendar.dayKind(date)).toBe('ADJUSTED_WORKDAY');
    }
  });

  it('rests through the Spring Festival 2026-02-15 … 2026-02-23', () => {
    for (let date = '2026-02-15'; date <= '2026-02-23'; date = addDays(date, 1)) {
      expect(calendar.isWorkingDay(date)).toBe(false);
      expect(calendar.dayKind(date)).toBe('HOLIDAY');
    }
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
  });

  it('classifies plain weekdays and weekends', () => {
    expect(calendar.dayKind('2026-11-23')).toBe('WORKDAY');
    expect(calendar.dayKind('2026-11-28')).toBe('WEEKEND');
    expect(calendar.dayKind('2026-01-03')).toBe('HOLIDAY');
  });

  it('agrees with chinese-days on every day of 2025 and 2026', () => {
    for (let date = '2025-01-01'; date <= '2026-12-31'; date = addDays(date, 1)) {
      expect([date, calendar.isWorkingDay(date)]).toEqual([date, isWorkday(date)]);
    }
  });

  it('adds working days across the Spring Festival', () => {
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    // A 5-working-day limit accepted on Thursday 2026-02-12: Fri 13, Sat 14 (调休), Tue 24, Wed 25, Thu 26.
    expect(calendar.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
    expect(calendar.workingDaysBetween('2026-02-12', '2026-02-26')).toBe(5);
    // National Day 2026-10-01 … 07 is off; Thursday 10-08 is the next working day, then Fri 09, Sat 10 (调休).
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
  });

  it('returns the day itself for n = 0 when it is a working day, else the next working day', () => {
    expect(calendar.addWorkingDays('2026-11-23', 0)).toBe('2026-11-23');
    expect(calendar.addWorkingDays('2026-11-28', 0)).toBe('2026-11-30');
    expect(calendar.addWorkingDays('2026-02-15', 0)).toBe('2026-02-24');
    expect(calendar.nextWorkingDay('2026-11-27')).toBe('2026-11-30');
    expect(calendar.nextWorkingDay('2026-11-23')).toBe('2026-11-24');
  });

  it('counts backwards for negative n', () => {
    expect(calendar.addWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-11-30', -1)).toBe('2026-11-27');
  });

  it('counts working days in (from, to], negative when reversed', () => {
    expect(calendar.workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(calendar.workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1);
    expect(calendar.workingDaysBetween('2026-11-23', '2026-11-20')).toBe(-1);
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(getWorkdaysInRange('2026-01-01', '2026-12-31', true).length);
  });

  it('lands on a working day exactly n working days later (property)', () => {
    fc.assert(
      fc.property(dateIn2025And2026, fc.integer({ min: 0, max: 60 }), (date, n) => {
        const start = calendar.addWorkingDays(date, 0);
        const end = calendar.addWorkingDays(start, n);
        return calendar.isWorkingDay(end) && calendar.workingDaysBetween(start, end) === n;
      }),
    );
  });

  it('counts n ≥ 1 working days from any day, working or not (property)', () => {
    fc.assert(
      fc.property(dateIn2025And2026, fc.integer({ min: 1, max: 60 }), (date, n) => {
        const end = calendar.addWorkingDays(date, n);
        return calendar.isWorkingDay(end) && calendar.workingDaysBetween(date, end) === n && calendar.addWorkingDays(end, -n) <= date;
      }),
    );
  });

  it('counts ranges like a day-by-day walk (property)', () => {
    fc.assert(
      fc.property(dateIn2025And2026, dateIn2025And2026, (from, to) => {
        let walked = 0;
        for (let date = from; date < to; ) {
          date = addDays(date, 1);
          if (calendar.isWorkingDay(date)) walked += 1;
        }
        return calendar.workingDaysBetween(from, to) === (from <= to ? walked : -calendar.workingDaysBetween(to, from));
      }),
    );
  });
});

describe('WorkingCalendar construction', () => {
  it('without entries is Monday–Friday minus the fixed-date holidays', () => {
    const plain = new WorkingCalendar([]);
    expect(plain.isWorkingDay('2026-10-01')).toBe(false);
    expect(plain.isWorkingDay('2026-10-10')).toBe(false);
    expect(plain.addWorkingDays('2026-11-27', 1)).toBe('2026-11-30');
  });

  it('refuses a date that is both a holiday and a working day, and malformed dates', () => {
    expect(() => new WorkingCalendar([{ date: '2026-10-10', kind: 'HOLIDAY' }, { date: '2026-10-10', kind: 'WORKDAY' }])).toThrow(RangeError);
    expect(() => new WorkingCalendar([{ date: '2026-02-30', kind: 'HOLIDAY' }])).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2026/11/23')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-11-23', 1.5)).toThrow(RangeError);
  });

  it('tolerates the same fact listed twice', () => {
    const entry = { date: '2026-10-01', kind: 'HOLIDAY' } as const;
    const twice = new WorkingCalendar([entry, entry], { coveredYears: [2026] });
    expect(twice.workingDaysBetween('2026-09-30', '2026-10-02')).toBe(1);
  });
});

describe('calendar coverage and the fixed-date fallback', () => {
  it('counts a year as covered when its 元旦 is loaded', () => {
    expect(calendar.coveredYears).toEqual([2025, 2026]);
    expect(calendar.isCovered('2026-12-31')).toBe(true);
    expect(calendar.isCovered('2027-01-01')).toBe(false);
    expect(coveredYearsOf([{ date: '2027-02-06', kind: 'WORKDAY' }])).toEqual([]);
  });

  it('names the first uncovered date of a range, or null when the range is covered', () => {
    expect(calendar.firstUncoveredDate('2026-12-15', '2027-02-12')).toBe('2027-01-01');
    expect(calendar.firstUncoveredDate('2026-10-01', '2026-11-29')).toBeNull();
    expect(calendar.firstUncoveredDate('2027-03-01', '2027-04-29')).toBe('2027-03-01');
    expect(calendar.firstUncoveredDate('2024-12-01', '2025-01-29')).toBe('2024-12-01');
  });

  it('treats 元旦, 劳动节 (05-01, 05-02) and 国庆 (10-01…10-03) of an uncovered year as holidays', () => {
    for (const date of ['2027-01-01', '2027-05-01', '2028-05-02', '2027-10-01', '2028-10-02', '2028-10-03']) {
      expect(calendar.dayKind(date)).toBe('HOLIDAY');
      expect(calendar.isWorkingDay(date)).toBe(false);
    }
    expect(calendar.isWorkingDay('2027-10-04')).toBe(true);
    expect(calendar.dayKind('2027-01-04')).toBe('WORKDAY');
  });

  it('skips the fallback holidays in working-day arithmetic', () => {
    // Thu 2026-12-31 (covered) → Fri 2027-01-01 is 元旦 → Mon 2027-01-04.
    expect(calendar.nextWorkingDay('2026-12-31')).toBe('2027-01-04');
    expect(calendar.workingDaysBetween('2026-12-31', '2027-01-04')).toBe(1);
    expect(calendar.addWorkingDays('2027-01-04', -1)).toBe('2026-12-31');
    // Fri 2027-10-01 is 国庆; Mon 10-04 is the first working day after it.
    expect(calendar.workingDaysBetween('2027-09-30', '2027-10-04')).toBe(1);
    // Mon 2028-10-02 and Tue 10-03 too: Fri 09-29 → Wed 10-04 is one working day.
    expect(calendar.workingDaysBetween('2028-09-29', '2028-10-04')).toBe(1);
  });

  it('lets a loaded entry of an uncovered year win over the fallback', () => {
    const corrected = new WorkingCalendar([{ date: '2027-01-01', kind: 'WORKDAY' }], { coveredYears: [] });
    expect(corrected.isWorkingDay('2027-01-01')).toBe(true);
    expect(corrected.workingDaysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });

  it('applies no fallback to a covered year whose notice moved a fixed date', () => {
    const covered = new WorkingCalendar([], { coveredYears: [2027] });
    expect(covered.isWorkingDay('2027-10-01')).toBe(true);
  });

  it('agrees between counting and walking across uncovered years', () => {
    const sparse = new WorkingCalendar(officialEntries('2026-01-01', '2026-12-31'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 365 }), fc.integer({ min: 1, max: 800 }), (offset, n) => {
        const from = addDays('2025-06-01', offset);
        return sparse.workingDaysBetween(from, sparse.addWorkingDays(from, n)) === n;
      }),
    );
  });
});

describe('the statutory holidays of a year without its notice (lunar ones included)', () => {
  const datesOf = (year: number) => statutoryHolidaysOf(year).map((h) => `${h.date} ${h.name}`);
  const withLaw = new WorkingCalendar(officialEntries('2025-01-01', '2026-12-31'), { statutoryHolidays: statutoryHolidaysOf });

  it('lists the 13 days of 2027: 除夕 and 正月初一–初三, 清明, 端午 and 中秋 beside the fixed dates', () => {
    expect(datesOf(2027)).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
  });

  it('lists 2028, whose 中秋 falls on 国庆 (10-03) and whose 端午 falls in a year with a leap fifth month', () => {
    expect(datesOf(2028)).toEqual([
      '2028-01-01 元旦',
      '2028-01-25 春节',
      '2028-01-26 春节',
      '2028-01-27 春节',
      '2028-01-28 春节',
      '2028-04-04 清明节',
      '2028-05-01 劳动节',
      '2028-05-02 劳动节',
      '2028-05-28 端午节',
      '2028-10-01 国庆节',
      '2028-10-02 国庆节',
      '2028-10-03 国庆节',
      '2028-10-03 中秋节',
    ]);
  });

  it('finds every one of them among the official holidays of 2025 and 2026 (the notices chinese-days holds)', () => {
    for (const year of [2025, 2026]) {
      const days = statutoryHolidaysOf(year);
      expect(new Set(days.map((h) => h.date)).size).toBe(13);
      for (const { date } of days) expect([date, isHoliday(date)]).toEqual([date, true]);
    }
  });

  it('puts the lunar days where an independent lunar conversion does, 2027–2099', () => {
    for (let year = 2027; year <= 2099; year += 1) {
      const days = statutoryHolidaysOf(year);
      const lunar = (name: string) => days.filter((h) => h.name === name).map((h) => getLunarDate(h.date));
      const [eve, first, second, third] = lunar('春节');
      expect([year, eve?.lunarMon, eve?.lunarDay === 29 || eve?.lunarDay === 30]).toEqual([year, 12, true]);
      expect([first, second, third].map((d) => `${d?.lunarMon}-${d?.lunarDay}`)).toEqual(['1-1', '1-2', '1-3']);
      expect(lunar('端午节').map((d) => [d.lunarMon, d.lunarDay, d.isLeap])).toEqual([[5, 5, false]]);
      expect(lunar('中秋节').map((d) => [d.lunarMon, d.lunarDay, d.isLeap])).toEqual([[8, 15, false]]);
      // 清明 is a solar term, on 4, 5 or 6 April.
      const qingming = days.find((h) => h.name === '清明节')?.date.slice(5);
      expect(['04-04', '04-05', '04-06']).toContain(qingming);
      expect(days.every((h) => h.date.startsWith(`${year}-`))).toBe(true);
    }
  });

  it('gives the same dates whatever the host’s time zone', () => {
    // A process of its own per zone: the zone is read from TZ when the process starts.
    const tsx = join(__dirname, '../../node_modules/.bin/tsx');
    const script = `import { statutoryHolidaysOf } from './src/server/holidays'; console.log(JSON.stringify([2027, 2028, 2100].map(statutoryHolidaysOf)));`;
    const expected = JSON.stringify([2027, 2028, 2100].map(statutoryHolidaysOf));
    for (const TZ of ['America/New_York', 'Pacific/Kiritimati']) {
      const printed = execFileSync(tsx, ['-e', script], { cwd: join(__dirname, '..'), env: { ...process.env, TZ }, encoding: 'utf8' });
      expect([TZ, printed.trim()]).toEqual([TZ, expected]);
    }
  });

  it('rests on 除夕 and 正月初一–初三 of 2027 and works the Tuesday after, the notice’s bridging days being unknown', () => {
    for (const date of ['2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15']) {
      expect([date, withLaw.dayKind(date)]).toEqual([date, 'HOLIDAY']);
    }
    expect(withLaw.dayKind('2027-02-09')).toBe('WORKDAY');
    // Thu 02-04 → Fri 除夕, the weekend, Mon 初三 → Tue 02-09.
    expect(withLaw.nextWorkingDay('2027-02-04')).toBe('2027-02-09');
    expect(withLaw.workingDaysBetween('2027-02-04', '2027-02-09')).toBe(1);
    expect(withLaw.addWorkingDays('2027-02-09', -1)).toBe('2027-02-04');
    // Mon 2028-01-24 → 除夕 Tue 01-25 … 初三 Fri 01-28 → Mon 01-31.
    expect(withLaw.nextWorkingDay('2028-01-24')).toBe('2028-01-31');
    expect(withLaw.workingDaysBetween('2028-01-21', '2028-01-31')).toBe(2);
  });

  it('applies to uncovered years only: a loaded notice and its entries still decide', () => {
    const loaded = new WorkingCalendar(officialEntries('2026-01-01', '2026-12-31'), { statutoryHolidays: statutoryHolidaysOf, coveredYears: [2026, 2027] });
    expect(loaded.isWorkingDay('2027-02-05')).toBe(true);
    const corrected = new WorkingCalendar([{ date: '2027-02-06', kind: 'WORKDAY' }], { statutoryHolidays: statutoryHolidaysOf, coveredYears: [] });
    expect(corrected.dayKind('2027-02-06')).toBe('ADJUSTED_WORKDAY');
    expect(corrected.dayKind('2027-02-05')).toBe('HOLIDAY');
  });

  it('keeps the fixed-date holidays only when no lunar calendar is given (the mini-app’s default)', () => {
    expect(calendar.isWorkingDay('2027-02-05')).toBe(true);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
  });

  it('agrees between counting and walking across uncovered years with the lunar holidays (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 * 365 }), fc.integer({ min: 1, max: 800 }), (offset, n) => {
        const from = addDays('2025-06-01', offset);
        return withLaw.workingDaysBetween(from, withLaw.addWorkingDays(from, n)) === n;
      }),
    );
  });
});
