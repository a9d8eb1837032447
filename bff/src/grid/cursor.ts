// Keyset cursors for the grid's lists: the sort value and id of a page's last item, the pair the
// query orders by, so the next page starts exactly after it even while rows change (an OFFSET
// would skip or repeat rows then). Opaque to clients; anything we did not issue is a 400.
import { AppError } from '../lib/errors';

export interface Keyset {
  /** The sort column's value as text (a name, a date, an instant); null sorts last. */
  value: string | null;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeKeyset = (kind: string, key: Keyset): string => Buffer.from(JSON.stringify([kind, key.value, key.id])).toString('base64url');

/** `kind` names the list (and its order): a cursor of another list is refused, not misread. */
export function decodeKeyset(kind: string, cursor: string): Keyset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 3) {
    const [k, value, id] = parsed as unknown[];
    if (k === kind && (value === null || (typeof value === 'string' && value.length <= 100)) && typeof id === 'string' && UUID.test(id)) return { value, id };
  }
  throw new AppError('VALIDATION_FAILED', '分页参数无效，请从第一页重新加载', [{ field: 'querystring.cursor', rule: 'format' }]);
}
