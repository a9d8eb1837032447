// How a keyword finds a service: the one rule behind the catalogue search (GET /api/services?q=,
// whose SQL implements it) and the mini-app's service chooser (取号, 预约), which searches the few
// dozen services a hall offers on the phone without asking the BFF again. Matching runs over the
// name, the aliases people actually type (社保, 退休, 营业执照) and the department.

/** Longest keyword accepted (after trimming): service names are short; longer input is not a search. */
export const SEARCH_QUERY_MAX_LENGTH = 40;

/**
 * Ranks, best first. An exact name or alias is what the person asked for — and when several
 * services share that alias (退休 is an alias of both 办理退休 and 公积金退休提取), the one whose
 * name also says it is meant. A name starting with the keyword is the next best guess
 * (身份证 → 身份证换领); a hit only in the department (人社局) is the weakest signal, since it
 * matches every service of that department. Ties go to popularity.
 */
export const SEARCH_RANK = {
  EXACT_AND_IN_NAME: 0,
  EXACT: 1,
  NAME_PREFIX: 2,
  NAME_CONTAINS: 3,
  ALIAS_CONTAINS: 4,
  DEPARTMENT_CONTAINS: 5,
} as const;

export interface SearchableService {
  name: string;
  aliases: readonly string[];
  department: string;
}

/** The rank of one service for a normalised keyword (normalizeQuery); undefined = no match. */
export function searchRank(service: SearchableService, term: string): number | undefined {
  const q = term.toLowerCase();
  const name = service.name.toLowerCase();
  const aliases = service.aliases.map((a) => a.toLowerCase());
  if (name === q || aliases.includes(q)) return name.includes(q) ? SEARCH_RANK.EXACT_AND_IN_NAME : SEARCH_RANK.EXACT;
  if (name.startsWith(q)) return SEARCH_RANK.NAME_PREFIX;
  if (name.includes(q)) return SEARCH_RANK.NAME_CONTAINS;
  if (aliases.some((a) => a.includes(q))) return SEARCH_RANK.ALIAS_CONTAINS;
  if (service.department.toLowerCase().includes(q)) return SEARCH_RANK.DEPARTMENT_CONTAINS;
  return undefined;
}

// Control characters (C0, DEL, C1): PostgreSQL text cannot hold NUL, and they also keep the BFF's
// alias separator out of a keyword. A plain character class, so older mini-program engines need
// no Unicode property escapes (the same set as \p{Cc}).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Trims, folds full-width forms typed by Chinese IMEs (ＡＢＣ, １２) to ASCII (NFKC), turns control
 * characters into spaces and collapses runs of spaces. Empty → undefined (no filter).
 */
export function normalizeQuery(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const cleaned = raw.normalize('NFKC').replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  // NFKC can lengthen a string (㍿ → 株式会社): keep the documented maximum after folding too.
  const bounded = Array.from(cleaned).slice(0, SEARCH_QUERY_MAX_LENGTH).join('').trim();
  return bounded === '' ? undefined : bounded;
}

/**
 * The services that match `query`, best first, as the catalogue search orders them: by rank,
 * then the more popular, then the order given. A blank query matches nothing.
 */
export function matchServices<T extends SearchableService & { popularity?: number }>(services: readonly T[], query: string | undefined): T[] {
  const term = normalizeQuery(query);
  if (term === undefined) return [];
  return services
    .map((service, index) => ({ service, index, rank: searchRank(service, term) }))
    .filter((hit): hit is { service: T; index: number; rank: number } => hit.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || (b.service.popularity ?? 0) - (a.service.popularity ?? 0) || a.index - b.index)
    .map((hit) => hit.service);
}
