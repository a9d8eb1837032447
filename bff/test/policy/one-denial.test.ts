// One denial (DESIGN.md §6): by id, an object one may not touch answers exactly as one that does
// not exist — whoever asks, in whatever role, for whomever. Pure rules; the routes are held to it
// by the BOLA matrix (access-matrix.test.ts).
import { decide, NOT_FOUND_MESSAGES, refusalOf, type Actor, type Refused, type Resource } from '../../src/policy/rules';

const citizen: Actor = { userId: 'u1', roles: ['CITIZEN'] };
const clerk: Actor = { userId: 'c1', roles: ['CITIZEN', 'CLERK'] };
const supervisor: Actor = { userId: 's1', roles: ['CITIZEN', 'SUPERVISOR'] };
const admin: Actor = { userId: 'a1', roles: ['CITIZEN', 'ADMIN'] };
const refused = (code: Refused['code']): Refused => ({ allow: false, code, reason: 'test' });

describe('policy: one denial', () => {
  it('answers every refusal of an object named by id with that object’s 404', () => {
    for (const code of ['FORBIDDEN', 'ON_BEHALF_NOT_ALLOWED', 'NOT_FOUND'] as const) {
      expect(refusalOf(refused(code), { type: 'ticket', id: 't1' })).toEqual({ code: 'NOT_FOUND', message: '没有找到该排队号' });
      expect(refusalOf(refused(code), { type: 'suspension', id: 's1' })).toEqual({ code: 'NOT_FOUND', message: '没有找到该预约暂停记录' });
      expect(refusalOf(refused(code), { type: 'counter', id: 'k1' })).toEqual({ code: 'NOT_FOUND', message: '没有找到该窗口' });
    }
  });

  it('keeps 401 for a missing sign-in: it says nothing about the object', () => {
    expect(refusalOf(refused('UNAUTHENTICATED'), { type: 'ticket', id: 't1' })).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('says why when no object is named: taking a number or booking for someone without a grant stays 403', () => {
    expect(refusalOf(refused('ON_BEHALF_NOT_ALLOWED'), { type: 'ticket' })).toEqual({ code: 'ON_BEHALF_NOT_ALLOWED' });
    expect(refusalOf(refused('FORBIDDEN'), { type: 'suspension', officeRegionCode: '361221000000' })).toEqual({ code: 'FORBIDDEN' });
    expect(refusalOf(refused('ON_BEHALF_NOT_ALLOWED'), { type: 'user', id: 'u1' })).toEqual({ code: 'ON_BEHALF_NOT_ALLOWED' });
  });

  it('has a 404 message for every kind of object the routes load by id', () => {
    expect(Object.keys(NOT_FOUND_MESSAGES).sort()).toEqual(['activity', 'appointment', 'counter', 'grant', 'gridTask', 'licence', 'message', 'office', 'officeException', 'photo', 'rating', 'rectification', 'report', 'resident', 'slotRule', 'staffMember', 'suspension', 'ticket', 'waitlist']);
    for (const message of Object.values(NOT_FOUND_MESSAGES)) expect(message).toMatch(/^没有找到该/);
  });

  it('refuses a missing object to everyone, admins and grant holders included', () => {
    const missing: Resource = { type: 'suspension', id: 'x', missing: true };
    expect(decide({ actor: admin, action: 'office.supervise', subjectId: 'a1', resource: missing })).toMatchObject({ allow: false, code: 'NOT_FOUND' });
    expect(decide({ actor: citizen, action: 'ticket.read', subjectId: 'grandma', resource: { type: 'ticket', id: 'x', missing: true }, hasActiveGrant: true })).toMatchObject({
      allow: false,
      code: 'NOT_FOUND',
    });
    expect(decide({ actor: null, action: 'ticket.read', subjectId: null, resource: missing })).toMatchObject({ allow: false, code: 'UNAUTHENTICATED' });
  });

  it('answers a clerk of another office, a supervisor of another region and a stranger alike', () => {
    const ticket: Resource = { type: 'ticket', id: 't1', officeId: 'o1', ownerIds: ['holder'] };
    const suspension: Resource = { type: 'suspension', id: 's1', officeId: 'o1', officeRegionCode: '361221101000' };
    const answers = [
      decide({ actor: clerk, action: 'office.operate', subjectId: 'c1', resource: ticket, staff: { officeId: 'o2', regionCode: null } }),
      decide({ actor: citizen, action: 'ticket.read', subjectId: 'u1', resource: ticket }),
      decide({ actor: citizen, action: 'ticket.read', subjectId: 'holder', resource: ticket, hasActiveGrant: false }),
    ].map((d) => refusalOf(d as Refused, ticket));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    const outside = decide({ actor: supervisor, action: 'office.supervise', subjectId: 's1', resource: suspension, staff: { officeId: null, regionCode: '361222000000' } });
    expect(refusalOf(outside as Refused, suspension)).toEqual({ code: 'NOT_FOUND', message: '没有找到该预约暂停记录' });
  });
});
