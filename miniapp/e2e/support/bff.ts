// A real BFF listening on 127.0.0.1 for the browser and bundle suites: the worker's own PostgreSQL
// database (seeded), local stubs for WeChat, Alipay and the SMS gateway, and the built H5 app at
// `/`. Logs are captured so a suite can check nothing unmasked was written.
import type { AddressInfo } from 'node:net';
import { build, closeTestDatabase, type TestApp } from '../../../bff/test/helper';
import { startAllStubs, type AllStubs } from '../../../bff/test/stubs';

export interface RunningBff {
  origin: string;
  t: TestApp;
  stubs: AllStubs;
  close(): Promise<void>;
}

export async function startBff(options: { env?: Record<string, string> } = {}): Promise<RunningBff> {
  const stubs = await startAllStubs();
  // The SMS gateway stays unset: the demo's code comes back as devCode, as on `npm start`.
  const platformEnv = Object.fromEntries(Object.entries(stubs.env).filter(([name]) => !name.startsWith('SMS_')));
  const t = await build({ env: { ...platformEnv, ...options.env } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    t,
    stubs,
    async close() {
      await t.close();
      await stubs.close();
      await closeTestDatabase();
    },
  };
}
