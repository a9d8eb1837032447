// Shared by the grid tests: a suite's set-up (gridSuite), the demo grid worker of 上坊村, people
// made to live in a grid, grants toward a grid worker, and the calls of /api/grid.
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PHONES, REGION_CODES, USER_IDS } from '../../../seeds';
import { build, closeTestDatabase, type TestApp } from '../helper';

export const MIN = 60_000;
export const DAY = 24 * 60 * MIN;
export const GRID = REGION_CODES.shangfang;
export const WORKER_ID = USER_IDS.gridWorker;

export interface Person {
  id: string;
  token: string;
}

export function gridFixtures(app: () => TestApp) {
  let phone = 0;
  const t = () => app();
  const now = () => t().resources.clock.now();
  const today = () => t().resources.clock.businessDate();
  const inDays = (n: number) => t().resources.clock.businessDate(new Date(now().getTime() + n * DAY));

  return {
    now,
    today,
    inDays,
    /** The demo grid worker (13800000003, grid 上坊村). */
    worker: async (): Promise<Person> => ({ id: WORKER_ID, token: (await t().login({ phone: DEMO_PHONES.gridWorker })).accessToken }),
    /** A grid worker of another village. */
    workerOf: async (gridRegionCode: string): Promise<Person> => {
      const user = await t().app.prisma.user.create({ data: { roles: ['CITIZEN', 'GRID_WORKER'], name: '网格员乙', gridRegionCode, homeRegionCode: gridRegionCode } });
      return { id: user.id, token: (await t().login({ userId: user.id })).accessToken };
    },
    /** Someone living in `region` (default the demo grid), with a phone (signed in once) or without. */
    resident: async (opts: { name?: string; region?: string; hasPhone?: boolean; birthDate?: string } = {}): Promise<Person> => {
      const data = { name: opts.name ?? '杨春花', homeRegionCode: opts.region ?? GRID, birthDate: new Date(`${opts.birthDate ?? '1950-06-01'}T00:00:00Z`) };
      if (opts.hasPhone === false) return { id: (await t().app.prisma.user.create({ data })).id, token: '' };
      const { accessToken, user } = await t().login({ phone: `1366${String((phone += 1)).padStart(7, '0')}` });
      await t().app.prisma.user.update({ where: { id: user.id }, data });
      return { id: user.id, token: accessToken };
    },
    /** A grant from `grantorId` to a grid worker, in a state and (for ACTIVE) ending when asked. */
    grant: (grantorId: string, data: { status: 'ACTIVE' | 'PENDING' | 'REVOKED' | 'EXPIRED' | 'REJECTED'; granteeId?: string; endsIn?: number; scopes?: ('APPOINTMENT' | 'QUEUE' | 'APPLICATION')[] }) => {
      const start = new Date(now().getTime() - 10 * DAY);
      return t().app.prisma.grant.create({
        data: {
          grantorId,
          granteeId: data.granteeId ?? WORKER_ID,
          relation: '网格员',
          scopes: data.scopes ?? ['APPOINTMENT', 'QUEUE', 'APPLICATION'],
          status: data.status,
          acceptedAt: data.status === 'PENDING' ? null : start,
          revokedAt: data.status === 'REVOKED' ? new Date(now().getTime() - DAY) : null,
          validFrom: start,
          createdAt: start,
          updatedAt: start,
          validUntil: new Date(now().getTime() + (data.endsIn ?? 80 * DAY)),
        },
      });
    },
    roster: (token: string, query = '') => t().as(token, { method: 'GET', url: `/api/grid/residents${query}` }),
    askConsent: (token: string, residentId: string, payload?: object) =>
      t().as(token, { method: 'POST', url: `/api/grid/residents/${residentId}/consent-request`, ...(payload ? { payload } : {}) }),
    tasks: (token: string, query = '') => t().as(token, { method: 'GET', url: `/api/grid/tasks${query}` }),
    plan: (token: string, payload: object, headers: Record<string, string> = {}) => t().as(token, { method: 'POST', url: '/api/grid/tasks', payload, headers }),
    step: (token: string, id: string, step: 'visit' | 'done' | 'cancel', payload?: object) =>
      t().as(token, { method: 'POST', url: `/api/grid/tasks/${id}/${step}`, ...(payload ? { payload } : {}) }),
  };
}

/**
 * A grid suite's set-up: before all, an app on a fresh seeded database (the per-address and sign-in
 * limits out of the way) and the demo grid worker signed in, handed to `ready` (which may prepare
 * more); after all, both closed. Returns the fixtures on that app.
 */
export function gridSuite(ready: (t: TestApp, worker: Person) => void | Promise<void>): ReturnType<typeof gridFixtures> {
  let current: TestApp | undefined;
  const f = gridFixtures(() => {
    if (!current) throw new Error('the grid suite’s app is not built yet (use the fixtures inside a test)');
    return current;
  });
  beforeAll(async () => {
    current = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' } });
    await ready(current, await f.worker());
  });
  afterAll(async () => {
    await current?.close();
    await closeTestDatabase();
  });
  return f;
}

/** Status, code and message of a refusal: two refusals alike in all three tell nothing apart. */
export const refusal = (res: LightMyRequestResponse) => {
  const body = res.json() as { error: { code: string; message: string } };
  return { status: res.statusCode, code: body.error.code, message: body.error.message };
};
