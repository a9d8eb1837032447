// Fixtures for the 办不成事 / 好差评 tests: fresh citizens, finished tickets (with the clerk who
// finished them), grants, staff of other regions, and a call helper that takes no body by default
// (action POSTs must work without one).
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PHONES, OFFICE_IDS, REGION_CODES, SERVICE_IDS, USER_IDS } from '../../../seeds';
import { TicketService } from '../../src/queue/tickets';
import type { TestApp } from '../helper';

export const DAY = 86_400_000;
export const OFFICE = OFFICE_IDS.countyCenter;
export const SERVICE = SERVICE_IDS.socialSecurityCardApply;

export interface Person {
  id: string;
  token: string;
}

export function reportFixtures(app: () => TestApp, phonePrefix: string) {
  let n = 0;
  const t = () => app();
  const newPhone = () => `${phonePrefix}${String((n += 1)).padStart(11 - phonePrefix.length, '0')}`;
  const citizen = async (): Promise<Person> => {
    const { accessToken, user } = await t().login({ phone: newPhone() });
    return { id: user.id, token: accessToken };
  };
  const byPhone = async (phone: string): Promise<Person> => {
    const { accessToken, user } = await t().login({ phone });
    return { id: user.id, token: accessToken };
  };
  const staffAt = async (data: { roles: ('CITIZEN' | 'SUPERVISOR' | 'CLERK' | 'ADMIN')[]; regionCode?: string; officeId?: string; name?: string }): Promise<Person> => {
    const user = await t().app.prisma.user.create({ data: { name: '工作人员', ...data } });
    return { id: user.id, token: (await t().login({ userId: user.id })).accessToken };
  };
  /** A ticket for `owner` at the county hall, finished `ago` ms before now by the demo clerk. */
  const finishedTicket = async (owner: string, ago = 60_000, maker = owner): Promise<string> => {
    const tickets = new TicketService(t().app);
    const { ticket } = await tickets.issue({ officeId: OFFICE, serviceId: SERVICE, subjectId: owner, actorId: maker, channel: 'ONLINE' });
    const finishedAt = new Date(t().resources.clock.now().getTime() - ago);
    await t().app.prisma.ticket.update({ where: { id: ticket.id }, data: { status: 'DONE', finishedAt, activeKey: null, startedAt: finishedAt } });
    await t().app.prisma.ticketEvent.create({ data: { ticketId: ticket.id, type: 'FINISH', actorId: USER_IDS.clerk, at: finishedAt } });
    return ticket.id;
  };
  const waitingTicket = async (owner: string): Promise<string> => {
    const tickets = new TicketService(t().app);
    const { ticket } = await tickets.issue({ officeId: OFFICE, serviceId: SERVICE, subjectId: owner, actorId: owner, channel: 'ONLINE' });
    return ticket.id;
  };
  const grant = async (grantor: string, grantee: string, scopes: ('REPORT' | 'QUEUE' | 'APPOINTMENT')[]) => {
    const now = t().resources.clock.now();
    await t().app.prisma.grant.create({
      data: { grantorId: grantor, granteeId: grantee, relation: '子女', scopes, status: 'ACTIVE', acceptedAt: now, validFrom: new Date(now.getTime() - DAY), validUntil: new Date(now.getTime() + 300 * DAY) },
    });
  };
  const call = (who: Person | null, method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
    t().app.inject({ method, url, headers: { ...(who ? { authorization: `Bearer ${who.token}` } : {}), ...headers }, ...(payload === undefined ? {} : { payload }) });
  const report = async (who: Person, about: object, extra: object = {}, headers: Record<string, string> = {}) => call(who, 'POST', '/api/reports', { about, text: '窗口说材料不全，但清单上没有这一项。', ...extra }, headers);
  /** The staff most suites need: the demo supervisor and clerk (the county centre), a clerk of another hall, a supervisor of another region. */
  const staffCast = async () => ({
    supervisor: await byPhone(DEMO_PHONES.supervisor),
    clerk: await byPhone(DEMO_PHONES.clerk),
    clerkElsewhere: await staffAt({ roles: ['CITIZEN', 'CLERK'], officeId: OFFICE_IDS.qingyunTown }),
    supervisorElsewhere: await staffAt({ roles: ['CITIZEN', 'SUPERVISOR'], regionCode: '361222000000' }),
  });
  return { citizen, byPhone, staffAt, staffCast, finishedTicket, waitingTicket, grant, call, report, newId: randomUUID };
}

export const DEMO = { supervisor: DEMO_PHONES.supervisor, clerk: DEMO_PHONES.clerk, admin: DEMO_PHONES.admin };
export { REGION_CODES, OFFICE_IDS, USER_IDS };

export const codeOf = (res: LightMyRequestResponse): string => (res.json() as { error?: { code: string } }).error?.code ?? String(res.statusCode);
