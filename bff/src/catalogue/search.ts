// Keyword search over the catalogue (DESIGN.md §5 GET /api/services?q=&category=). One SQL query:
// ILIKE over the name, the aliases people actually type (社保, 退休, 营业执照) and the department,
// ranked so that what a citizen means comes first, then by popularity (the "most used" list). The
// ranking rule and the keyword's folding are @palm/shared's (service-search.ts), which the
// mini-app's service chooser runs too; the SQL below implements that rule (a route test checks
// that both order the seeded catalogue the same way).
import { normalizeQuery, SEARCH_RANK } from '@palm/shared';
import {
  SEARCH_LIMIT_DEFAULT,
  SEARCH_LIMIT_MAX,
  SERVICE_CATEGORY_LABELS,
  type ServiceCategoryKey,
  type ServiceList,
} from '@palm/shared/server';
import { Prisma, type PrismaClient } from '@palm/db/client';
import { AppError } from '../lib/errors';
import { decodeCursor, encodeCursor } from './cursor';

export { normalizeQuery, SEARCH_RANK, searchRank } from '@palm/shared';

/** Escapes LIKE wildcards so `%`, `_` and `\` in a keyword match themselves (backslash is the escape). */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
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
  // ajv's coercion passes "Infinity" as an integer within `maximum`; the bound is enforced here.
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > SEARCH_LIMIT_MAX) {
    throw new AppError('VALIDATION_FAILED', undefined, [{ field: 'querystring.limit', rule: 'maximum' }]);
  }
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor, SEARCH_RANK.DEPARTMENT_CONTAINS);

  let rank = Prisma.sql`0`;
  let match = Prisma.sql`TRUE`;
  if (term !== undefined) {
    const contains = `%${escapeLike(term)}%`;
    const prefix = `${escapeLike(term)}%`;
    rank = Prisma.sql`CASE
      WHEN lower(s.name) = lower(${term}) OR lower(${term}) = ANY (SELECT lower(a) FROM unnest(s.aliases) AS a)
        THEN CASE WHEN s.name ILIKE ${contains} ${ESCAPE} THEN ${rankOf.EXACT_AND_IN_NAME} ELSE ${rankOf.EXACT} END
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
