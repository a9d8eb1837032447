// One denial, timed (DESIGN.md §6): a refused object and a missing one must not be told apart by
// how long the answer takes. For each kind of refusal, 200 requests for a real object that is not
// the caller's and 200 for a random id, interleaved, on the real BFF in this process (inject, no
// network) over real PostgreSQL; prints the medians and 90th percentiles. Not part of `npm test`:
// run it by hand, on a quiet machine —
//   npx tsx bff/bench/denial-timing.ts        (PALM_BENCH_PG_URL, PALM_TIMING_DB to move it)
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { COUNTER_IDS, DEMO_PHONES, OFFICE_IDS, SERVICE_IDS, seedAll } from '../../seeds';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { closeResources, openResources } from '../src/resources';
import { BASE_URL, percentile, withDatabase } from './lib';

const DB_NAME = process.env.PALM_TIMING_DB ?? 'palm_denial_timing';
const ROUNDS = Number(process.env.TIMING_ROUNDS ?? 200);
const WARMUP = 20;

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error(`PALM_TIMING_DB: not a plain lower-case name: ${DB_NAME}`);
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME}`);
  await admin(`CREATE DATABASE ${DB_NAME}`);
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: withDatabase(BASE_URL, DB_NAME),
    REDIS_URL: '',
    PALM_MIGRATE_ON_START: 'true',
    PALM_CLOCK: '2026-11-23T09:30:00+08:00',
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    NOTIFY_WORKER_ENABLED: 'false',
    SLOT_JOB_ENABLED: 'false',
  });
  const resources = await openResources(config);
  await seedAll(resources.db.prisma, resources.pii);
  const app = await buildApp({ config, resources, logStream: new Writable({ write: (_chunk, _enc, cb) => cb() }) });
  await app.ready();
  const { prisma } = app;

  const login = async (phone: string) => (await app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { phone } })).json() as { accessToken: string; user: { id: string } };
  const elder = await login(DEMO_PHONES.elderly);
  const stranger = await login('13690000001');
  const otherClerk = await login('13800000101');
  const otherSupervisor = await prisma.user.create({ data: { roles: ['CITIZEN', 'SUPERVISOR'], name: '主管', regionCode: '361222000000' } });
  const otherSupervisorToken = ((await app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: otherSupervisor.id } })).json() as { accessToken: string }).accessToken;
  const ticket = (
    await app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: { authorization: `Bearer ${elder.accessToken}` },
      payload: { officeId: OFFICE_IDS.countyCenter, serviceId: SERVICE_IDS.socialSecurityCardApply },
    })
  ).json() as { id: string };
  await prisma.ticket.update({ where: { id: ticket.id }, data: { status: 'CALLED', counterId: COUNTER_IDS.countyCenter12, calledAt: new Date() } });
  const now = resources.clock.now();
  const suspension = await prisma.bookingSuspension.create({
    data: { subjectId: elder.user.id, officeId: OFFICE_IDS.countyCenter, startsAt: now, endsAt: new Date(now.getTime() + 7 * 86_400_000), reason: '30天内3次预约未到', appealStatus: 'PENDING', appealText: '那几天住院了', appealedAt: now },
  });
  const message = await prisma.notification.create({
    data: { userId: elder.user.id, channel: 'IN_APP', kind: 'TICKET_CALLED', payload: { displayNumber: 'B001', serviceName: '社保', officeName: '县政务服务中心', counterNumber: 2, counterName: '综合窗口', at: now.toISOString() }, status: 'SENT', dedupeKey: 'timing:1' },
  });

  interface Case {
    name: string;
    token: string;
    method: 'GET' | 'POST';
    url: (id: string) => string;
    real: string;
    headers?: Record<string, string>;
    payload?: object;
  }
  const cases: Case[] = [
    { name: 'stranger reads a ticket', token: stranger.accessToken, method: 'GET', url: (id) => `/api/tickets/${id}`, real: ticket.id },
    { name: 'X-On-Behalf-Of without a grant, ticket', token: stranger.accessToken, method: 'GET', url: (id) => `/api/tickets/${id}`, real: ticket.id, headers: { 'x-on-behalf-of': elder.user.id } },
    { name: 'clerk of another hall recalls a ticket', token: otherClerk.accessToken, method: 'POST', url: (id) => `/api/tickets/${id}/recall`, real: ticket.id },
    { name: 'clerk of another hall calls at a window', token: otherClerk.accessToken, method: 'POST', url: (id) => `/api/counters/${id}/call-next`, real: COUNTER_IDS.countyCenter1 },
    {
      name: 'supervisor of another region decides',
      token: otherSupervisorToken,
      method: 'POST',
      url: (id) => `/api/booking-suspensions/${id}/decide`,
      real: suspension.id,
      payload: { decision: 'UPHELD', note: '未提供证明' },
    },
    { name: 'stranger marks a message read', token: stranger.accessToken, method: 'POST', url: (id) => `/api/messages/${id}/read`, real: message.id },
  ];

  const once = async (c: Case, id: string): Promise<{ ms: number; status: number; body: string }> => {
    const started = process.hrtime.bigint();
    const res = await app.inject({ method: c.method, url: c.url(id), headers: { authorization: `Bearer ${c.token}`, ...c.headers }, ...(c.payload ? { payload: c.payload } : {}) });
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: res.statusCode, body: res.body };
  };

  const lines = ['| refusal | status | median real / random (ms) | p90 real / random (ms) | median difference |', '|---|---|---|---|---|'];
  for (const c of cases) {
    for (let i = 0; i < WARMUP; i += 1) await Promise.all([once(c, c.real), once(c, randomUUID())]).catch(() => undefined);
    const real: number[] = [];
    const random: number[] = [];
    for (let i = 0; i < ROUNDS; i += 1) {
      // Alternate which goes first, so drift and caches fall on both alike.
      const order = i % 2 === 0 ? (['real', 'random'] as const) : (['random', 'real'] as const);
      for (const which of order) {
        const r = await once(c, which === 'real' ? c.real : randomUUID());
        (which === 'real' ? real : random).push(r.ms);
      }
    }
    const a = await once(c, c.real);
    const b = await once(c, randomUUID());
    const same = a.status === b.status && a.body === b.body ? 'same body' : 'BODIES DIFFER';
    const med = (xs: number[]) => percentile([...xs].sort((x, y) => x - y), 50);
    const p90 = (xs: number[]) => percentile([...xs].sort((x, y) => x - y), 90);
    lines.push(
      `| ${c.name} | ${a.status}, ${same} | ${med(real).toFixed(2)} / ${med(random).toFixed(2)} | ${p90(real).toFixed(2)} / ${p90(random).toFixed(2)} | ${(med(real) - med(random)).toFixed(2)} |`,
    );
  }
  console.log(`${ROUNDS} requests each, interleaved, after ${WARMUP} warm-up pairs (in-process inject, PostgreSQL ${DB_NAME}):`);
  console.log(lines.join('\n'));
  await app.close();
  await closeResources(resources);
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
