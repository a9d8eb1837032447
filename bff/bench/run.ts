// `npm run bench`: starts a bare Fastify "hello" and two instances of the real BFF (real
// PostgreSQL, seeded bench database, one Redis) as separate processes, and reports
// - hot routes and ticket taking (POST /api/tickets) driven by autocannon from this process, with
//   req/s and latency as ratios of the hello figures measured in the same run;
// - ticket taking against its ceiling: pgbench running the SQL TicketService.issue sends, on the
//   same database, with the same concurrency and offerings mix (pgbench.ts);
// - live-event latency from a clerk's action to 1,000 WebSocket subscribers over both instances (live.ts);
// - 核验: clerk verifications of 亮证 tokens, each a fresh single-use token made beforehand (licences.ts);
// - the release storm: 5,000 people booking 200 places at the instant they are released, on a third
//   instance behind a "proxy" (each person's own address) on real time (storm.ts).
// Absolute numbers on shared 2-core machines vary ±20%; ratios are what to compare.
import { BENCH_DATABASE_URL, CONNECTIONS, DURATION, load, recreateDatabase, start, type Child, type Row } from './lib';
import { liveLines, liveScenario } from './live';
import { checkNumbers, createPgbenchPeople, pgbench, recordIssue } from './pgbench';
import { STORM_PER_ADDRESS, stormFailures, stormLines, stormScenario } from './storm';
import { BENCH_JWT_SECRET, issueScenario, prepareOfferings } from './tickets';
import { verifyScenario } from './licences';

// A Monday, 09:30 in Asia/Shanghai: every hall is open (the clock then runs forward in real time).
const PALM_CLOCK = '2026-11-23T09:30:00+08:00';

const bffEnv = (first: boolean): Record<string, string> => ({
  PORT: '0',
  NODE_ENV: 'development',
  DATABASE_URL: BENCH_DATABASE_URL,
  REDIS_URL: process.env.PALM_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/15',
  // The first instance migrates and seeds; the second starts on the result.
  PALM_MIGRATE_ON_START: String(first),
  PALM_SEED_ON_START: String(first),
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000000',
  // The verification scenario makes its thousands of tokens as one holder, beforehand.
  LICENCE_PRESENTATIONS_PER_MINUTE: '100000000',
  // The live scenario's 1,000 subscribers all come from this machine's one address.
  LIVE_SOCKETS_PER_ADDRESS: '100000',
  PALM_CLOCK,
  PALM_JWT_SECRET: BENCH_JWT_SECRET,
});

// The storm's instance: real time (slots are released at a real instant), each attempt's address
// from X-Forwarded-For, the production per-address booking limit, and no slot or appointment jobs
// that could touch its slots meanwhile.
const stormEnv = (): Record<string, string> => ({
  ...bffEnv(false),
  PALM_CLOCK: '',
  TRUST_PROXY: 'true',
  BOOKING_IP_PER_MINUTE: String(STORM_PER_ADDRESS),
  SLOT_JOB_ENABLED: 'false',
  APPOINTMENT_JOBS_ENABLED: 'false',
});

const progress = (text: string) => console.log(`… ${text}`);

// BENCH_ONLY=tickets,pgbench (any of routes, tickets, pgbench, verify, live, storm) runs only those
// scenarios; the hello yardstick and the number check always run. Unset: everything.
const SCENARIOS = ['routes', 'tickets', 'pgbench', 'verify', 'live', 'storm'] as const;
const only = (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
for (const name of only) if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`BENCH_ONLY: unknown scenario ${name} (${SCENARIOS.join(', ')})`);
const runs = (scenario: (typeof SCENARIOS)[number]) => only.length === 0 || only.includes(scenario);
const fmt = (ms: number) => (Number.isInteger(ms) ? String(ms) : ms.toFixed(1));

