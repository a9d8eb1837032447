// A person's name as on the resident ID card, for real-name binding (BFF and mini-app alike).
// Chinese names, including minority names with the middle dot (·, •) and a few Latin letters for
// naturalised citizens; 2–40 characters; no digits or other symbols.
export const PERSON_NAME_PATTERN = /^[\u4e00-\u9fa5A-Za-z][\u4e00-\u9fa5A-Za-z·•\s]{0,38}[\u4e00-\u9fa5A-Za-z]$/;

/** True for a name that may be bound as given (trim it first). */
export function isValidPersonName(name: string): boolean {
  return typeof name === 'string' && PERSON_NAME_PATTERN.test(name);
}
