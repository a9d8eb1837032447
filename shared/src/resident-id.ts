// Citizen identity numbers (公民身份号码), GB 11643-1999 (DESIGN.md §4 "Identity data").
//
// 18 characters: 6-digit address code (GB/T 2260) + 8-digit birth date YYYYMMDD + 3-digit sequence
// (odd = male, even = female) + 1 check character computed with ISO 7064 MOD 11-2, where the
// value 10 is written 'X'. The old 15-digit numbers were replaced in 2013 and are not accepted.
import { isIsoDate } from './working-days';

/** Why a resident ID number was refused, for a precise message in the UI. */
export type ResidentIdProblem = 'FORMAT' | 'REGION' | 'BIRTH_DATE' | 'CHECKSUM';

export interface ResidentIdInfo {
  /** The 6-digit GB/T 2260 address code of first registration (not necessarily the current home). */
  regionCode: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: 'MALE' | 'FEMALE';
}

// GB 11643-1999 §7.1: W_i = 2^(i-1) mod 11 for position i counted from the right (check = 1),
// i.e. 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 for the 17 body digits from the left.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
// Check character for (Σ a_i·W_i) mod 11 = index: solves (Σ + a_1) ≡ 1 (mod 11).
const CHECK_CHARS = '10X98765432';

// Province-level codes of GB/T 2260 (the first two digits). 71 (Taiwan), 81 (Hong Kong) and 82
// (Macao) are listed in the standard; 81/82 are also used by 港澳居民居住证 numbers.
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

const SHAPE = /^\d{17}[\dX]$/;
const BODY = /^\d{17}$/;
// Business dates are Asia/Shanghai (DESIGN.md §2); China has used a fixed UTC+8 since 1992.
const UTC_PLUS_8_MS = 8 * 60 * 60 * 1000;
const MIN_BIRTH_YEAR = 1900;

/** Trims and upper-cases the check character (people often type a lower-case x). */
export function normalizeResidentId(id: string): string {
  return typeof id === 'string' ? id.trim().toUpperCase() : '';
}

/** The check character for the first 17 digits. Throws a RangeError if they are not 17 digits. */
export function residentIdCheckDigit(first17: string): string {
  if (!BODY.test(first17)) throw new RangeError('A resident ID body is exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

function currentBusinessDate(): string {
  return new Date(Date.now() + UTC_PLUS_8_MS).toISOString().slice(0, 10);
}

/**
 * The first rule the number breaks, or null when it is valid. `today` ('YYYY-MM-DD', default:
 * today in Asia/Shanghai) bounds the birth date; the BFF passes its clock's business date.
 */
export function residentIdProblem(id: string, today?: string): ResidentIdProblem | null {
  if (today !== undefined && !isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD: ${today}`);
  const value = normalizeResidentId(id);
  if (!SHAPE.test(value)) return 'FORMAT';
  if (!PROVINCE_CODES.has(value.slice(0, 2))) return 'REGION';
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || Number(value.slice(6, 10)) < MIN_BIRTH_YEAR) return 'BIRTH_DATE';
  // 'YYYY-MM-DD' strings order like the dates they name.
  if (birthDate > (today ?? currentBusinessDate())) return 'BIRTH_DATE';
  if (residentIdCheckDigit(value.slice(0, 17)) !== value[17]) return 'CHECKSUM';
  return null;
}

/** GB 11643 shape, a real province, a real birth date (1900 … today) and a correct check character. */
export function isValidResidentId(id: string, today?: string): boolean {
  return residentIdProblem(id, today) === null;
}

/** Region, birth date and sex from a valid number; null when the number is not valid. */
export function parseResidentId(id: string, today?: string): ResidentIdInfo | null {
  if (residentIdProblem(id, today) !== null) return null;
  const value = normalizeResidentId(id);
  return {
    regionCode: value.slice(0, 6),
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    // GB 11643-1999 §6.3: the sequence code's last digit is odd for men, even for women.
    sex: Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
  };
}
