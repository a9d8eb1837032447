// Unified social credit codes (统一社会信用代码), GB 32100-2015 (DESIGN.md §4 "Identity data").
//
// 18 characters: registration authority (1) + organisation category (1) + GB/T 2260 region (6) +
// organisation code GB 11714 (9) + check character (1). The alphabet is the digits and the upper-case
// Latin letters except I, O, Z, S, V (too easily read as 1, 0, 2, 5, U), 31 characters whose index
// is their value. The check character C18 = 31 − (Σ Ci·Wi mod 31), with Wi = 3^(i−1) mod 31, and 31
// written as 0.
//
// Policy: a checksum miss is a warning, not a refusal (DESIGN.md §4). Codes issued before the
// standard settled, and transitional codes, exist in the registers with check characters that do
// not verify; refusing them would lock real businesses out of a service.

export interface UsccCheck {
  /** 18 characters, all from the GB 32100 alphabet. */
  wellFormed: boolean;
  /** wellFormed and the 18th character matches the computed check character. */
  checksumOk: boolean;
  /** Input with whitespace removed and letters upper-cased; store and compare this form. */
  normalized: string;
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const BODY = /^[0-9A-HJ-NPQRTUWXY]{17}$/;

/** The check character for the first 17 characters. Throws a RangeError for any other input. */
export function usccCheckChar(first17: string): string {
  if (!BODY.test(first17)) throw new RangeError('A USCC body is 17 characters of 0-9 A-H J-N P-R T-U W-Y');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += ALPHABET.indexOf(first17[i] ?? '') * (WEIGHTS[i] ?? 0);
  return ALPHABET[(31 - (sum % 31)) % 31] ?? '';
}

/** Never throws: callers refuse when !wellFormed and only warn when !checksumOk. */
export function checkUscc(code: string): UsccCheck {
  const normalized = String(code ?? '').replace(/\s+/g, '').toUpperCase();
  const wellFormed = SHAPE.test(normalized);
  const checksumOk = wellFormed && usccCheckChar(normalized.slice(0, 17)) === normalized[17];
  return { wellFormed, checksumOk, normalized };
}
