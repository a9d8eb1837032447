// Keyset cursors for the service search: the (rank, popularity, id) of a page's last item, the
// same triple the query orders by, so the next page starts exactly after it even while rows are
// added — an OFFSET would skip or repeat items then.
import { AppError } from '../lib/errors';

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
export function decodeCursor(value: string, worstRank: number): SearchCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 3) {
    const [rank, popularity, id] = parsed as unknown[];
    if (
      Number.isInteger(rank) && (rank as number) >= 0 && (rank as number) <= worstRank &&
      Number.isSafeInteger(popularity) && Math.abs(popularity as number) < 2 ** 31 &&
      typeof id === 'string' && UUID.test(id)
    ) {
      return { rank: rank as number, popularity: popularity as number, id };
    }
  }
  throw new AppError('VALIDATION_FAILED', '分页参数无效，请从第一页重新加载', [{ field: 'querystring.cursor', rule: 'format' }]);
}

