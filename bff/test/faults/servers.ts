// A disposable PostgreSQL cluster (initdb in a temp dir, the postmaster as our own child) and a
// disposable Redis server, on free loopback ports: the fault tests stop and kill these, never the
// machine's shared servers on 5432 and 6379.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { freePort, isRoot, onPath, spawnOwned, waitFor, type Owned } from './processes';

const TEMP_PREFIX = 'palm-faults-';
const START_TIMEOUT_MS = 30_000;

/** The directory holding initdb and postgres: the newest /usr/lib/postgresql/<v>/bin, else PATH. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(root, versions[0], 'bin');
  const initdb = onPath('initdb');
  if (initdb && existsSync(join(dirname(initdb), 'postgres'))) return dirname(initdb);
  throw new Error('fault tests need the PostgreSQL server binaries (initdb, postgres): install the postgresql package (.ci/run does)');
}

export function redisServerBin(): string {
  const bin = onPath('redis-server');
  if (!bin) throw new Error('fault tests need redis-server: install the redis-server package (.ci/run does)');
  return bin;
}

export interface TempRoot {
  path: string;
  /** Deletes it now. */
  remove(): void;
}

/**
 * A temp dir for this process's servers, readable by the postgres user, and deleted once this
 * process is gone however it ends (Jest gives test code no working 'exit' event): a detached shell
 * waits for the end of a pipe from us, which the kernel closes when we exit, even on SIGKILL.
 */
export function makeTempRoot(): TempRoot {
  const path = mkdtempSync(join(tmpdir(), TEMP_PREFIX));
  if (isRoot()) chownSync(path, postgresUid(), postgresGid());
  // The pause lets the servers, dying with us, stop writing into the dir first.
  const reaper = spawn('sh', ['-c', 'cat >/dev/null; sleep 2; rm -rf -- "$1"', 'palm-faults-reaper', path], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  reaper.unref();
  (reaper.stdin as unknown as { unref(): void }).unref();
  return {
    path,
    remove: () => {
      rmSync(path, { recursive: true, force: true });
      reaper.stdin!.end();
    },
  };
}

const postgresUid = () => Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
const postgresGid = () => Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());

export class PostgresServer {
  private process: Owned | null = null;
  readonly dataDir: string;

  private constructor(
    private readonly bin: string,
    root: string,
    readonly port: number,
  ) {
    this.dataDir = join(root, 'pg');
  }

  /** initdb a new cluster under `root` (trust auth for postgres, UTF-8, no fsync: it is thrown away). */
  static async create(root: string): Promise<PostgresServer> {
    const server = new PostgresServer(postgresBinDir(), root, await freePort());
    mkdirSync(server.dataDir, { mode: 0o700 });
    if (isRoot()) chownSync(server.dataDir, postgresUid(), postgresGid());
    const initdb = spawnOwned(join(server.bin, 'initdb'), ['-D', server.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], { asPostgres: true });
    await initdb.exited;
    if (initdb.child.exitCode !== 0) throw new Error(`initdb failed (${initdb.child.exitCode}):\n${initdb.output()}`);
    return server;
  }

  url(database = 'postgres'): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  isRunning(): boolean {
    return this.process?.isAlive() ?? false;
  }

  /** Starts the postmaster and resolves once it accepts connections. */
  async start(): Promise<void> {
    if (this.isRunning()) return;
    const server = spawnOwned(
      join(this.bin, 'postgres'),
      [
        '-D', this.dataDir, '-p', String(this.port),
        '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
        '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
        '-c', 'max_connections=100', '-c', 'shared_buffers=32MB',
      ],
      { asPostgres: true },
    );
    this.process = server;
    await waitFor(
      async () => {
        if (!server.isAlive()) throw new Error(`postgres exited at start:\n${server.output()}`);
        const client = new pg.Client({ connectionString: this.url(), connectionTimeoutMillis: 1000 });
        client.on('error', () => undefined);
        try {
          await client.connect();
          await client.query('SELECT 1');
          return true;
        } catch {
          return false;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      START_TIMEOUT_MS,
      () => `postgres did not accept connections within ${START_TIMEOUT_MS} ms:\n${server.output()}`,
      100,
    );
  }

  /** Fast shutdown (SIGINT: sessions are ended, in-flight transactions roll back), as an operator's `pg_ctl stop`. */
  async stop(): Promise<void> {
    await this.process?.stop('SIGINT', 15_000);
    this.process = null;
  }

  output(): string {
    return this.process?.output() ?? '';
  }
}

export class RedisServer {
  private process: Owned | null = null;

  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async create(root: string): Promise<RedisServer> {
    const dir = join(root, 'redis');
    mkdirSync(dir);
    return new RedisServer(redisServerBin(), dir, await freePort());
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (again, on the same port) and resolves once it is ready for connections. */
  async start(): Promise<void> {
    if (this.process?.isAlive()) return;
    const server = spawnOwned(this.bin, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir]);
    this.process = server;
    await waitFor(
      () => {
        if (!server.isAlive()) throw new Error(`redis-server exited at start:\n${server.output()}`);
        return /Ready to accept connections/.test(server.output());
      },
      START_TIMEOUT_MS,
      () => `redis-server was not ready within ${START_TIMEOUT_MS} ms:\n${server.output()}`,
    );
  }

  /** SIGKILL: the server vanishes mid-command, as in a crash. */
  async kill(): Promise<void> {
    await this.process?.stop('SIGKILL');
    this.process = null;
  }
}
