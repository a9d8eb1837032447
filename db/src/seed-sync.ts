// How seed rows reach the database; seeds/ says which rows. Every row has a fixed key (literal
// UUID, region code, (office, date), …), so a sync reads what is there, inserts what is missing
// with one INSERT … ON CONFLICT DO NOTHING per table and updates only rows whose seeded fields
// differ: a second run writes nothing, and two processes seeding at once cannot duplicate a row.
import type { Prisma } from './generated/prisma/client';

/** A row as the diff sees it: column name → value. */
type Row = Record<string, unknown>;

/** What one table's sync did. `total` is the number of seeded rows of that table. */
export interface TableSync {
  total: number;
  created: number;
  updated: number;
  deleted: number;
}

/** A stable text form for comparison: object keys sorted (jsonb reorders them), dates as ISO. */
function canon(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

function normalise(value: unknown): unknown {
  // Date#toJSON runs before the replacer sees the value, so dates already compare as ISO strings.
  return value === undefined ? null : value;
}

export interface SyncPlan<T> {
  create: T[];
  update: T[];
  /** Keys present in the database but no longer in the seeds (callers decide whether to delete). */
  stale: string[];
}

export function planSync<T extends Row>(desired: readonly T[], existing: readonly Row[], keyOf: (r: Row) => string, fields: readonly (keyof T & string)[]): SyncPlan<T> {
  const have = new Map(existing.map((r) => [keyOf(r), r]));
  const want = new Set<string>();
  const out: SyncPlan<T> = { create: [], update: [], stale: [] };
  for (const row of desired) {
    const key = keyOf(row);
    want.add(key);
    const current = have.get(key);
    if (!current) out.create.push(row);
    else if (fields.some((f) => canon(normalise(row[f])) !== canon(normalise(current[f])))) out.update.push(row);
  }
  for (const key of have.keys()) if (!want.has(key)) out.stale.push(key);
  return out;
}

export function pickFields<T extends object, K extends keyof T>(row: T, fields: readonly K[]): Pick<T, K> {
  return Object.fromEntries(fields.map((f) => [f, row[f]])) as Pick<T, K>;
}

/**
 * Inserts the rows that are missing, skipping any that appeared meanwhile (a concurrent seeder):
 * the createMany(skipDuplicates) of Prisma as one SQL statement. Prisma 7's createMany spends
 * about 10 ms per row building its query (measured on a loaded 2-core box: 37 services ≈ 400 ms,
 * warm), which alone
 * would blow the seed budget; this is a few milliseconds per table. The rows are still typed
 * against Prisma's CreateManyInput where they are built, and JSON keys map to columns by name
 * (the schema has no @map), so a renamed field fails the type check, not at run time.
 */
export async function insertMissing(tx: Prisma.TransactionClient, table: Prisma.ModelName, rows: readonly Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const quote = (name: string) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`seed: unexpected identifier ${name}`);
    return `"${name}"`;
  };
  const list = columns.map(quote).join(', ');
  // Every listed column is written for every row (an absent key as NULL, which would bypass a
  // column default), so all rows of one table are built by one constructor with the same keys.
  const payload = JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))));
  return tx.$executeRawUnsafe(
    `INSERT INTO ${quote(table)} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${quote(table)}, $1::jsonb) ON CONFLICT DO NOTHING`,
    payload,
  );
}

/**
 * After an insert that skips conflicts: a row skipped because *another* unique key (office code,
 * phone hash, …) is taken by a foreign row would leave its fixed id missing, and every later
 * foreign key would fail obscurely. Check and say which.
 */
export async function assertPresent(table: string, wanted: readonly string[], present: () => Promise<string[]>): Promise<void> {
  const have = new Set(await present());
  const missing = wanted.filter((k) => !have.has(k));
  if (missing.length) {
    throw new Error(
      `seed: ${table} ${missing.join(', ')} could not be inserted: another row already holds one of its unique values ` +
        '(reset the database, or remove the conflicting row)',
    );
  }
}

export const tableSync = (total: number, p: SyncPlan<unknown>, deleted = 0): TableSync => ({ total, created: p.create.length, updated: p.update.length, deleted });
