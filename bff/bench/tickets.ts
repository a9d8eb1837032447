// Ticket issue through the real BFF (POST /api/tickets), every request a legitimate success:
// - the hall is open: the BFF's business clock starts at PALM_CLOCK (a Monday 09:30, run.ts), when
//   every hall but the county centre's is open until at least 11:30;
// - capacity: the bench database gives every offering a daily remote capacity of CAPACITY;
// - one active ticket per person, office and service: each request is a fresh (person, offering)
//   pair — BENCH_USERS people created in the bench database, each taking at most one number per
//   offering and far fewer than the 30 takes a minute a person may make;
// - tokens: access tokens signed here exactly as the BFF signs them (HS256, iss, aud, typ at+jwt)
//   with the secret the bench gives the BFF instances.
// The county centre is left out: the live-latency scenario watches its board.
import { createHmac, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { OFFICE_IDS } from '../../seeds';
import { benchDb, CONNECTIONS, DURATION, rowOf, WARMUP, type Row } from './lib';

export const BENCH_JWT_SECRET = 'palm-bench-only-jwt-secret-0123456789abcdef';
export const CAPACITY = 1_000_000;
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
export const LIVE_OFFICE = OFFICE_IDS.countyCenter;

export interface Offering {
  officeId: string;
  serviceId: string;
  letter: string;
}

/** Every offering of every hall but the live one, in a fixed order. */
export async function prepareOfferings(): Promise<Offering[]> {
  return benchDb(async (db) => {
    await db.query(`UPDATE "OfficeService" SET "dailyTicketCapacity" = $1`, [CAPACITY]);
    const { rows } = await db.query<Offering>(
      `SELECT os."officeId", os."serviceId", s."categoryLetter" AS letter
         FROM "OfficeService" os JOIN "Service" s ON s.id = os."serviceId"
        WHERE os."officeId" <> $1 ORDER BY os."officeId", os."serviceId"`,
      [LIVE_OFFICE],
    );
    return rows;
  });
}

/** Citizens with no ID number (so NORMAL priority), created in one statement. */
export async function createUsers(count: number, name: string): Promise<string[]> {
  return benchDb(async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO "User" ("id", "roles", "name", "updatedAt")
       SELECT gen_random_uuid(), ARRAY['CITIZEN']::"Role"[], $2, now() FROM generate_series(1, $1::int)
       RETURNING "id"`,
      [count, name],
    );
    return rows.map((r) => r.id);
  });
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** An access token as identity/tokens.ts signs it (plugins/external/jwt.ts options, default iss/aud; a session never revoked). */
export function accessToken(userId: string, roles: string[] = ['CITIZEN']): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'at+jwt' }));
  const payload = b64url(JSON.stringify({ sub: userId, roles, sid: randomUUID(), iat: now, exp: now + 3600, iss: 'palm-bff', aud: 'palm-app' }));
  const signature = createHmac('sha256', BENCH_JWT_SECRET).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

export interface IssueResult {
  row: Row;
  /** Tickets the bench database holds afterwards, and the longest waiting line (office, letter). */
  tickets: number;
  longestLine: number;
}

export async function issueScenario(baseUrl: string, offerings: Offering[]): Promise<IssueResult> {
  const users = await createUsers(USERS, 'bench citizen');
  const tokens = users.map((id) => `Bearer ${accessToken(id)}`);
  let next = 0;
  // Request i: person i mod USERS at offering (person + round) mod offerings — never the same pair
  // twice while rounds < offerings, and a person's takes are `rounds` per run, far under 30 a minute
  // (at 10,000 people a run would need 300,000 requests to reach it).
  const setupRequest = (req: autocannon.Request): autocannon.Request => {
    const i = next;
    next += 1;
    const person = i % users.length;
    const round = Math.floor(i / users.length);
    const offering = offerings[(person + round) % offerings.length]!;
    return {
      ...req,
      headers: { ...req.headers, authorization: tokens[person]! },
      body: JSON.stringify({ officeId: offering.officeId, serviceId: offering.serviceId }),
    };
  };
  const options = {
    url: `${baseUrl}/api/tickets`,
    connections: CONNECTIONS,
    requests: [{ method: 'POST' as const, headers: { 'content-type': 'application/json' }, setupRequest }],
  };
  await autocannon({ ...options, duration: WARMUP });
  const result = await autocannon({ ...options, duration: DURATION });
  const { tickets, longestLine } = await benchDb(async (db) => {
    const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Ticket"`);
    const longest = await db.query<{ n: number }>(
      `SELECT coalesce(max(n), 0)::int AS n FROM (SELECT count(*) AS n FROM "Ticket" WHERE status = 'WAITING' GROUP BY "officeId", letter) l`,
    );
    return { tickets: count.rows[0]!.n, longestLine: longest.rows[0]!.n };
  });
  return { row: rowOf('POST /api/tickets (take a number)', result), tickets, longestLine };
}