async function main() {
  await recreateDatabase();
  const children: Child[] = [];
  try {
    // hello and the first instance start together; the second waits for the first's migrations.
    const first = await Promise.allSettled([start('bench/hello.ts', { PORT: '0' }), start('src/server.ts', bffEnv(true))]);
    for (const r of first) if (r.status === 'fulfilled') children.push(r.value);
    for (const r of first) if (r.status === 'rejected') throw r.reason;
    const [hello, bff] = children as [Child, Child];
    // The second instance serves only the live scenario.
    const bffB = runs('live') ? await start('src/server.ts', bffEnv(false)) : null;
    if (bffB) children.push(bffB);

    const login = await fetch(`${bff.url}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '13800000001' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    progress('hot routes');
    const rows: Row[] = [];
    rows.push(await load('bare Fastify GET /hello', `${hello.url}/hello`));
    if (runs('routes')) {
      // The BFF's own stack (hooks, headers, routing) without a database call.
      rows.push(await load('BFF GET /healthz (no database)', `${bff.url}/healthz`));
      rows.push(await load('GET /api/services?q=社保', `${bff.url}/api/services?q=${encodeURIComponent('社保')}`));
      rows.push(await load('GET /api/offices?lat&lng', `${bff.url}/api/offices?lat=27.81&lng=115.12`));
      rows.push(await load('GET /api/me (JWT-verified)', `${bff.url}/api/me`, { authorization: `Bearer ${accessToken}` }));
    }

    const offerings = runs('tickets') || runs('pgbench') ? await prepareOfferings() : [];
    let issue: Awaited<ReturnType<typeof issueScenario>> | null = null;
    if (runs('tickets')) {
      progress('ticket taking through the BFF');
      issue = await issueScenario(bff.url, offerings);
      rows.push(issue.row);
    }

    let ceiling: { cte: Row; all: Row } | null = null;
    if (runs('pgbench')) {
      progress('pgbench on the statements of TicketService.issue');
      const perClient = await createPgbenchPeople();
      const recording = await recordIssue(offerings[0]!, PALM_CLOCK);
      const cte = await pgbench('pgbench: the issue statement (1 CTE)', 'cte', recording, offerings, perClient, 0);
      const all = await pgbench(`pgbench: all ${recording.all.length} statements of issue()`, 'all', recording, offerings, perClient, 1);
      ceiling = { cte: cte.row, all: all.row };
    }

    let verify: Awaited<ReturnType<typeof verifyScenario>> | null = null;
    if (runs('verify')) {
      progress('核验: licence verifications, a fresh token each');
      verify = await verifyScenario(bff.url);
      rows.push(verify.row);
    }

    let live: Awaited<ReturnType<typeof liveScenario>> | null = null;
    if (bffB) {
      progress('live-event latency over two instances');
      live = await liveScenario(bff.url, bffB.url);
    }

    let storm: Awaited<ReturnType<typeof stormScenario>> | null = null;
    if (runs('storm')) {
      progress('release storm');
      const bffStorm = await start('src/server.ts', stormEnv());
      children.push(bffStorm);
      storm = await stormScenario(bffStorm.url);
      // Its 5,000 connections and pool are not wanted by anything after it.
      await bffStorm.stop();
    }
    const numbers = await checkNumbers();

    const base = rows[0]!.rps;
    // hello's p99 is often 1–2 ms, so its ratio is coarse; it still shows how much latency a route adds.
    const baseP99 = Math.max(rows[0]!.p99, 1);
    console.log(`\nPalm benchmark — ${DURATION}s × ${CONNECTIONS} connections each, autocannon in this process, BFF and hello in their own, real PostgreSQL + Redis\n`);
    console.log('| scenario | req/s | req/s ÷ hello | p50 ms | p99 ms | p99 ÷ hello | errors | non-2xx |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${(r.rps / base).toFixed(2)} | ${r.p50} | ${r.p99} | ${(r.p99 / baseP99).toFixed(1)} | ${r.errors} | ${r.non2xx} |`);
    }

    const post = issue?.row.rps ?? Number.NaN;
    if (ceiling) {
      console.log(`\nTicket taking against its SQL (pgbench -M extended -c ${CONNECTIONS} -j 2 -T ${DURATION}, same database, same offerings mix)\n`);
      console.log('| scenario | req/s or tps | POST ÷ this | p50 ms | p99 ms | failed |');
      console.log('|---|---:|---:|---:|---:|---:|');
      if (issue) console.log(`| ${issue.row.name} | ${post.toFixed(0)} | 1.00 | ${issue.row.p50} | ${issue.row.p99} | ${issue.row.errors + issue.row.non2xx} |`);
      for (const r of [ceiling.cte, ceiling.all]) {
        console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${(post / r.rps).toFixed(2)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.errors} |`);
      }
      console.log(`\nceiling ratio (POST /api/tickets ÷ pgbench issue statement): ${(post / ceiling.cte.rps).toFixed(2)}`);
      console.log(`POST /api/tickets ÷ pgbench all statements of issue(): ${(post / ceiling.all.rps).toFixed(2)}`);
    }
    if (issue) {
      console.log(`POST /api/tickets ÷ bare Fastify hello: ${(post / base).toFixed(3)}`);
      console.log(`${offerings.length} offerings (${new Set(offerings.map((o) => o.officeId)).size} halls); after the HTTP run ${issue.tickets} tickets, longest waiting line ${issue.longestLine}`);
    }
    if (verify) {
      const v = verify.row;
      console.log(
        `核验: ${v.rps.toFixed(0)} verifications/s (÷ hello ${(v.rps / base).toFixed(3)}), p99 ${v.p99} ms (÷ hello ${(v.p99 / baseP99).toFixed(1)}); tokens made beforehand in ${verify.mintSeconds.toFixed(1)} s; answers without the purpose's fields: ${verify.wrong}`,
      );
    }
    console.log(`numbers: ${numbers.lines} lines (hall, day, letter) after everything, ${numbers.bad} with a gap or a duplicate\n`);
    if (live) for (const line of liveLines(live)) console.log(line);
    if (storm) for (const line of stormLines(storm, base)) console.log(line);

    const failed = rows.filter((r) => r.errors > 0 || r.non2xx > 0).map((r) => r.name);
    if (ceiling && (ceiling.cte.errors || ceiling.all.errors)) failed.push('pgbench');
    if (live) {
      const total = live.subscribers.A + live.subscribers.B;
      if (live.events.some((e) => e.received !== total)) failed.push('live (not every subscriber got every event)');
    }
    if (numbers.bad) failed.push('ticket numbers');
    if (verify?.wrong) failed.push(`licence verifications (${verify.wrong} answers without the purpose's fields)`);
    for (const round of storm ?? []) {
      const problems = stormFailures(round);
      if (problems.length) failed.push(`release storm, ${round.name} (${problems.join('; ')})`);
    }
    if (failed.length) {
      console.error(`\nscenarios with failures: ${failed.join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
