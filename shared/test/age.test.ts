import fc from 'fast-check';
import { ageOn, ELDER_OFFER_AGE, ELDERLY_PRIORITY_AGE } from '../src/age';
import { addDays } from '../src/working-days';

describe('ageOn', () => {
  it('counts full years and rises on the birthday', () => {
    expect(ageOn('1966-11-23', '2026-11-22')).toBe(59);
    expect(ageOn('1966-11-23', '2026-11-23')).toBe(60);
    expect(ageOn('1949-12-31', '2026-11-23')).toBe(76);
    expect(ageOn('2026-11-23', '2026-11-23')).toBe(0);
  });

  it('ages a 29 February birthday on 1 March in common years and on 29 February in leap years', () => {
    expect(ageOn('2000-02-29', '2001-02-28')).toBe(0);
    expect(ageOn('2000-02-29', '2001-03-01')).toBe(1);
    expect(ageOn('2000-02-29', '2004-02-28')).toBe(3);
    expect(ageOn('2000-02-29', '2004-02-29')).toBe(4);
    expect(ageOn('1964-02-29', '2024-02-29')).toBe(60);
    expect(ageOn('1966-02-28', '2026-02-28')).toBe(60);
  });

  it('refuses impossible dates and a date before birth', () => {
    expect(() => ageOn('1999-02-30', '2026-01-01')).toThrow(RangeError);
    expect(() => ageOn('1999-01-01', '2026-1-1')).toThrow(RangeError);
    expect(() => ageOn('2026-11-24', '2026-11-23')).toThrow(RangeError);
  });

  it('is n on the n-th anniversary of a non-29-February birthday and n − 1 the day before', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 100 }),
        (d, n) => {
          const birth = d.toISOString().slice(0, 10);
          fc.pre(!birth.endsWith('-02-29'));
          const anniversary = `${String(Number(birth.slice(0, 4)) + n).padStart(4, '0')}${birth.slice(4)}`;
          return ageOn(birth, anniversary) === n && ageOn(birth, addDays(anniversary, -1)) === n - 1;
        },
      ),
    );
  });

  it('uses 60 for the elder-mode offer and the elderly queue priority', () => {
    expect(ELDER_OFFER_AGE).toBe(60);
    expect(ELDERLY_PRIORITY_AGE).toBe(60);
  });
});
