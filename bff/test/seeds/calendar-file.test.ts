// The JSON shape `npm run db:calendar` loads (seeds/calendar-file.ts): one row per day, and a clear
// error for every file that would load a wrong calendar.
import { CalendarFileError, parseCalendarYear } from '../../../seeds';

const valid = {
  year: 2027,
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '清明节', from: '2027-04-05' },
  ],
  workdays: [{ name: '春节调休上班', date: '2027-02-20' }],
};

const refusal = (doc: unknown) => {
  try {
    parseCalendarYear(doc);
  } catch (err) {
    if (err instanceof CalendarFileError) return err.message;
    throw err;
  }
  throw new Error('accepted');
};

describe('parseCalendarYear', () => {
  it('expands holiday ranges into one HOLIDAY row per day and keeps the 调休 Saturdays', () => {
    expect(parseCalendarYear(valid)).toEqual({
      year: 2027,
      days: [
        { date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' },
        { date: '2027-01-02', kind: 'HOLIDAY', name: '元旦' },
        { date: '2027-01-03', kind: 'HOLIDAY', name: '元旦' },
        { date: '2027-02-20', kind: 'WORKDAY', name: '春节调休上班' },
        { date: '2027-04-05', kind: 'HOLIDAY', name: '清明节' },
      ],
    });
  });

  it('refuses a year without its 元旦, which is how a loaded year is recognised', () => {
    expect(refusal({ ...valid, holidays: valid.holidays.slice(1) })).toContain('2027-01-01 (元旦) is missing');
  });

  it('refuses a weekday listed as 调休上班', () => {
    expect(refusal({ ...valid, workdays: [{ name: '调休', date: '2027-02-22' }] })).toContain('is a weekday');
  });

  it('refuses a day that is both a holiday and a working day', () => {
    expect(refusal({ ...valid, workdays: [{ name: '调休', date: '2027-01-02' }] })).toContain('both a holiday and a working day');
  });

  it('refuses malformed dates, reversed ranges, dates of another year and a missing year', () => {
    expect(refusal({ ...valid, holidays: [...valid.holidays, { name: '劳动节', from: '2027-05-32' }] })).toContain('not a YYYY-MM-DD date');
    expect(refusal({ ...valid, holidays: [...valid.holidays, { name: '劳动节', from: '2027-05-05', to: '2027-05-01' }] })).toContain('not a holiday range');
    expect(refusal({ ...valid, workdays: [{ name: '调休', date: '2030-01-05' }] })).toContain('far outside 2027');
    expect(refusal({ holidays: [], workdays: [] })).toContain('year');
    expect(refusal({ ...valid, holidays: [{ from: '2027-01-01' }] })).toContain('holidays[0].name');
  });
});
