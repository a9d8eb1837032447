// Shared fixtures of the e-licence tests: the demo people signed in, their licences by type, a
// presentation, and a verification by the county clerk.
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_LICENCE_IDS, DEMO_PHONES } from '../../../seeds';
import type { TestApp } from '../helper';

export interface Person {
  id: string;
  token: string;
}

export const signIn = async (t: TestApp, phone: string): Promise<Person> => {
  const { accessToken, user } = await t.login({ phone });
  return { id: user.id, token: accessToken };
};

/** A seeded licence's id: `licenceOf('citizen', 'RESIDENT_ID')`. */
export const licenceOf = (holderKey: string, type: string): string => {
  const id = DEMO_LICENCE_IDS[`${holderKey}:${type}`];
  if (!id) throw new Error(`no demo licence ${holderKey}:${type}`);
  return id;
};

export const json = <T = Record<string, unknown>>(res: LightMyRequestResponse, status: number): T => {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
};

export const present = (t: TestApp, who: Person, licenceId: string, purpose?: string, headers: Record<string, string> = {}) =>
  t.as(who.token, { method: 'POST', url: `/api/licences/${licenceId}/presentations`, headers, payload: purpose === undefined ? {} : { purpose } });

export const verify = (t: TestApp, clerk: Person, token: string) => t.as(clerk.token, { method: 'POST', url: '/api/licence-verifications', payload: { token } });

export const clerkPhone = DEMO_PHONES.clerk;
