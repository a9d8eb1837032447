import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { applyMigrations, type Database, defaultMigrationsDir, isDatabaseUnavailableError, MigrationError, openDatabase, parseDatabaseUrl, pgExecutor, pgliteExecutor } from '@palm/db';
import { baseTestUrl, getTestDatabaseUrl, testRunId, truncateAll, urlForDatabase, workerDatabaseName, workerId } from '../db';

jest.setTimeout(60_000);

const timings = process.env.PALM_TEST_TIMINGS ? (label: string, ms: number) => console.log(`[palm] ${label}: ${ms.toFixed(0)} ms`) : () => undefined;

const APP_TABLES = [
  'ActivityDispute',
  'Appointment',
  'AppointmentEvent',
  'AppointmentQuota',
  'AuditLog',
  'BookingSuspension',
  'CalendarDay',
  'Counter',
  'Grant',
  'GridTask',
  'GridTaskVisit',
  'Licence',
  'LicenceCapture',
  'LicencePresentation',
  'LicencePurpose',
  'LicenceSigningKey',
  'Notification',
  'NotificationSubscription',
  'Office',
  'OfficeException',
  'OfficeQueueSettings',
  'OfficeService',
  'OtpChallenge',
  'PlatformAccount',
  'Rating',
  'RatingReason',
  'Rectification',
  'RefreshToken',
  'Region',
  'Report',
  'ReportSlaSetting',
  'ReportPhoto',
  'ReportStep',
  'Service',
  'ServiceGuideVersion',
  'ServiceMaterial',
  'ServiceTimeStat',
  'Slot',
  'SlotRule',
  'Ticket',
  'TicketEvent',
  'TicketQuota',
  'TicketSequence',
  'User',
  'WaitlistEntry',
];

