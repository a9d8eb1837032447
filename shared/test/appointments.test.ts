import { releaseDateOf, releaseLabel } from '../src/appointments';

describe('releaseDateOf', () => {
  it('is horizonDays before the slot date, across month and year ends', () => {
    expect(releaseDateOf('2026-12-01', 7)).toBe('2026-11-24');
    expect(releaseDateOf('2027-01-03', 7)).toBe('2026-12-27');
    expect(releaseDateOf('2026-11-24', 0)).toBe('2026-11-24');
  });
});

describe('releaseLabel', () => {
  it('says 今天 / 明天 / 后天 for the next two days', () => {
    expect(releaseLabel({ date: '2026-11-23', time: '08:00' }, '2026-11-23')).toBe('今天 08:00 放号');
    expect(releaseLabel({ date: '2026-11-24', time: '08:00' }, '2026-11-23')).toBe('明天 08:00 放号');
    expect(releaseLabel({ date: '2026-11-25', time: '09:00' }, '2026-11-23')).toBe('后天 09:00 放号');
  });

  it('gives the date further out, with the year only when it differs', () => {
    expect(releaseLabel({ date: '2026-12-14', time: '08:00' }, '2026-11-23')).toBe('12月14日 08:00 放号');
    expect(releaseLabel({ date: '2027-01-04', time: '08:00' }, '2026-12-30')).toBe('2027年1月4日 08:00 放号');
  });
});
