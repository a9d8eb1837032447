// `npm run licence:verify` (scripts/licence-verify.mjs): the standalone verifier, run as its own
// process with nothing but jose and a JWK Set — fetched from a running BFF once and saved, then
// read from the file with the BFF out of reach. It passes a good token, refuses a tampered, an
// expired and a foreign one with the BFF's codes, and always says that single use and revocation
// need the online check.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DEMO_PHONES } from '../../../seeds';
import { build, closeTestDatabase, type TestApp } from '../helper';
import { json, licenceOf, present, signIn } from './helpers';

const SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'licence-verify.mjs');

const run = (args: string[]) =>
  new Promise<{ code: number; out: string }>((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` });
    });
  });

describe('npm run licence:verify', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('checks with the JWKS fetched once and saved, then offline from the file', async () => {
    const citizen = await signIn(t, DEMO_PHONES.citizen);
    const { token } = json<{ token: string }>(await present(t, citizen, licenceOf('citizen', 'RESIDENT_ID')), 201);
    const at = t.resources.clock.now().toISOString();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    const saved = join(mkdtempSync(join(tmpdir(), 'palm-jwks-')), 'jwks.json');

    const online = await run([token, '--jwks', `http://127.0.0.1:${port}/.well-known/jwks.json`, '--save', saved, '--at', at]);
    expect(online.code).toBe(0);
    expect(online.out).toContain('✓ 签名有效');
    expect(online.out).toContain('事由：IDENTITY_CHECK');
    expect(online.out).toContain('须联网到窗口核验');

    // From the saved file: the BFF plays no part.
    const offline = await run([token, '--jwks', saved, '--at', at]);
    expect(offline.code).toBe(0);

    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, pur: 'BUSINESS_CHECK' })).toString('base64url')}.${s}`;
    const refusedTampered = await run([tampered, '--jwks', saved, '--at', at]);
    expect([refusedTampered.code, refusedTampered.out]).toEqual([1, expect.stringContaining('LICENCE_TOKEN_INVALID')]);

    const later = new Date(new Date(at).getTime() + 120_000).toISOString();
    const refusedLate = await run([token, '--jwks', saved, '--at', later]);
    expect([refusedLate.code, refusedLate.out]).toEqual([1, expect.stringContaining('LICENCE_TOKEN_EXPIRED')]);

    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'licence-qr+jwt' })).toString('base64url')}.${p}.`;
    expect((await run([none, '--jwks', saved, '--at', at])).out).toContain('LICENCE_TOKEN_ALGORITHM');

    expect((await run(['not-a-token', '--jwks', saved])).code).toBe(1);
    expect((await run([token, '--jwks', join(tmpdir(), 'no-such-jwks.json')])).code).toBe(2);
  }, 60_000);
});
