// Who may do what at a window (README "Who may do what at a window"): the clerks posted to the
// office work it; supervisors of its region and admins watch it; nobody works it for someone else.
import { decide, type Actor, type StaffScope } from '../../src/policy/rules';

const counter = { type: 'counter', id: 'k1', officeId: 'o1', officeRegionCode: '361221101000' };
const clerk: Actor = { userId: 'c1', roles: ['CITIZEN', 'CLERK'] };
const supervisor: Actor = { userId: 's1', roles: ['CITIZEN', 'SUPERVISOR'] };
const admin: Actor = { userId: 'a1', roles: ['CITIZEN', 'ADMIN'] };
const gridWorker: Actor = { userId: 'g1', roles: ['CITIZEN', 'GRID_WORKER'] };
const citizen: Actor = { userId: 'u1', roles: ['CITIZEN'] };
const postedHere: StaffScope = { officeId: 'o1', regionCode: null };
const regionHere: StaffScope = { officeId: null, regionCode: '361221000000' };
const nowhere: StaffScope = { officeId: null, regionCode: null };

const operate = (actor: Actor, staff: StaffScope) => decide({ actor, action: 'office.operate', subjectId: actor.userId, resource: counter, staff });
const watch = (actor: Actor, staff: StaffScope) => decide({ actor, action: 'counter.read', subjectId: actor.userId, resource: counter, staff });

describe('policy: who may do what at a window', () => {
  it('lets the clerks posted to the office work its windows, and watch them', () => {
    expect(operate(clerk, postedHere)).toEqual({ allow: true, via: 'STAFF' });
    expect(watch(clerk, postedHere)).toEqual({ allow: true, via: 'STAFF' });
  });

  it('refuses a clerk posted to another office, or to none', () => {
    expect(operate(clerk, { officeId: 'o2', regionCode: null })).toMatchObject({ allow: false, code: 'FORBIDDEN' });
    expect(operate(clerk, nowhere)).toMatchObject({ allow: false, code: 'FORBIDDEN' });
  });

  it('lets supervisors of the region watch the windows but not work them', () => {
    expect(watch(supervisor, regionHere)).toEqual({ allow: true, via: 'STAFF' });
    expect(operate(supervisor, regionHere)).toMatchObject({ allow: false, code: 'FORBIDDEN' });
  });

  it('lets admins watch every window but not work one: they administer, they do not call numbers', () => {
    expect(watch(admin, nowhere)).toEqual({ allow: true, via: 'STAFF' });
    expect(operate(admin, nowhere)).toMatchObject({ allow: false, code: 'FORBIDDEN' });
    expect(operate(admin, postedHere)).toMatchObject({ allow: false, code: 'FORBIDDEN' });
  });

  it('lets an admin who is also a clerk of the office work it as its clerk', () => {
    expect(operate({ userId: 'a2', roles: ['CITIZEN', 'CLERK', 'ADMIN'] }, postedHere)).toEqual({ allow: true, via: 'STAFF' });
  });

  it('refuses citizens and grid workers both working and watching', () => {
    for (const actor of [citizen, gridWorker]) {
      expect(operate(actor, nowhere)).toMatchObject({ allow: false, code: 'FORBIDDEN' });
      expect(watch(actor, nowhere)).toMatchObject({ allow: false, code: 'FORBIDDEN' });
    }
  });

  it('never lets anyone work a window on someone else’s behalf, grant or not', () => {
    expect(decide({ actor: clerk, action: 'office.operate', subjectId: 'someone', resource: counter, staff: postedHere, hasActiveGrant: true })).toMatchObject({
      allow: false,
      code: 'ON_BEHALF_NOT_ALLOWED',
    });
  });
});
