// Shared by the notification tests: a hall with open windows, citizens taking numbers, and the
// outbox as rows to assert on.
import type { Notification } from '@palm/db/client';
import { COUNTER_IDS, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { resetQueue, type TestApp } from '../helper';

export const OFFICE = OFFICE_IDS.countyCenter;
export const SERVICE = SERVICE_IDS.socialSecurityCardApply;
export const COUNTER_1 = COUNTER_IDS.countyCenter1;
export const COUNTER_2 = COUNTER_IDS.countyCenter2;

let phones = 0;

export interface Citizen {
  token: string;
  userId: string;
}

/** A fresh citizen (dev login with a new phone). */
export async function citizen(t: TestApp): Promise<Citizen> {
  phones += 1;
  const tokens = await t.login({ phone: `137${String(process.pid % 1000).padStart(3, '0')}${String(phones).padStart(5, '0')}` });
  return { token: tokens.accessToken, userId: tokens.user.id };
}

/** Takes a number for the citizen at the county centre; returns the ticket id. */
export async function take(t: TestApp, who: Citizen, serviceId: string = SERVICE): Promise<string> {
  const res = await t.as(who.token, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId } });
  if (res.statusCode !== 201) throw new Error(`take failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** Empties the queue and the outbox, opens only the given windows and sets the near rule. */
export async function resetHall(t: TestApp, opts: { open?: string[]; nearPeopleAhead?: number; nearMinutes?: number } = {}): Promise<void> {
  const prisma = t.app.prisma;
  await resetQueue(t);
  await prisma.counter.updateMany({ where: { officeId: OFFICE }, data: { state: 'CLOSED' } });
  await prisma.counter.updateMany({ where: { id: { in: opts.open ?? [COUNTER_1] } }, data: { state: 'OPEN' } });
  await prisma.officeQueueSettings.create({ data: { officeId: OFFICE, nearPeopleAhead: opts.nearPeopleAhead ?? 3, nearMinutes: opts.nearMinutes ?? 10 } });
}

/** Outbox rows, oldest first, once the background near evaluations have finished. */
export async function outbox(t: TestApp, where: { kind?: string; channel?: 'IN_APP' | 'WECHAT' | 'ALIPAY'; ticketId?: string } = {}): Promise<Notification[]> {
  await t.app.notify.enqueuer.settled();
  return t.app.prisma.notification.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}

/** Gives a citizen a platform account and `credits` accepted taps for a template. */
export async function subscribe(t: TestApp, who: Citizen, platform: 'WECHAT' | 'ALIPAY', openId: string, templateId: string, credits = 1): Promise<void> {
  await t.app.prisma.platformAccount.upsert({
    where: { platform_openId: { platform, openId } },
    create: { platform, openId, userId: who.userId },
    update: {},
  });
  await t.app.prisma.notificationSubscription.upsert({
    where: { userId_platform_templateId: { userId: who.userId, platform, templateId } },
    create: { userId: who.userId, platform, templateId, credits },
    update: { credits },
  });
}
