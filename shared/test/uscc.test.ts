import fc from 'fast-check';
import { checkUscc, usccCheckChar } from '../src/uscc';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const body = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 17, maxLength: 17 });
// Any Unicode scalar value (fast-check's 'binary' unit costs ≈ 1.5 s to set up per test file).
const codePoint = fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c));

describe('checkUscc (GB 32100-2015, MOD 31)', () => {
  it('verifies the known sample and codes printed on real business licences', () => {
    for (const code of ['91350100M000100Y43', '91440300708461136T', '91110000802100433B']) {
      expect(checkUscc(code)).toEqual({ wellFormed: true, checksumOk: true, normalized: code });
    }
  });

  it('flags a one-character change as well-formed with a checksum miss (warn, do not reject)', () => {
    expect(checkUscc('91350100M000100Y44')).toEqual({ wellFormed: true, checksumOk: false, normalized: '91350100M000100Y44' });
    expect(checkUscc('91350100M000200Y43')).toMatchObject({ wellFormed: true, checksumOk: false });
  });

  it('refuses I, O, Z, S and V, which GB 32100 leaves out of the alphabet', () => {
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      expect(checkUscc(`91350100M000100${letter}43`)).toMatchObject({ wellFormed: false, checksumOk: false });
    }
  });

  it('refuses wrong lengths and other characters', () => {
    for (const code of ['', '91350100M000100Y4', '91350100M000100Y433', '91350100M000100Y4-', '9135０100M000100Y43']) {
      expect(checkUscc(code)).toMatchObject({ wellFormed: false, checksumOk: false });
    }
  });

  it('normalises case and whitespace before checking', () => {
    expect(checkUscc(' 9135 0100 m000 100y 43 ')).toEqual({ wellFormed: true, checksumOk: true, normalized: '91350100M000100Y43' });
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: codePoint, maxLength: 30 }), fc.string({ unit: fc.constantFrom(...ALPHABET, 'I', 'O', 'z', ' '), maxLength: 20 })), (s) => {
        const result = checkUscc(s);
        return !result.checksumOk || result.wellFormed;
      }),
    );
  });

  it('accepts every body with its computed check character and catches every single substitution', () => {
    fc.assert(
      fc.property(body, fc.nat(17), fc.constantFrom(...ALPHABET), (b, pos, ch) => {
        const code = b + usccCheckChar(b);
        if (!checkUscc(code).checksumOk) return false;
        fc.pre(code[pos] !== ch);
        const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
        return checkUscc(changed).wellFormed && !checkUscc(changed).checksumOk;
      }),
    );
  });

  it('usccCheckChar refuses a body outside the alphabet or of the wrong length', () => {
    expect(() => usccCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => usccCheckChar('91350100M000100I4')).toThrow(RangeError);
  });
});
