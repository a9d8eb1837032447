// 核验 through the real BFF (POST /api/licence-verifications), every request a legitimate success:
// each verification consumes a fresh single-use token, so the tokens are made first, outside the
// timed part — real 亮证 (POST /api/licences/:id/presentations) by the seeded citizen for his 居民身份证,
// BENCH_VERIFICATIONS of them plus a warm-up's worth, the presentation limit raised for the bench
// (run.ts) — and the clerk of the county centre verifies each exactly once. A token lives 60 s (±30 s
// skew), so making them and using them must fit in 90 s: at the default counts (2,000 + 250) it takes
// about 40 s on a shared 2-core machine.
// Each verification is the whole check: the signature, the presentation row, the licence's state,
// the one conditional UPDATE that uses the token up, the audit entry and the holder's message.
import autocannon from 'autocannon';
import { DEMO_PHONES } from '../../seeds';
import { CONNECTIONS, rowOf, type Row } from './lib';

const COUNT = Number(process.env.BENCH_VERIFICATIONS ?? 2000);
const WARMUP_COUNT = Math.min(500, Math.ceil(COUNT / 8));
/** Presentations in flight while the tokens are made. */
const MAKERS = 16;

export interface VerifyResult {
  row: Row;
  /** Seconds spent making the tokens (not measured), and how many answers were not 200 with the purpose's fields. */
  mintSeconds: number;
  wrong: number;
}

async function login(baseUrl: string, phone: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone }) });
  if (!res.ok) throw new Error(`dev-login ${phone}: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function mint(baseUrl: string, holder: string, licenceId: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  let left = count;
  const worker = async () => {
    while (left > 0) {
      left -= 1;
      const res = await fetch(`${baseUrl}/api/licences/${licenceId}/presentations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${holder}`, 'content-type': 'application/json' },
        body: '{}',
      });
      if (res.status !== 201) throw new Error(`亮证 for the bench: ${res.status} ${await res.text()}`);
      tokens.push(((await res.json()) as { token: string }).token);
    }
  };
  await Promise.all(Array.from({ length: MAKERS }, worker));
  return tokens;
}

export async function verifyScenario(baseUrl: string): Promise<VerifyResult> {
  const holder = await login(baseUrl, DEMO_PHONES.citizen);
  const clerk = await login(baseUrl, DEMO_PHONES.clerk);
  const list = (await (await fetch(`${baseUrl}/api/licences`, { headers: { authorization: `Bearer ${holder}` } })).json()) as { items: { id: string; type: string; status: string }[] };
  const licence = list.items.find((l) => l.type === 'RESIDENT_ID' && l.status === 'VALID');
  if (!licence) throw new Error('bench: the seeded citizen has no valid 居民身份证');

  const started = Date.now();
  const tokens = await mint(baseUrl, holder, licence.id, WARMUP_COUNT + COUNT);
  const mintSeconds = (Date.now() - started) / 1000;
  let next = 0;
  let wrong = 0;
  const setupRequest = (req: autocannon.Request): autocannon.Request => {
    const token = tokens[next] ?? 'exhausted';
    next += 1;
    return { ...req, body: JSON.stringify({ token }) };
  };
  const onResponse = (status: number, body: string) => {
    if (status !== 200 || !body.includes('"fields"')) wrong += 1;
  };
  const options = {
    url: `${baseUrl}/api/licence-verifications`,
    connections: CONNECTIONS,
    requests: [{ method: 'POST' as const, headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` }, setupRequest, onResponse }],
  };
  await autocannon({ ...options, amount: WARMUP_COUNT });
  wrong = 0;
  const result = await autocannon({ ...options, amount: COUNT });
  return { row: rowOf('POST /api/licence-verifications (核验, a fresh token each)', result), mintSeconds, wrong };
}
