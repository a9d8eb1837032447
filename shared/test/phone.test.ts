import fc from 'fast-check';
import { isValidMobile, MOBILE_PATTERN, normalizeMobile } from '../src/phone';

describe('isValidMobile (^1[3-9]\\d{9}$)', () => {
  it('accepts 11-digit numbers in the 13x–19x segments', () => {
    for (const p of ['13800000001', '14712345678', '15012345678', '16612345678', '17012345678', '18912345678', '19912345678']) {
      expect(isValidMobile(p)).toBe(true);
    }
  });

  it('refuses other segments, lengths and characters', () => {
    for (const p of ['10012345678', '11012345678', '12012345678', '1380000000', '138000000011', '23800000001', '1380000000a', ' 13800000001', '+8613800000001', '']) {
      expect(isValidMobile(p)).toBe(false);
    }
  });

  it('agrees with MOBILE_PATTERN for any string', () => {
    fc.assert(fc.property(fc.string(), (s) => isValidMobile(s) === MOBILE_PATTERN.test(s)));
  });
});

describe('normalizeMobile', () => {
  it('strips spaces, hyphens and a +86 / 0086 / 86 prefix', () => {
    for (const p of [' 138 0000 5678 ', '138-0000-5678', '+86 138 0000 5678', '0086-13800005678', '8613800005678']) {
      expect(normalizeMobile(p)).toBe('13800005678');
    }
  });

  it('leaves what is not a mobile number for isValidMobile to refuse', () => {
    expect(normalizeMobile('86123')).toBe('86123');
    expect(isValidMobile(normalizeMobile('0571-8888 8888'))).toBe(false);
  });

  it('keeps every valid number unchanged', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (p) => normalizeMobile(p) === p && normalizeMobile(`+86 ${p}`) === p),
    );
  });
});
