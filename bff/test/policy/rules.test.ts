import { decide, regionContains, type Actor } from '../../src/policy/rules';

const citizen: Actor = { userId: 'u1', roles: ['CITIZEN'] };
const clerk: Actor = { userId: 'c1', roles: ['CITIZEN', 'CLERK'] };
const supervisor: Actor = { userId: 's1', roles: ['CITIZEN', 'SUPERVISOR'] };
const admin: Actor = { userId: 'a1', roles: ['CITIZEN', 'ADMIN'] };

describe('policy rules', () => {
  it('lets anyone read the catalogue, signed in or not', () => {
    expect(decide({ actor: null, action: 'catalogue.read', subjectId: null })).toEqual({ allow: true, via: 'PUBLIC' });
  });

  it('requires sign-in for personal data', () => {
    expect(decide({ actor: null, action: 'profile.read', subjectId: null })).toMatchObject({ allow: false, code: 'UNAUTHENTICATED' });
  });

  it('lets a person act for themself', () => {
    expect(decide({ actor: citizen, action: 'profile.update', subjectId: 'u1' })).toEqual({ allow: true, via: 'SELF' });
  });

  it('never lets anyone read, change or real-name-bind someone else’s profile, even staff', () => {
    for (const actor of [citizen, clerk, admin]) {
      for (const action of ['profile.read', 'profile.update', 'profile.verify'] as const) {
        expect(decide({ actor, action, subjectId: 'someone-else', hasActiveGrant: true })).toMatchObject({ allow: false, code: 'ON_BEHALF_NOT_ALLOWED' });
      }
    }
  });

  it('lets a person take a number for themself, and for someone else only with a QUEUE grant', () => {
    expect(decide({ actor: citizen, action: 'ticket.take', subjectId: 'u1' })).toEqual({ allow: true, via: 'SELF' });
    expect(decide({ actor: citizen, action: 'ticket.take', subjectId: 'grandma' })).toMatchObject({ allow: false, code: 'ON_BEHALF_NOT_ALLOWED' });
    expect(decide({ actor: citizen, action: 'ticket.take', subjectId: 'grandma', hasActiveGrant: true })).toEqual({ allow: true, via: 'GRANT' });
  });

  it('shows a ticket only to its holder or whoever took it; to anyone else it does not exist', () => {
    const ticket = { type: 'ticket', id: 't1', officeId: 'o1', ownerIds: ['holder', 'taker'] };
    for (const userId of ['holder', 'taker']) {
      for (const action of ['ticket.read', 'ticket.cancel'] as const) {
        expect(decide({ actor: { userId, roles: ['CITIZEN'] }, action, subjectId: userId, resource: ticket })).toEqual({ allow: true, via: 'SELF' });
      }
    }
    expect(decide({ actor: citizen, action: 'ticket.read', subjectId: 'u1', resource: ticket })).toMatchObject({ allow: false, code: 'NOT_FOUND' });
  });

  it('lets a person book for themself, for someone else only with an APPOINTMENT grant, and only their objects', () => {
    expect(decide({ actor: citizen, action: 'appointment.book', subjectId: 'u1' })).toEqual({ allow: true, via: 'SELF' });
    expect(decide({ actor: citizen, action: 'appointment.book', subjectId: 'grandma' })).toMatchObject({ allow: false, code: 'ON_BEHALF_NOT_ALLOWED' });
    expect(decide({ actor: citizen, action: 'appointment.book', subjectId: 'grandma', hasActiveGrant: true })).toEqual({ allow: true, via: 'GRANT' });
    const grandmas = { type: 'appointment', id: 'a1', ownerIds: ['grandma', 'grandma'] };
    const strangers = { type: 'appointment', id: 'a2', ownerIds: ['stranger', 'stranger'] };
    for (const action of ['appointment.read', 'appointment.cancel', 'appointment.reschedule'] as const) {
      expect(decide({ actor: citizen, action, subjectId: 'grandma', resource: grandmas, hasActiveGrant: true })).toEqual({ allow: true, via: 'GRANT' });
      expect(decide({ actor: citizen, action, subjectId: 'grandma', resource: strangers, hasActiveGrant: true })).toMatchObject({ allow: false, code: 'NOT_FOUND' });
      expect(decide({ actor: citizen, action, subjectId: 'u1', resource: strangers })).toMatchObject({ allow: false, code: 'NOT_FOUND' });
      expect(decide({ actor: { userId: 'grandma', roles: ['CITIZEN'] }, action, subjectId: 'grandma', resource: grandmas })).toEqual({ allow: true, via: 'SELF' });
    }
  });

  it('lets a person join a waitlist for themself, for someone else only with an APPOINTMENT grant, and see or cancel only their entries', () => {
    expect(decide({ actor: citizen, action: 'waitlist.join', subjectId: 'u1' })).toEqual({ allow: true, via: 'SELF' });
    expect(decide({ actor: citizen, action: 'waitlist.join', subjectId: 'grandma' })).toMatchObject({ allow: false, code: 'ON_BEHALF_NOT_ALLOWED' });
    expect(decide({ actor: citizen, action: 'waitlist.join', subjectId: 'grandma', hasActiveGrant: true })).toEqual({ allow: true, via: 'GRANT' });
    const grandmas = { type: 'waitlist', id: 'w1', ownerIds: ['grandma', 'u1'] };
    const strangers = { type: 'waitlist', id: 'w2', ownerIds: ['stranger', 'stranger'] };
    for (const action of ['waitlist.read', 'waitlist.cancel'] as const) {
      expect(decide({ actor: citizen, action, subjectId: 'u1', resource: grandmas })).toEqual({ allow: true, via: 'SELF' });
      expect(decide({ actor: citizen, action, subjectId: 'grandma', resource: grandmas, hasActiveGrant: true })).toEqual({ allow: true, via: 'GRANT' });
      expect(decide({ actor: citizen, action, subjectId: 'grandma', resource: strangers, hasActiveGrant: true })).toMatchObject({ allow: false, code: 'NOT_FOUND' });
      expect(decide({ actor: citizen, action, subjectId: 'u1', resource: strangers })).toMatchObject({ allow: false, code: 'NOT_FOUND' });
      expect(decide({ actor: clerk, action, subjectId: 'c1', resource: strangers })).toMatchObject({ allow: false, code: 'NOT_FOUND' });
    }
  });

  it('lets the person or whoever booked check in, for someone else only with an APPOINTMENT grant', () => {
    const mine = { type: 'appointment', id: 'a1', officeId: 'o1', ownerIds: ['grandma', 'u1'] };
    const strangers = { type: 'appointment', id: 'a2', officeId: 'o1', ownerIds: ['stranger', 'stranger'] };
    expect(decide({ actor: citizen, action: 'appointment.checkIn', subjectId: 'u1', resource: mine })).toEqual({ allow: true, via: 'SELF' });
    expect(decide({ actor: { userId: 'grandma', roles: ['CITIZEN'] }, action: 'appointment.checkIn', subjectId: 'grandma', resource: mine })).toEqual({ allow: true, via: 'SELF' });
    expect(decide({ actor: citizen, action: 'appointment.checkIn', subjectId: 'grandma', resource: mine })).toMatchObject({ allow: false, code: 'ON_BEHALF_NOT_ALLOWED' });
    expect(decide({ actor: citizen, action: 'appointment.checkIn', subjectId: 'grandma', resource: mine, hasActiveGrant: true })).toEqual({ allow: true, via: 'GRANT' });
    // A clerk checks people in through office.operate, never as their owner.
    for (const actor of [citizen, clerk]) {
      expect(decide({ actor, action: 'appointment.checkIn', subjectId: actor.userId, resource: strangers })).toMatchObject({ allow: false, code: 'NOT_FOUND' });
    }
  });

  it('shows a booking suspension, and takes its appeal, only from the person or whoever books for them with a grant', () => {
    const grandmas = { type: 'suspension', id: 's1', officeId: 'o1', ownerIds: ['grandma'] };
    for (const action of ['suspension.read', 'suspension.appeal'] as const) {
      expect(decide({ actor: { userId: 'grandma', roles: ['CITIZEN'] }, action, subjectId: 'grandma', resource: grandmas })).toEqual({ allow: true, via: 'SELF' });
      expect(decide({ actor: citizen, action, subjectId: 'u1', resource: grandmas })).toMatchObject({ allow: false, code: 'NOT_FOUND' });
      expect(decide({ actor: citizen, action, subjectId: 'grandma', resource: grandmas })).toMatchObject({ allow: false, code: 'ON_BEHALF_NOT_ALLOWED' });
      expect(decide({ actor: citizen, action, subjectId: 'grandma', resource: grandmas, hasActiveGrant: true })).toEqual({ allow: true, via: 'GRANT' });
      for (const actor of [supervisor, admin]) expect(decide({ actor, action, subjectId: actor.userId, resource: grandmas })).toMatchObject({ allow: false, code: 'NOT_FOUND' });
    }
  });

  it('scopes clerks to their own office', () => {
    const resource = { type: 'counter', id: 'k1', officeId: 'o1' };
    expect(decide({ actor: clerk, action: 'office.operate', subjectId: 'c1', resource, staff: { officeId: 'o1', regionCode: null } })).toMatchObject({ allow: true });
    expect(decide({ actor: clerk, action: 'office.operate', subjectId: 'c1', resource, staff: { officeId: 'o2', regionCode: null } })).toMatchObject({ allow: false, code: 'FORBIDDEN' });
    expect(decide({ actor: citizen, action: 'office.operate', subjectId: 'u1', resource })).toMatchObject({ allow: false, code: 'FORBIDDEN' });
  });

  it('scopes supervisors to their region and everything below it', () => {
    const inside = { type: 'office', id: 'o1', officeRegionCode: '360123101000' };
    const outside = { type: 'office', id: 'o9', officeRegionCode: '360124101000' };
    const staff = { officeId: null, regionCode: '360123000000' };
    expect(decide({ actor: supervisor, action: 'office.supervise', subjectId: 's1', resource: inside, staff })).toMatchObject({ allow: true });
    expect(decide({ actor: supervisor, action: 'office.supervise', subjectId: 's1', resource: outside, staff })).toMatchObject({ allow: false });
  });

  it('compares region codes by their significant digits', () => {
    expect(regionContains('360123000000', '360123105201')).toBe(true);
    expect(regionContains('360123000000', '360124000000')).toBe(false);
    expect(regionContains('000000000000', '360123000000')).toBe(false);
  });
});
