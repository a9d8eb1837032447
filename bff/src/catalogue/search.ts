// Keyword search over the catalogue (DESIGN.md §5 GET /api/services?q=&category=). One SQL query:
// ILIKE over the name, the aliases people actually type (社保, 退休, 营业执照) and the department,
// ranked so that what a citizen means comes first, then by popularity (the "most used" list).
import { SEARCH_LIMIT_DEFAULT, SERVICE_CATEGORY_LABELS, type ServiceCategoryKey, type ServiceList } from '@palm/shared/server';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { AppError } from '../lib/errors';

/**
 * Ranks, best first. An exact name or alias is what the person asked for; a name starting with the
 * keyword is the next best guess (身份证 → 身份证换领); a hit only in the department (人社局) is the
 * weakest signal, since it matches every service of that department.
 */
export const SEARCH_RANK = {
  EXACT: 0,
  NAME_PREFIX: 1,
  NAME_CONTAINS: 2,
  ALIAS_CONTAINS: 3,
  DEPARTMENT_CONTAINS: 4,
} as const;

/**
 * Trims, folds full-width forms typed by Chinese IMEs (ＡＢＣ, １２) to ASCII (NFKC), turns control
 * characters into spaces — PostgreSQL text cannot hold NUL, and they also keep the alias
 * separator below out of the keyword — and collapses runs of spaces. Empty → undefined (no filter).
 */
export function normalizeQuery(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const cleaned = raw.normalize('NFKC').replace(/\p{Cc}/gu, ' ').replace(/\s+/g, ' ').trim();
  return cleaned === '' ? undefined : cleaned;
}

/** Escapes LIKE wildcards so `%`, `_` and `\` in a keyword match themselves (backslash is the escape). */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Keyset position of the last item of a page: rank, popularity, id (the ORDER BY of the query). */
export interface SearchCursor {
  rank: number;
  popularity: number;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.rank, cursor.popularity, cursor.id])).toString('base64url');
}

/** A cursor is opaque to clients; anything that is not one we issued is a 400, never a SQL error. */
export function decodeCursor(value: string): SearchCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 3) {
    const [rank, popularity, id] = parsed as unknown[];
    if (
      Number.isInteger(rank) && (rank as number) >= 0 && (rank as number) <= 4 &&
      Number.isSafeInteger(popularity) && Math.abs(popularity as number) < 2 ** 31 &&
      typeof id === 'string' && UUID.test(id)
    ) {
      return { rank: rank as number, popularity: popularity as number, id };
    }
  }
  throw new AppError('VALIDATION_FAILED', '分页参数无效，请从第一页重新加载', [{ field: 'querystring.cursor', rule: 'format' }]);
}

export function categoryLabel(category: string): string {
  return (SERVICE_CATEGORY_LABELS as Record<string, string>)[category] ?? SERVICE_CATEGORY_LABELS.OTHER;
}

interface Row {
  id: string;
  code: string;
  name: string;
  department: string;
  category: string;
  summary: string;
  promisedDays: number;
  onlineAllowed: boolean;
  appointmentRequired: boolean;
  popularity: number;
  rank: number;
}

export interface SearchInput {
  q?: string;
  category?: ServiceCategoryKey;
  limit?: number;
  cursor?: string;
}

// Aliases are searched as one string; the separator is a control character, which normalizeQuery
// never leaves in a keyword, so a keyword cannot match across two aliases.
const ALIASES = Prisma.sql`array_to_string(s.aliases, chr(10))`;
const ESCAPE = Prisma.raw(`ESCAPE '\\'`);
// Ranks are written into the SQL as literals so the CASE is an integer expression, not parameters
// whose type PostgreSQL would have to guess.
const rankOf = Object.fromEntries(Object.entries(SEARCH_RANK).map(([k, v]) => [k, Prisma.raw(String(v))])) as Record<
  keyof typeof SEARCH_RANK,
  Prisma.Sql
>;

export async function searchServices(prisma: PrismaClient, input: SearchInput): Promise<ServiceList> {
  const term = normalizeQuery(input.q);
  const limit = input.limit ?? SEARCH_LIMIT_DEFAULT;
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor);

  let rank = Prisma.sql`0`;
  let match = Prisma.sql`TRUE`;
  if (term !== undefined) {
    const contains = `%${escapeLike(term)}%`;
    const prefix = `${escapeLike(term)}%`;
    rank = Prisma.sql`CASE
      WHEN lower(s.name) = lower(${term}) OR lower(${term}) = ANY (SELECT lower(a) FROM unnest(s.aliases) AS a) THEN ${rankOf.EXACT}
      WHEN s.name ILIKE ${prefix} ${ESCAPE} THEN ${rankOf.NAME_PREFIX}
      WHEN s.name ILIKE ${contains} ${ESCAPE} THEN ${rankOf.NAME_CONTAINS}
      WHEN ${ALIASES} ILIKE ${contains} ${ESCAPE} THEN ${rankOf.ALIAS_CONTAINS}
      ELSE ${rankOf.DEPARTMENT_CONTAINS} END`;
    match = Prisma.sql`(s.name ILIKE ${contains} ${ESCAPE} OR ${ALIASES} ILIKE ${contains} ${ESCAPE} OR s.department ILIKE ${contains} ${ESCAPE})`;
  }
  const inCategory = input.category === undefined ? Prisma.sql`TRUE` : Prisma.sql`s.category = ${input.category}`;
  const afterCursor =
    after === undefined
      ? Prisma.sql`TRUE`
      : Prisma.sql`(r.rank > ${after.rank}
          OR (r.rank = ${after.rank} AND r.popularity < ${after.popularity})
          OR (r.rank = ${after.rank} AND r.popularity = ${after.popularity} AND r.id > ${after.id}::uuid))`;

  // One more row than asked for tells whether a next page exists without a COUNT.
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT r.* FROM (
      SELECT s.id, s.code, s.name, s.department, s.category, s.summary, s."promisedDays", s."onlineAllowed",
             s."appointmentRequired", s.popularity, (${rank}) AS rank
      FROM "Service" s
      WHERE ${match} AND ${inCategory}
    ) r
    WHERE ${afterCursor}
    ORDER BY r.rank, r.popularity DESC, r.id
    LIMIT ${limit + 1}`;

  const page = rows.slice(0, limit);
  const items = page.map(({ rank: _rank, ...row }) => ({
    ...row,
    id: String(row.id),
    category: row.category as ServiceCategoryKey,
    categoryLabel: categoryLabel(row.category),
    promisedDays: Number(row.promisedDays),
    popularity: Number(row.popularity),
  }));
  const last = page[page.length - 1];
  if (rows.length > limit && last) {
    return { items, nextCursor: encodeCursor({ rank: Number(last.rank), popularity: Number(last.popularity), id: String(last.id) }) };
  }
  return { items };
}
