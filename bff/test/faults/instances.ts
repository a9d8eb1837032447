// Real BFF instances as child processes (bff/src/server.ts under tsx, as `npm start` and the bench
// run it), so a test can SIGKILL one with requests in flight. Node runs the server itself with tsx
// as a loader (the bench's profiling path), not through the tsx CLI, which would put the server in
// a grandchild: a signal to the child would not reach it.
import { join } from 'node:path';
import { spawnOwned, waitFor, type Owned } from './processes';

const ROOT = join(__dirname, '..', '..', '..');
const START_TIMEOUT_MS = 60_000;

export interface Instance {
  name: string;
  url: string;
  process: Owned;
  pid: number;
}

/** Starts bff/src/server.ts with `env` on top of this process's and resolves once it listens. */
export async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const owned = spawnOwned(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: join(ROOT, 'bff'),
    // PORT 0: the OS picks a free port, which the server prints with its URL. Under a loader,
    // @fastify/autoload must be told that the .ts plugins can be imported.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', FASTIFY_AUTOLOAD_TYPESCRIPT: '1', ...env },
  });
  let url = '';
  await waitFor(
    () => {
      if (!owned.isAlive()) throw new Error(`BFF ${name} exited at start:\n${owned.output()}`);
      url = /Palm is running: (\S+)\s/.exec(owned.output())?.[1] ?? '';
      return url !== '';
    },
    START_TIMEOUT_MS,
    () => `BFF ${name} did not start within ${START_TIMEOUT_MS} ms:\n${owned.output()}`,
  );
  return { name, url, process: owned, pid: owned.child.pid! };
}
