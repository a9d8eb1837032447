import { getHolidaysInRange, getWorkdaysInRange } from 'chinese-days';
import fc from 'fast-check';
import type { OfficeHoursException, WeeklyHours } from '../src/office-hours';
import { hoursOn, isOpenAt, openStatus } from '../src/office-hours';
import type { CalendarEntry } from '../src/working-days';
import { addDays, isoWeekday, WorkingCalendar } from '../src/working-days';

function officialEntries(from: string, to: string): CalendarEntry[] {
  const holidays = getHolidaysInRange(from, to, false).map((date): CalendarEntry => ({ date, kind: 'HOLIDAY' }));
  const workdays = getWorkdaysInRange(from, to, true)
    .filter((date) => isoWeekday(date) >= 6)
    .map((date): CalendarEntry => ({ date, kind: 'WORKDAY' }));
  return [...holidays, ...workdays];
}

const calendar = new WorkingCalendar(officialEntries('2025-01-01', '2026-12-31'));

// A county centre: weekdays with a lunch break, Friday afternoon shorter, closed at weekends.
const weekday: Array<[string, string]> = [
  ['09:00', '12:00'],
  ['14:00', '17:30'],
];
const weeklyHours: WeeklyHours = {
  '1': weekday,
  '2': weekday,
  '3': weekday,
  '4': weekday,
  '5': [
    ['09:00', '12:00'],
    ['14:00', '17:00'],
  ],
  '6': [],
  '7': [],
};

const exceptions: OfficeHoursException[] = [
  { date: '2026-11-25', closed: true, note: '系统升级，暂停服务' },
  { date: '2026-11-26', closed: false, hours: [['09:00', '20:00']], note: '延时服务' },
  { date: '2026-10-05', closed: false, hours: null, note: '国庆期间开放' },
];

const base = { weeklyHours, exceptions, calendar, openOnHolidays: false };

describe('hoursOn', () => {
  it('uses the weekly hours on a plain weekday', () => {
    expect(hoursOn({ ...base, date: '2026-11-23' })).toEqual({ hours: weekday, reason: 'REGULAR' });
    expect(hoursOn({ ...base, date: '2026-11-28' })).toEqual({ hours: [], reason: 'REGULAR' });
  });

  it('lets a dated exception win: closed, other hours, or open with regular hours on a holiday', () => {
    expect(hoursOn({ ...base, date: '2026-11-25' })).toEqual({ hours: [], reason: 'EXCEPTION' });
    expect(hoursOn({ ...base, date: '2026-11-26' })).toEqual({ hours: [['09:00', '20:00']], reason: 'EXCEPTION' });
    expect(hoursOn({ ...base, date: '2026-10-05' })).toEqual({ hours: weekday, reason: 'EXCEPTION' });
  });

  it('closes on an official holiday unless the office opens on holidays', () => {
    expect(hoursOn({ ...base, date: '2026-10-01' })).toEqual({ hours: [], reason: 'HOLIDAY' });
    expect(hoursOn({ ...base, openOnHolidays: true, date: '2026-10-01' })).toEqual({ hours: weekday, reason: 'HOLIDAY' });
  });

  it('opens a 调休 Saturday with Monday’s hours', () => {
    expect(hoursOn({ ...base, date: '2026-02-14' })).toEqual({ hours: weekday, reason: 'ADJUSTED_WORKDAY' });
    expect(hoursOn({ ...base, date: '2026-10-10' })).toEqual({ hours: weekday, reason: 'ADJUSTED_WORKDAY' });
  });

  it('takes the first weekday with hours on a 调休 day when the office is closed on Mondays', () => {
    const tuesdayToSaturday = { ...weeklyHours, '1': [], '6': [['09:00', '12:00']] } as WeeklyHours;
    expect(hoursOn({ ...base, weeklyHours: tuesdayToSaturday, date: '2026-02-14' }).hours).toEqual(weekday);
  });

  it('sorts and merges overlapping or touching intervals', () => {
    const messy = { ...weeklyHours, '1': [['14:00', '17:00'], ['08:30', '12:00'], ['11:00', '12:30'], ['17:00', '18:00']] } as WeeklyHours;
    expect(hoursOn({ ...base, weeklyHours: messy, date: '2026-11-23' }).hours).toEqual([
      ['08:30', '12:30'],
      ['14:00', '18:00'],
    ]);
  });

  it('throws on malformed hours rather than guessing', () => {
    const broken = { ...weeklyHours, '1': [['9:00', '12:00']] } as WeeklyHours;
    expect(() => hoursOn({ ...base, weeklyHours: broken, date: '2026-11-23' })).toThrow(RangeError);
    const backwards = { ...weeklyHours, '1': [['12:00', '09:00']] } as WeeklyHours;
    expect(() => hoursOn({ ...base, weeklyHours: backwards, date: '2026-11-23' })).toThrow(RangeError);
  });
});

