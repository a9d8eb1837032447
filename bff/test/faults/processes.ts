// Child processes the fault tests own — a PostgreSQL cluster, a Redis server, BFF instances — each
// on loopback, each stoppable or killable by the test without touching the machine's shared
// servers. Every child gets a parent-death signal (setpriv --pdeathsig), so it dies with the Jest
// process that started it even when that process is killed and no afterAll runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/** The full path of `command` on PATH, or undefined. */
export function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export const isRoot = () => process.getuid?.() === 0;

export interface Owned {
  child: ChildProcess;
  /** The last ~10 kB the process wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves when the process has exited (at once if it already has). */
  exited: Promise<void>;
  isAlive(): boolean;
  /** Sends `signal`; after `graceMs` without an exit, SIGKILL. Resolves once it has exited. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

const everyChild = new Set<ChildProcess>();

/** SIGKILLs every child still running (synchronous: usable from an 'exit' handler). */
export function killAllNow(): void {
  for (const child of everyChild) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as the `postgres` OS user (PostgreSQL refuses to run as root). */
  asPostgres?: boolean;
}

/** Starts `command` as a child that dies with this process (and, if asked, as `postgres`). */
export function spawnOwned(command: string, args: string[], opts: SpawnOptions = {}): Owned {
  const setpriv = onPath('setpriv');
  if (!setpriv && isRoot()) throw new Error('fault tests: setpriv (util-linux) is needed to run PostgreSQL as the postgres user');
  const user = opts.asPostgres && isRoot() ? ['--reuid=postgres', '--regid=postgres', '--init-groups'] : [];
  // setpriv execs the command, so the child's pid is the command's own.
  const [file, argv] = setpriv ? [setpriv, [...user, '--pdeathsig', 'KILL', '--', command, ...args]] : [command, args];
  const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  everyChild.add(child);
  let out = '';
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    if (out.length > 20_000) out = out.slice(-10_000);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let failed = false;
  // 'exit', not 'close': a process that leaves children holding its pipes (postgres backends)
  // has still exited. 'error' without 'exit': it never started.
  const exited = new Promise<void>((resolve) => {
    const done = () => {
      everyChild.delete(child);
      child.stdout!.destroy();
      child.stderr!.destroy();
      resolve();
    };
    child.once('exit', done);
    child.once('error', (err) => {
      failed = true;
      onData(Buffer.from(`\n[spawn error] ${err.message}\n`));
      done();
    });
  });
  const isAlive = () => !failed && child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => out,
    exited,
    isAlive,
    stop: async (signal = 'SIGTERM', graceMs = 10_000) => {
      if (isAlive()) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `check` every `everyMs` until it resolves true; throws `describe()` after `ms`. */
export async function waitFor(check: () => Promise<boolean> | boolean, ms: number, describe: () => string, everyMs = 50): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(describe());
    await sleep(everyMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
