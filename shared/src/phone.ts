// Mainland mobile numbers (DESIGN.md §4 "Identity data"): 11 digits, and every mobile segment of
// the MIIT numbering plan (telecom operators and virtual operators alike) lies in 13x–19x.

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** Exact match on the string as given: normalise user input with normalizeMobile first. */
export function isValidMobile(p: string): boolean {
  return typeof p === 'string' && MOBILE_PATTERN.test(p);
}

/**
 * Strips what people paste around a number — spaces, hyphens, a +86 / 0086 / 86 country prefix —
 * so that `isValidMobile(normalizeMobile(' +86 138-0000-5678 '))` holds. Does not validate.
 */
export function normalizeMobile(p: string): string {
  const compact = String(p ?? '').replace(/[\s-]/g, '');
  const withoutCountry = compact.replace(/^(?:\+86|0086)/, '');
  // A bare "86" is stripped only when 11 mobile digits follow: 13 digits starting 861[3-9] cannot be
  // a mainland number on their own, while a shorter string starting 86 may be something else.
  return /^861[3-9]\d{9}$/.test(withoutCountry) ? withoutCountry.slice(2) : withoutCountry;
}
