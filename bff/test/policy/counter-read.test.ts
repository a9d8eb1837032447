// counter.read (the window panel's reads): clerks see their own office, supervisors their region,
// admins everything; nobody reads it on someone's behalf.
import { decide, type Actor } from '../../src/policy/rules';

const clerk: Actor = { userId: 'c1', roles: ['CITIZEN', 'CLERK'] };
const supervisor: Actor = { userId: 's1', roles: ['CITIZEN', 'SUPERVISOR'] };
const citizen: Actor = { userId: 'u1', roles: ['CITIZEN'] };
const admin: Actor = { userId: 'a1', roles: ['CITIZEN', 'ADMIN'] };
const counter = { type: 'counter', id: 'k1', officeId: 'o1', officeRegionCode: '361221101000' };

describe('policy: counter.read', () => {
  it('lets a clerk read the windows of their own office only', () => {
    expect(decide({ actor: clerk, action: 'counter.read', subjectId: 'c1', resource: counter, staff: { officeId: 'o1', regionCode: null } })).toMatchObject({ allow: true });
    expect(decide({ actor: clerk, action: 'counter.read', subjectId: 'c1', resource: counter, staff: { officeId: 'o2', regionCode: null } })).toMatchObject({ allow: false, code: 'FORBIDDEN' });
  });

  it('lets a supervisor read any office inside their region', () => {
    expect(decide({ actor: supervisor, action: 'counter.read', subjectId: 's1', resource: counter, staff: { officeId: null, regionCode: '361221000000' } })).toMatchObject({ allow: true });
    expect(decide({ actor: supervisor, action: 'counter.read', subjectId: 's1', resource: counter, staff: { officeId: null, regionCode: '361222000000' } })).toMatchObject({ allow: false, code: 'FORBIDDEN' });
    expect(decide({ actor: supervisor, action: 'counter.read', subjectId: 's1', resource: { type: 'office' }, staff: { officeId: null, regionCode: '361221000000' } })).toMatchObject({ allow: false });
  });

  it('refuses citizens and anyone acting for someone else; admins may read', () => {
    expect(decide({ actor: citizen, action: 'counter.read', subjectId: 'u1', resource: counter, staff: { officeId: null, regionCode: null } })).toMatchObject({ allow: false, code: 'FORBIDDEN' });
    expect(decide({ actor: clerk, action: 'counter.read', subjectId: 'other', resource: counter, hasActiveGrant: true })).toMatchObject({ allow: false, code: 'ON_BEHALF_NOT_ALLOWED' });
    expect(decide({ actor: admin, action: 'counter.read', subjectId: 'a1', resource: counter })).toMatchObject({ allow: true });
  });
});
