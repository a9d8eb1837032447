// Shared by the grants tests: people signed in by phone, and the grants API as calls.
import type { LightMyRequestResponse } from 'fastify';
import type { Grant } from '@palm/shared/server';
import { residentIdCheckDigit } from '@palm/shared';
import type { TestApp } from '../helper';

export interface Person {
  id: string;
  token: string;
  phone: string;
}

const DAY = 86_400_000;
let phones = 0;

/** A fresh citizen (dev login with a new phone), unique per file and process. */
export async function person(t: TestApp): Promise<Person> {
  phones += 1;
  const phone = `139${String(process.pid % 1000).padStart(3, '0')}${String(phones).padStart(5, '0')}`;
  const { accessToken, user } = await t.login({ phone });
  return { id: user.id, token: accessToken, phone };
}

/** A fresh grid worker: a citizen given the role (as an admin would). */
export async function gridWorker(t: TestApp): Promise<Person> {
  const p = await person(t);
  await t.app.prisma.user.update({ where: { id: p.id }, data: { roles: ['CITIZEN', 'GRID_WORKER'] } });
  return { ...p, token: (await t.login({ userId: p.id })).accessToken };
}

export interface Terms {
  relation?: string;
  scopes?: string[];
  serviceIds?: string[];
  validUntil?: string;
}

const terms = (extra: Terms) => ({ relation: '子女', scopes: ['APPOINTMENT', 'QUEUE'], ...extra });

/** `from` invites `to` to act for them. */
export const invite = (t: TestApp, from: Person, to: Pick<Person, 'phone'>, extra: Terms = {}, headers: Record<string, string> = {}) =>
  t.as(from.token, { method: 'POST', url: '/api/grants', payload: { granteePhone: to.phone, ...terms(extra) }, headers });

/** `from` asks `to` to let them act for `to`. */
export const ask = (t: TestApp, from: Person, to: Pick<Person, 'phone'>, extra: Terms = {}) =>
  t.as(from.token, { method: 'POST', url: '/api/grants', payload: { grantorPhone: to.phone, ...terms(extra) } });

export const step = (t: TestApp, who: Person, id: string, action: 'accept' | 'reject' | 'revoke', payload?: object, headers: Record<string, string> = {}) =>
  t.as(who.token, { method: 'POST', url: `/api/grants/${id}/${action}`, headers, ...(payload === undefined ? {} : { payload }) });

export function ok<T = Grant>(res: LightMyRequestResponse, status = 200): T {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

/** An ACTIVE grant from `grantor` to `grantee`, invited and accepted through the API. */
export async function activeGrant(t: TestApp, grantor: Person, grantee: Person, extra: Terms = {}): Promise<Grant> {
  const pending = ok(await invite(t, grantor, grantee, extra), 201);
  return ok(await step(t, grantee, pending.id, 'accept'));
}

/** Moves a grant's end into the past without the expiry job running (it stays ACTIVE or PENDING). */
export async function endedAMinuteAgo(t: TestApp, id: string): Promise<void> {
  const now = t.resources.clock.now().getTime();
  await t.app.prisma.grant.update({ where: { id }, data: { validFrom: new Date(now - 30 * DAY), validUntil: new Date(now - 60_000) } });
}

/** The in-app messages of one kind a person has. */
export async function messages(t: TestApp, userId: string, kind: string) {
  return t.app.prisma.notification.findMany({ where: { userId, kind, channel: 'IN_APP' }, orderBy: { createdAt: 'asc' } });
}

let residents = 0;

/**
 * A fresh resident without a phone (as a hall registers one at a window): a valid GB 11643 number
 * of the seeded county, stored as the app stores any (encrypted, HMAC, masked). Unique per process.
 */
export async function residentWithoutPhone(t: TestApp, name = '王桂兰'): Promise<{ id: string; idNumber: string }> {
  residents += 1;
  const day = String(1 + (residents % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(residents / 28) % 12)).padStart(2, '0');
  const seq = String(500 + ((process.pid + residents) % 499)).padStart(3, '0');
  const body = `3612211948${month}${day}${seq}`;
  const idNumber = body + residentIdCheckDigit(body);
  const user = await t.app.prisma.user.create({ data: { roles: ['CITIZEN'], name, ...t.resources.pii.protectIdNumber(idNumber) } });
  return { id: user.id, idNumber };
}

/** A form number not used before in this process. */
export const formNumber = (): string => `JZ-${process.pid}-${(residents += 1)}`;
