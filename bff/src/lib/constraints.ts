// Which database constraint refused a write. Services decide their rules in SQL (a unique key, a
// CHECK) and turn the violation into the rule's refusal, so the test of "was it this constraint"
// must be the same everywhere: a typed Prisma query reports a unique violation as P2002, a raw one
// as P2010 carrying the SQLSTATE (23505 unique, 23514 check) and the constraint's name in its text.
import { sqlStateOf } from '@palm/db';

const UNIQUE = '23505';
const CHECK = '23514';

interface Violation {
  sqlState: string;
  /** The error's metadata and message: where the constraint (or its columns) is named. */
  detail: string;
}

function violationOf(err: unknown): Violation | null {
  if (typeof err !== 'object' || err === null) return null;
  const { code, meta, message } = err as { code?: unknown; meta?: unknown; message?: unknown };
  const detail = `${JSON.stringify(meta ?? {})} ${typeof message === 'string' ? message : ''}`;
  if (code === 'P2002') return { sqlState: UNIQUE, detail };
  // A raw statement's error (P2010) names the SQLSTATE in its text where no field holds it.
  const sqlState = sqlStateOf(err) ?? (typeof code === 'string' && code.startsWith('P') ? /\b(23505|23514)\b/.exec(detail)?.[1] : undefined);
  return sqlState ? { sqlState, detail } : null;
}

const violates = (err: unknown, sqlState: string, constraint?: string): boolean => {
  const violation = violationOf(err);
  return violation !== null && violation.sqlState === sqlState && (constraint === undefined || violation.detail.includes(constraint));
};

/**
 * A unique constraint refused the write — any, or the one whose name (or column, e.g.
 * `idempotencyKey`) appears in the error.
 */
export const isUniqueViolation = (err: unknown, constraint?: string): boolean => violates(err, UNIQUE, constraint);

/** A CHECK constraint refused the write — any, or the one named (e.g. `Slot_booked_within_capacity`). */
export const isCheckViolation = (err: unknown, constraint?: string): boolean => violates(err, CHECK, constraint);