const migrationNames = readdirSync(defaultMigrationsDir(), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Column layout of the public tables, to compare PostgreSQL and PGlite. */
const COLUMNS_SQL = `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
  FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`;

describe('PostgreSQL (per-worker clone of the migrated template)', () => {
  let url: string;
  let db: Database;

  beforeAll(async () => {
    const t0 = performance.now();
    url = await getTestDatabaseUrl();
    timings('per-worker database (clone or reuse)', performance.now() - t0);
    db = await openDatabase({ databaseUrl: url, poolMax: 4 });
  });
  // The worker database is shared with the other test files this worker runs (seeded data).
  beforeEach(async () => {
    await truncateAll(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('gives each worker its own database', () => {
    expect(new URL(url).pathname).toBe(`/${workerDatabaseName()}`);
    expect(db.kind).toBe('postgresql');
  });

  it('has every application table and one finished _prisma_migrations row per migration, with Prisma checksums', async () => {
    const tables = await db.prisma.$queryRawUnsafe<{ tablename: string }[]>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    expect(tables.map((t) => t.tablename)).toEqual([...APP_TABLES, '_prisma_migrations'].sort());

    const rows = await db.prisma.$queryRawUnsafe<
      { id: string; checksum: string; migration_name: string; finished_at: Date | null; logs: string | null; rolled_back_at: Date | null; started_at: Date; applied_steps_count: number }[]
    >('SELECT * FROM _prisma_migrations ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const sql = readFileSync(join(defaultMigrationsDir(), row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('re-applying the migrations is a no-op', async () => {
    const before = await withClient(url, (c) => c.query('SELECT id FROM _prisma_migrations ORDER BY id'));
    await expect(withClient(url, (c) => applyMigrations(pgExecutor(c)))).resolves.toEqual([]);
    const after = await withClient(url, (c) => c.query('SELECT id FROM _prisma_migrations ORDER BY id'));
    expect(after.rows).toEqual(before.rows);
  });

  it('lets exactly one of two simultaneous starters apply the migrations', async () => {
    // Named so that globalSetup's clean-up recognises it should this test die half-way.
    const name = `palm_test_w${workerId()}race_${testRunId()}`;
    await withClient(baseTestUrl(), async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}"`);
    });
    try {
      const raceUrl = urlForDatabase(name);
      const results = await Promise.all([1, 2].map(() => withClient(raceUrl, (c) => applyMigrations(pgExecutor(c)))));
      expect(results.map((r) => r.length).sort()).toEqual([0, migrationNames.length]);
      const rows = await withClient(raceUrl, (c) => c.query('SELECT migration_name FROM _prisma_migrations'));
      expect(rows.rowCount).toBe(migrationNames.length);
    } finally {
      await withClient(baseTestUrl(), (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  });

  it('truncateAll empties every application table in one statement and keeps the migration history', async () => {
    await db.prisma.region.create({ data: { code: '330000000000', name: '浙江省', level: 'CITY' } });
    await db.prisma.auditLog.create({ data: { action: 'test', resourceType: 'Region', result: 'OK' } });
    await db.prisma.calendarDay.create({ data: { date: new Date('2026-10-01'), kind: 'HOLIDAY', name: '国庆节' } });

    const t0 = performance.now();
    await truncateAll(db.prisma);
    timings('truncateAll (first call, lists tables)', performance.now() - t0);
    await db.prisma.region.create({ data: { code: '330000000000', name: '浙江省', level: 'CITY' } });
    const t1 = performance.now();
    await truncateAll(db.prisma);
    timings('truncateAll (cached table list)', performance.now() - t1);

    expect(await db.prisma.region.count()).toBe(0);
    expect(await db.prisma.calendarDay.count()).toBe(0);
    // The sequences restart: the next audit id is 1 again.
    const audit = await db.prisma.auditLog.create({ data: { action: 'test', resourceType: 'Region', result: 'OK' } });
    expect(audit.id).toBe(1n);
    await truncateAll(db.prisma);
    const history = await db.prisma.$queryRawUnsafe<{ n: bigint }[]>('SELECT count(*) AS n FROM _prisma_migrations');
    expect(Number(history[0]?.n)).toBe(migrationNames.length);
  });

  it('ping resolves on a live database', async () => {
    await expect(db.ping()).resolves.toBeUndefined();
  });

  it('recognises a connection killed by the server as "database unavailable"', async () => {
    const victim = await openDatabase({ databaseUrl: url, poolMax: 1 });
    try {
      const [row] = await victim.prisma.$queryRawUnsafe<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
      const sleeping = victim.prisma.$queryRawUnsafe('SELECT pg_sleep(10)');
      const outcome = sleeping.then(
        () => undefined,
        (err: unknown) => err,
      );
      await new Promise((r) => setTimeout(r, 200));
      await withClient(url, (c) => c.query('SELECT pg_terminate_backend($1)', [row?.pid]));
      const err = await outcome;
      expect(err).toBeDefined();
      expect(isDatabaseUnavailableError(err)).toBe(true);
    } finally {
      await victim.close();
    }
  });

  it('does not call an ordinary query error "unavailable"', async () => {
    await db.prisma.region.create({ data: { code: '110000000000', name: '北京市', level: 'CITY' } });
    const dup = await db.prisma.region.create({ data: { code: '110000000000', name: '北京市', level: 'CITY' } }).catch((e: unknown) => e);
    expect((dup as { code?: string }).code).toBe('P2002');
    expect(isDatabaseUnavailableError(dup)).toBe(false);
    const syntax = await db.prisma.$queryRawUnsafe('SELEC 1').catch((e: unknown) => e);
    expect(isDatabaseUnavailableError(syntax)).toBe(false);
    expect(isDatabaseUnavailableError(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailableError(undefined)).toBe(false);
    await truncateAll(db.prisma);
  });

  it('honours ?schema= (tables, _prisma_migrations and Prisma queries all in that schema)', async () => {
    const schema = `palm_schema_${workerDatabaseName()}`;
    const schemaUrl = `${url}?schema=${schema}`;
    expect(parseDatabaseUrl(schemaUrl)).toMatchObject({ schema, connectionString: url });
    const scoped = await openDatabase({ databaseUrl: schemaUrl, migrate: true, poolMax: 2 });
    try {
      await scoped.prisma.region.create({ data: { code: '440000000000', name: '广东省', level: 'CITY' } });
      const tables = await withClient(url, (c) =>
        c.query<{ n: string }>(`SELECT count(*) AS n FROM pg_tables WHERE schemaname = $1`, [schema]),
      );
      expect(Number(tables.rows[0]?.n)).toBe(APP_TABLES.length + 1);
      const inSchema = await withClient(url, (c) => c.query(`SELECT name FROM "${schema}"."Region"`));
      expect(inSchema.rows).toEqual([{ name: '广东省' }]);
      expect(await db.prisma.region.count()).toBe(0); // public untouched
    } finally {
      await scoped.close();
      await withClient(url, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    }
  });
});

describe('unreachable PostgreSQL', () => {
  it('ping rejects quickly and the error is "database unavailable"', async () => {
    const down = await openDatabase({ databaseUrl: 'postgresql://postgres@127.0.0.1:1/x' });
    try {
      const t0 = performance.now();
      const err = await down.ping().then(
        () => undefined,
        (e: unknown) => e,
      );
      const elapsed = performance.now() - t0;
      expect(err).toBeDefined();
      expect(elapsed).toBeLessThan(1500);
      expect(isDatabaseUnavailableError(err)).toBe(true);
    } finally {
      await down.close();
    }
  });
});

describe('PGlite (embedded default)', () => {
  let db: Database;

  beforeAll(async () => {
    const t0 = performance.now();
    db = await openDatabase({});
    timings('PGlite in-memory open + migrate', performance.now() - t0);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('runs the same schema as PostgreSQL', async () => {
    expect(db.kind).toBe('pglite');
    const pgColumns = await withClient(await getTestDatabaseUrl(), (c) => c.query(COLUMNS_SQL));
    const liteColumns = await db.prisma.$queryRawUnsafe<unknown[]>(COLUMNS_SQL);
    expect(liteColumns).toEqual(pgColumns.rows);
    const history = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>('SELECT migration_name FROM _prisma_migrations ORDER BY 1');
    expect(history.map((h) => h.migration_name)).toEqual(migrationNames);
  });

  it('round-trips a Prisma create/find and answers ping', async () => {
    await db.prisma.region.create({ data: { code: '330100000000', name: '杭州市', level: 'CITY' } });
    await db.prisma.region.create({ data: { code: '330106000000', name: '西湖区', level: 'COUNTY', parentCode: '330100000000' } });
    const city = await db.prisma.region.findUnique({ where: { code: '330100000000' }, include: { children: true } });
    expect(city?.children.map((c) => c.name)).toEqual(['西湖区']);
    await expect(db.ping()).resolves.toBeUndefined();
    await truncateAll(db.prisma);
    expect(await db.prisma.region.count()).toBe(0);
  });

  it('keeps data in a data directory across reopen, without re-migrating', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palm-pglite-'));
    try {
      const first = await openDatabase({ pgliteDataDir: join(dir, 'data') });
      await first.prisma.region.create({ data: { code: '310000000000', name: '上海市', level: 'CITY' } });
      await first.close();
      const second = await openDatabase({ pgliteDataDir: join(dir, 'data') });
      try {
        expect((await second.prisma.region.findUnique({ where: { code: '310000000000' } }))?.name).toBe('上海市');
        const history = await second.prisma.$queryRawUnsafe<unknown[]>('SELECT 1 FROM _prisma_migrations');
        expect(history).toHaveLength(migrationNames.length);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('caches a pre-migrated image for later in-memory opens', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'palm-pglite-cache-'));
    try {
      const first = await openDatabase({ pgliteCacheDir: cacheDir });
      await first.prisma.region.create({ data: { code: '320000000000', name: '江苏省', level: 'CITY' } });
      await first.close();
      expect(readdirSync(cacheDir).filter((f) => f.endsWith('.tar'))).toHaveLength(1);
      const t0 = performance.now();
      const second = await openDatabase({ pgliteCacheDir: cacheDir });
      timings('PGlite in-memory open from cached image', performance.now() - t0);
      try {
        // The image was taken right after migrating: no data from the first instance leaks in.
        expect(await second.prisma.region.count()).toBe(0);
        const history = await second.prisma.$queryRawUnsafe<unknown[]>('SELECT 1 FROM _prisma_migrations WHERE finished_at IS NOT NULL');
        expect(history).toHaveLength(migrationNames.length);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('records a failing migration like Prisma and then refuses to go on (P3009)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palm-migrations-'));
    const lite = new PGlite();
    try {
      writeFileSync(join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
      mkdirSync(join(dir, '20260101000000_ok'));
      writeFileSync(join(dir, '20260101000000_ok', 'migration.sql'), 'CREATE TABLE "A" (id INT PRIMARY KEY);\n');
      mkdirSync(join(dir, '20260102000000_bad'));
      writeFileSync(join(dir, '20260102000000_bad', 'migration.sql'), 'CREATE TABLE "B" (id INT);\nCREATE TABLE "A" (id INT);\n');

      await expect(applyMigrations(pgliteExecutor(lite), dir)).rejects.toThrow(MigrationError);
      const rows = await lite.query<{ migration_name: string; finished_at: Date | null; logs: string | null; applied_steps_count: number }>(
        'SELECT migration_name, finished_at, logs, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(rows.rows.map((r) => [r.migration_name, r.finished_at !== null, r.applied_steps_count])).toEqual([
        ['20260101000000_ok', true, 1],
        ['20260102000000_bad', false, 0],
      ]);
      expect(rows.rows[1]?.logs).toMatch(/already exists/);
      // The failed script was one implicit transaction: "B" was rolled back with it.
      const b = await lite.query(`SELECT 1 FROM pg_tables WHERE tablename = 'B'`);
      expect(b.rows).toHaveLength(0);
      await expect(applyMigrations(pgliteExecutor(lite), dir)).rejects.toThrow(/failed migrations.*20260102000000_bad/);
    } finally {
      await lite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
