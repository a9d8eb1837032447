import fc from 'fast-check';
import {
  isValidResidentId,
  normalizeResidentId,
  parseResidentId,
  residentIdCheckDigit,
  residentIdProblem,
} from '../src/resident-id';

const TODAY = '2026-11-23';
const PROVINCES = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82'];

/** Builds a number with a correct check digit from its parts. */
function withCheckDigit(body: string): string {
  return body + residentIdCheckDigit(body);
}

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const birthDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const validId = fc
  .record({ province: fc.constantFrom(...PROVINCES), area: digits(4), birth: birthDate, seq: digits(3) })
  .map(({ province, area, birth, seq }) => withCheckDigit(`${province}${area}${birth.replaceAll('-', '')}${seq}`));

describe('residentIdCheckDigit (GB 11643-1999, ISO 7064 MOD 11-2)', () => {
  it('computes the check character of the standard sample and of check value 10 as X', () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(residentIdCheckDigit('44052419800101001')).toBe('3');
  });

  it('refuses a body that is not 17 digits', () => {
    expect(() => residentIdCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckDigit('1101051949123100X')).toThrow(RangeError);
  });

  it('satisfies the ISO 7064 MOD 11-2 equation Σ aᵢ·2^(i−1) ≡ 1 (mod 11) for every body', () => {
    fc.assert(
      fc.property(digits(17), (body) => {
        const id = withCheckDigit(body);
        let sum = 0;
        for (let i = 0; i < 18; i += 1) {
          const ch = id[17 - i] ?? '';
          sum += (ch === 'X' ? 10 : Number(ch)) * 2 ** i;
        }
        return sum % 11 === 1;
      }),
    );
  });
});

describe('isValidResidentId', () => {
  it('accepts well-known real-format samples', () => {
    expect(isValidResidentId('11010519491231002X', TODAY)).toBe(true);
    expect(isValidResidentId('440524198001010013', TODAY)).toBe(true);
  });

  it('accepts a lower-case x and surrounding spaces, and normalises them', () => {
    expect(isValidResidentId(' 11010519491231002x ', TODAY)).toBe(true);
    expect(normalizeResidentId(' 11010519491231002x ')).toBe('11010519491231002X');
  });

  it('accepts every generated number with a real region, a real birth date and its check digit', () => {
    fc.assert(fc.property(validId, (id) => isValidResidentId(id, TODAY)));
  });

  it('refuses any single-character change (MOD 11-2 catches every substitution)', () => {
    fc.assert(
      fc.property(validId, fc.nat(17), fc.constantFrom(...'0123456789X'), (id, pos, ch) => {
        fc.pre(id[pos] !== ch);
        const changed = id.slice(0, pos) + ch + id.slice(pos + 1);
        return !isValidResidentId(changed, TODAY);
      }),
    );
  });

  it('refuses the swap of two adjacent different body digits (MOD 11-2 catches every adjacent transposition)', () => {
    fc.assert(
      fc.property(validId, fc.nat(15), (id, pos) => {
        fc.pre(id[pos] !== id[pos + 1]);
        const swapped = id.slice(0, pos) + (id[pos + 1] ?? '') + (id[pos] ?? '') + id.slice(pos + 2);
        return !isValidResidentId(swapped, TODAY);
      }),
    );
  });

  it('refuses birth dates that do not exist, even with a correct check digit', () => {
    expect(residentIdProblem(withCheckDigit('11010519990230002'), TODAY)).toBe('BIRTH_DATE');
    expect(residentIdProblem(withCheckDigit('11010519991301002'), TODAY)).toBe('BIRTH_DATE');
    expect(residentIdProblem(withCheckDigit('11010520230229002'), TODAY)).toBe('BIRTH_DATE');
    expect(isValidResidentId(withCheckDigit('11010520240229002'), TODAY)).toBe(true);
  });

  it('refuses a birth date after today and before 1900', () => {
    expect(residentIdProblem(withCheckDigit('11010520261124002'), TODAY)).toBe('BIRTH_DATE');
    expect(isValidResidentId(withCheckDigit('11010520261123002'), TODAY)).toBe(true);
    expect(residentIdProblem(withCheckDigit('11010518991231002'), TODAY)).toBe('BIRTH_DATE');
  });

  it('uses the current date when today is not given', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId(withCheckDigit('11010599991231002'))).toBe(false);
  });

  it('refuses region codes outside the GB/T 2260 provinces', () => {
    for (const prefix of ['00', '10', '16', '20', '24', '47', '55', '66', '70', '80', '83', '91']) {
      expect(residentIdProblem(withCheckDigit(`${prefix}010519491231002`), TODAY)).toBe('REGION');
    }
  });

  it('refuses wrong shapes: 15-digit numbers, X inside, letters, full-width digits, empty', () => {
    for (const id of ['110105491231002', '1101051949123100X2', '11010519491231002Y', '１１０１０５１９４９１２３１００２X', '', '11010519491231002XX']) {
      expect(residentIdProblem(id, TODAY)).toBe('FORMAT');
    }
  });

  it('treats a non-string from untyped callers as a bad format instead of throwing', () => {
    expect(residentIdProblem(null as unknown as string, TODAY)).toBe('FORMAT');
    expect(parseResidentId(11010519491231 as unknown as string, TODAY)).toBeNull();
  });

  it('reports a bad check character as CHECKSUM', () => {
    expect(residentIdProblem('110105194912310021', TODAY)).toBe('CHECKSUM');
  });

  it('throws on a malformed today (a programming error, not user input)', () => {
    expect(() => isValidResidentId('11010519491231002X', '2026-13-01')).toThrow(RangeError);
  });
});

describe('parseResidentId', () => {
  it('derives region, birth date and sex (odd sequence = male)', () => {
    expect(parseResidentId('11010519491231002x', TODAY)).toEqual({ regionCode: '110105', birthDate: '1949-12-31', sex: 'FEMALE' });
    expect(parseResidentId('440524198001010013', TODAY)).toEqual({ regionCode: '440524', birthDate: '1980-01-01', sex: 'MALE' });
  });

  it('returns null for an invalid number', () => {
    expect(parseResidentId('110105194912310021', TODAY)).toBeNull();
    expect(parseResidentId('not an id', TODAY)).toBeNull();
  });

  it('round-trips the parts of every generated number', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const info = parseResidentId(id, TODAY);
        return (
          info !== null &&
          info.regionCode === id.slice(0, 6) &&
          info.birthDate.replaceAll('-', '') === id.slice(6, 14) &&
          info.sex === (Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE')
        );
      }),
    );
  });
});
