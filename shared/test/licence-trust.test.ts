// 免证办's vocabulary (DESIGN.md §3 Application, trust levels A–D): the levels as data, the rule
// that gives a booking A or B, and the words a material covered by a licence is shown in.
import { LICENCE_TRUST_LEVEL_RULES, LICENCE_TRUST_LEVELS, licenceCoverWords, licenceTrustLevel } from '../src/licences';

describe('licence trust levels', () => {
  it('defines A–D, strongest first, each with a label and a rule in words', () => {
    expect(LICENCE_TRUST_LEVELS).toEqual(['A', 'B', 'C', 'D']);
    for (const level of LICENCE_TRUST_LEVELS) {
      expect(LICENCE_TRUST_LEVEL_RULES[level].label.startsWith(`${level}级：`)).toBe(true);
      expect(LICENCE_TRUST_LEVEL_RULES[level].rule.length).toBeGreaterThan(10);
    }
  });

  it('gives A to a licence synced on the business day of the act, B to one synced before', () => {
    expect(licenceTrustLevel('2026-11-23', '2026-11-23')).toBe('A');
    expect(licenceTrustLevel('2026-11-22', '2026-11-23')).toBe('B');
    expect(licenceTrustLevel('2025-01-01', '2026-11-23')).toBe('B');
  });

  it('says a covered material in words, the number masked as given', () => {
    expect(licenceCoverWords('RESIDENT_ID', '3601**********1234')).toBe('用电子证照（居民身份证 3601**********1234）');
    expect(licenceCoverWords('HOUSEHOLD_REGISTER', 'HH36*******0123')).toBe('用电子证照（居民户口簿 HH36*******0123）');
  });
});
