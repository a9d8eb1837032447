import fc from 'fast-check';
import { BUSINESS_TZ, clockFromEnv, createClock, parsePalmClock, systemClock } from '../../src/lib/clock';
import { zonedDateTimeToInstant } from '@palm/shared';

afterEach(() => {
  jest.useRealTimers();
});

describe('createClock with a pinned start (PALM_CLOCK)', () => {
  it('starts at the pinned instant: business date 2026-11-23, time 09:30, Monday', () => {
    const clock = createClock({ pinnedStart: '2026-11-23T09:30:00+08:00' });
    expect(clock.businessDate()).toBe('2026-11-23');
    expect(clock.businessTime()).toBe('09:30');
    expect(clock.businessDateTime()).toEqual({ date: '2026-11-23', time: '09:30', weekday: 1 });
    expect(Math.abs(clock.now().getTime() - Date.parse('2026-11-23T01:30:00Z'))).toBeLessThan(1000);
  });

  it('then runs forward with real elapsed time', () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const clock = createClock({ pinnedStart: '2026-11-23T09:30:00+08:00' });
    expect(clock.now().toISOString()).toBe('2026-11-23T01:30:00.000Z');
    jest.advanceTimersByTime(90 * 60 * 1000);
    expect(clock.now().toISOString()).toBe('2026-11-23T03:00:00.000Z');
    expect(clock.businessTime()).toBe('11:00');
    jest.advanceTimersByTime(13 * 60 * 60 * 1000);
    expect(clock.businessDateTime()).toEqual({ date: '2026-11-24', time: '00:00', weekday: 2 });
  });

  it('refuses a start that is not an ISO instant with an offset', () => {
    expect(() => createClock({ pinnedStart: '2026-11-23 09:30' })).toThrow(/ISO 8601/);
  });
});

describe('business date and time in Asia/Shanghai', () => {
  it('puts 2026-11-22T16:30:00Z on business date 2026-11-23 at 00:30', () => {
    const at = new Date('2026-11-22T16:30:00Z');
    expect(systemClock.businessDate(at)).toBe('2026-11-23');
    expect(systemClock.businessTime(at)).toBe('00:30');
  });

  it('puts 2026-11-22T15:59:59Z still on 2026-11-22 at 23:59', () => {
    expect(systemClock.businessDateTime(new Date('2026-11-22T15:59:59Z'))).toEqual({ date: '2026-11-22', time: '23:59', weekday: 7 });
  });

  it('prints midnight as 00:00, never 24:00', () => {
    expect(systemClock.businessTime(new Date('2026-11-22T16:00:00Z'))).toBe('00:00');
  });

  it('matches a fixed UTC+8 offset for any instant from 1992 to 2100 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1992-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }), (ms) => {
        const shifted = new Date(ms + 8 * 3600 * 1000).toISOString();
        const dt = systemClock.businessDateTime(new Date(ms));
        return dt.date === shifted.slice(0, 10) && dt.time === shifted.slice(11, 16);
      }),
    );
  });

  it('runs on real time without a pin and names the business zone', () => {
    const before = Date.now();
    const now = createClock({}).now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now - before).toBeLessThan(1000);
    expect(BUSINESS_TZ).toBe('Asia/Shanghai');
  });

  it('refuses an invalid Date', () => {
    expect(() => systemClock.businessDate(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('parsePalmClock', () => {
  it('returns undefined when PALM_CLOCK is unset or blank', () => {
    expect(parsePalmClock(undefined, 'development')).toBeUndefined();
    expect(parsePalmClock('  ', 'test')).toBeUndefined();
    expect(parsePalmClock(undefined, 'production')).toBeUndefined();
  });

  it('accepts ISO instants with an offset or Z', () => {
    expect(parsePalmClock('2026-11-23T09:30:00+08:00', 'development')).toBe('2026-11-23T09:30:00+08:00');
    expect(parsePalmClock(' 2026-11-23T01:30Z ', 'test')).toBe('2026-11-23T01:30Z');
    expect(parsePalmClock('2026-11-23T09:30:00.123+08:00', 'test')).toBe('2026-11-23T09:30:00.123+08:00');
  });

  it('refuses values without an offset or that are not real instants, naming PALM_CLOCK', () => {
    for (const value of ['2026-11-23T09:30:00', '2026-11-23', 'tomorrow 9am', '2026-02-30T09:30:00+08:00', '2026-11-23T24:30:00+08:00', '1700000000']) {
      expect(() => parsePalmClock(value, 'development')).toThrow(/PALM_CLOCK/);
    }
  });

  it('refuses any PALM_CLOCK in production', () => {
    expect(() => parsePalmClock('2026-11-23T09:30:00+08:00', 'production')).toThrow('PALM_CLOCK is not allowed in production');
  });

  it('builds the configured clock from the environment', () => {
    expect(clockFromEnv({ PALM_CLOCK: '2026-11-23T09:30:00+08:00', NODE_ENV: 'test' }).businessDate()).toBe('2026-11-23');
    expect(() => clockFromEnv({ PALM_CLOCK: '2026-11-23T09:30:00+08:00', NODE_ENV: 'production' })).toThrow(/production/);
  });
});

describe('zonedDateTimeToInstant', () => {
  it('reads a Shanghai wall-clock time as UTC+08:00', () => {
    expect(zonedDateTimeToInstant('2026-11-23', '09:30').toISOString()).toBe('2026-11-23T01:30:00.000Z');
    expect(zonedDateTimeToInstant('2026-11-23', '00:30').toISOString()).toBe('2026-11-22T16:30:00.000Z');
  });

  it('round-trips with businessDate and businessTime (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 50 }),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        (dayOffset, minutes) => {
          const date = new Date(Date.UTC(2000, 0, 1 + dayOffset)).toISOString().slice(0, 10);
          const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
          const at = zonedDateTimeToInstant(date, time);
          return systemClock.businessDate(at) === date && systemClock.businessTime(at) === time;
        },
      ),
    );
  });

  it('refuses malformed dates and times', () => {
    expect(() => zonedDateTimeToInstant('2026-02-30', '09:30')).toThrow(RangeError);
    expect(() => zonedDateTimeToInstant('2026-11-23', '9:30')).toThrow(RangeError);
  });
});
