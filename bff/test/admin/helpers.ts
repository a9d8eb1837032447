// Shared by the admin console tests: the demo admin and hall manager of the county centre, a hall
// manager of another hall, and how a refusal by id must look (exactly as the same call for a
// random id: DESIGN.md §6 one denial).
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { InjectOptions } from 'fastify';
import { DEMO_PHONES, OFFICE_IDS } from '../../../seeds';
import { build, closeTestDatabase, type TestApp } from '../helper';

export const COUNTY = OFFICE_IDS.countyCenter;
export const TOWN = OFFICE_IDS.qingyunTown;

export interface Console {
  admin: string;
  manager: string;
  /** The hall manager of 青云街道为民服务中心 (made here). */
  otherManager: string;
  clerk: string;
  citizen: string;
}

export async function consoleUsers(t: TestApp): Promise<Console> {
  const token = async (phone: string) => (await t.login({ phone })).accessToken;
  const other = await t.app.prisma.user.create({ data: { roles: ['CITIZEN', 'MANAGER'], name: '青云大厅负责人', officeId: TOWN } });
  return {
    admin: await token(DEMO_PHONES.admin),
    manager: await token(DEMO_PHONES.manager),
    otherManager: (await t.login({ userId: other.id })).accessToken,
    clerk: await token(DEMO_PHONES.clerk),
    citizen: await token(DEMO_PHONES.citizen),
  };
}

/** The error body, for comparing a refusal with the same call for an id that names nothing. */
export const errorOf = (res: LightMyRequestResponse) => ({ status: res.statusCode, body: res.json() as unknown });

/**
 * Expects `call(id)` for the real id to answer exactly as for a random one (404, same code and
 * message), and returns that answer.
 */
export async function expectLikeMissing(call: (id: string) => Promise<LightMyRequestResponse>, id: string) {
  const refused = errorOf(await call(id));
  const missing = errorOf(await call(randomUUID()));
  expect(refused).toEqual(missing);
  expect(refused.status).toBe(404);
  return refused;
}

export const json = (method: InjectOptions['method'], url: string, payload?: object): InjectOptions => ({ method, url, ...(payload === undefined ? {} : { payload }) });

/** The newest change the console recorded (its audit entry with before/after). */
export const lastChange = (t: TestApp) => t.app.prisma.auditLog.findFirst({ where: { action: { startsWith: 'admin.' }, result: 'OK' }, orderBy: { id: 'desc' } });

/** The suite's app and its console people, built before its tests and closed after: `set` receives them. */
export function useConsoleApp(set: (app: { t: TestApp; who: Console }) => void): void {
  let built: TestApp | undefined;
  beforeAll(async () => {
    built = await build();
    set({ t: built, who: await consoleUsers(built) });
  });
  afterAll(async () => {
    await built?.close();
    await closeTestDatabase();
  });
}
