// Display masks for personal data (DESIGN.md §3 User, §4: ID numbers and phones never appear
// unmasked in responses or logs). The kept positions are the ones DESIGN.md §3 shows
// (`1101**********002X`, `138****5678`) and §1 shows for names (`张**`).
//
// Masks are total: they never throw, whatever arrives (including null from a nullable column), and
// input of an unexpected length is masked completely rather than partly, because a partial mask
// of an unknown format may leave most of the value readable. Characters are counted as Unicode
// code points so a mask never splits a surrogate pair into an unpaired half.

const MASK = '*';

function codePoints(value: unknown): string[] {
  return Array.from(typeof value === 'string' ? value.trim() : '');
}

function maskAll(chars: readonly string[]): string {
  return MASK.repeat(chars.length);
}

/** `11010519491231002X` → `1101**********002X` (region prefix and last 4 kept); other lengths fully masked. */
export function maskIdNumber(id: string): string {
  const chars = codePoints(id);
  if (chars.length !== 18) return maskAll(chars);
  // The birth date (positions 7–14) and most of the region code stay hidden: together with a name
  // they identify a person.
  return `${chars.slice(0, 4).join('')}${MASK.repeat(10)}${chars.slice(14).join('').toUpperCase()}`;
}

/** `13812345678` → `138****5678`; anything that is not 11 characters is fully masked. */
export function maskPhone(p: string): string {
  const chars = codePoints(p);
  if (chars.length !== 11) return maskAll(chars);
  return `${chars.slice(0, 3).join('')}${MASK.repeat(4)}${chars.slice(7).join('')}`;
}

/**
 * Keeps the first character only: `张三` → `张*`, `张三丰` → `张**`, `欧阳娜娜` → `欧***`. Showing
 * the second character of a compound surname would reveal a given-name character for most people
 * with single-character surnames; a one-character name is masked fully.
 */
export function maskName(n: string): string {
  const chars = codePoints(n);
  if (chars.length <= 1) return maskAll(chars);
  return `${chars[0] ?? ''}${MASK.repeat(chars.length - 1)}`;
}