describe('isOpenAt', () => {
  it('is open from the opening minute until just before closing', () => {
    expect(isOpenAt({ ...base, date: '2026-11-23', time: '08:59' })).toBe(false);
    expect(isOpenAt({ ...base, date: '2026-11-23', time: '09:00' })).toBe(true);
    expect(isOpenAt({ ...base, date: '2026-11-23', time: '11:59' })).toBe(true);
    expect(isOpenAt({ ...base, date: '2026-11-23', time: '17:30' })).toBe(false);
  });

  it('is closed over the lunch break', () => {
    expect(isOpenAt({ ...base, date: '2026-11-23', time: '12:00' })).toBe(false);
    expect(isOpenAt({ ...base, date: '2026-11-23', time: '13:59' })).toBe(false);
    expect(isOpenAt({ ...base, date: '2026-11-23', time: '14:00' })).toBe(true);
  });

  it('is closed on an exception day, on a holiday and at weekends, open on a 调休 Saturday', () => {
    expect(isOpenAt({ ...base, date: '2026-11-25', time: '10:00' })).toBe(false);
    expect(isOpenAt({ ...base, date: '2026-02-17', time: '10:00' })).toBe(false);
    expect(isOpenAt({ ...base, date: '2026-11-28', time: '10:00' })).toBe(false);
    expect(isOpenAt({ ...base, date: '2026-02-28', time: '10:00' })).toBe(true);
  });

  it('refuses a malformed time', () => {
    expect(() => isOpenAt({ ...base, date: '2026-11-23', time: '24:00' })).toThrow(RangeError);
    expect(() => isOpenAt({ ...base, date: '2026-11-23', time: '9:30' })).toThrow(RangeError);
  });

  it('agrees with openStatus and with the hours of the day (property)', () => {
    const date = fc.integer({ min: 0, max: 729 }).map((i) => addDays('2025-01-01', i));
    const time = fc.integer({ min: 0, max: 24 * 60 - 1 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
    fc.assert(
      fc.property(date, time, fc.boolean(), (d, t, openOnHolidays) => {
        const args = { ...base, openOnHolidays, date: d, time: t };
        const open = isOpenAt(args);
        const status = openStatus(args);
        const inHours = hoursOn(args).hours.some(([o, c]) => o <= t && t < c);
        return open === status.isOpen && open === inHours && (open ? status.closesAt !== undefined : status.closesAt === undefined);
      }),
    );
  });
});

describe('openStatus', () => {
  it('says when an open hall closes', () => {
    expect(openStatus({ ...base, date: '2026-11-23', time: '09:30' })).toEqual({ isOpen: true, closesAt: '12:00', todayHours: weekday });
  });

  it('points to the afternoon during the lunch break', () => {
    expect(openStatus({ ...base, date: '2026-11-23', time: '12:30' })).toMatchObject({ isOpen: false, opensNext: { date: '2026-11-23', time: '14:00' } });
  });

  it('points over the weekend to Monday morning', () => {
    expect(openStatus({ ...base, date: '2026-11-27', time: '17:00' })).toEqual({
      isOpen: false,
      opensNext: { date: '2026-11-30', time: '09:00' },
      todayHours: weeklyHours['5'],
    });
    expect(openStatus({ ...base, date: '2026-11-28', time: '10:00' }).opensNext).toEqual({ date: '2026-11-30', time: '09:00' });
  });

  it('points over the Spring Festival from the 调休 Saturday to 2026-02-24', () => {
    expect(openStatus({ ...base, date: '2026-02-14', time: '18:00' }).opensNext).toEqual({ date: '2026-02-24', time: '09:00' });
  });

  it('points past a closed exception day', () => {
    expect(openStatus({ ...base, date: '2026-11-24', time: '18:00' }).opensNext).toEqual({ date: '2026-11-26', time: '09:00' });
  });

  it('gives no next opening when nothing opens within 14 days', () => {
    const closedAllWeek = { '1': [], '2': [], '3': [], '4': [], '5': [], '6': [], '7': [] } as WeeklyHours;
    const status = openStatus({ ...base, weeklyHours: closedAllWeek, exceptions: [], date: '2026-11-23', time: '10:00' });
    expect(status).toEqual({ isOpen: false, todayHours: [] });
    const in14 = [{ date: '2026-12-07', closed: false, hours: [['10:00', '11:00']] as Array<[string, string]> }];
    expect(openStatus({ ...base, weeklyHours: closedAllWeek, exceptions: in14, date: '2026-11-23', time: '10:00' }).opensNext).toEqual({
      date: '2026-12-07',
      time: '10:00',
    });
  });
});
