// The grid's pure rules, without a server: which grant the roster shows, the age bands, and who
// the policy lets at a resident or a task.
import { ageBandOf } from '@palm/shared';
import { grantOf, type GrantFacts } from '../../src/grid/grant-state';
import { decide } from '../../src/policy/rules';

const NOW = new Date('2026-11-23T01:30:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
let n = 0;
const grant = (status: GrantFacts['status'], from: number, until: number, extra: Partial<GrantFacts> = {}): GrantFacts => ({
  id: `g${(n += 1)}`,
  grantorId: 'resident',
  status,
  scopes: ['QUEUE'],
  validFrom: at(from),
  validUntil: at(until),
  revokedAt: null,
  createdAt: at(from),
  updatedAt: at(from),
  consentMethod: 'IN_APP',
  relation: '网格员',
  ...extra,
});

describe('grantOf: the grant the roster shows', () => {
  it('prefers the one in force, then the one waiting, then the one that ended last', () => {
    const active = grant('ACTIVE', -5, 30);
    const pending = grant('PENDING', -1, 89);
    const revoked = grant('REVOKED', -40, 50, { revokedAt: at(-2) });
    const expired = grant('EXPIRED', -100, -10);
    expect(grantOf([revoked, pending, active, expired], NOW)).toMatchObject({ state: 'ACTIVE', id: active.id, validUntil: at(30).toISOString() });
    expect(grantOf([revoked, pending, expired], NOW)).toMatchObject({ state: 'PENDING', id: pending.id });
    expect(grantOf([expired, revoked], NOW)).toMatchObject({ state: 'REVOKED', id: revoked.id, endedAt: at(-2).toISOString(), validUntil: null });
    // The one that ended last: expired 10 days ago, after a revocation 20 days ago.
    expect(grantOf([grant('REVOKED', -60, 30, { revokedAt: at(-20) }), expired], NOW)).toMatchObject({ state: 'EXPIRED', id: expired.id });
    expect(grantOf([expired], NOW)).toMatchObject({ state: 'EXPIRED', endedAt: at(-10).toISOString() });
    expect(grantOf([grant('REJECTED', -3, 87, { updatedAt: at(-1) })], NOW)).toMatchObject({ state: 'REJECTED', endedAt: at(-1).toISOString() });
    expect(grantOf([], NOW)).toEqual({ state: 'NONE', id: null, scopes: [], validUntil: null, endedAt: null, consentMethod: null, relation: null });
  });

  it('reads the end itself: ACTIVE or PENDING past its end is expired, whatever the expiry job has done', () => {
    expect(grantOf([grant('ACTIVE', -90, -0.001)], NOW)).toMatchObject({ state: 'EXPIRED' });
    expect(grantOf([grant('PENDING', -90, -1)], NOW)).toMatchObject({ state: 'EXPIRED' });
  });
});

describe('ageBandOf', () => {
  it('gives ten-year bands from 20, one band under 20 and one from 80', () => {
    expect([ageBandOf(0), ageBandOf(19), ageBandOf(20), ageBandOf(35), ageBandOf(79), ageBandOf(80), ageBandOf(103), ageBandOf(null)]).toEqual([
      '20岁以下',
      '20岁以下',
      '20–29岁',
      '30–39岁',
      '70–79岁',
      '80岁及以上',
      '80岁及以上',
      null,
    ]);
  });
});

describe('the grid policy', () => {
  const worker = { userId: 'w', roles: ['CITIZEN', 'GRID_WORKER'] as const };
  const staff = { officeId: null, regionCode: null, gridRegionCode: '361221101202' };
  const resident = (homeRegionCode: string | null, id = 'r') => ({ type: 'resident', id, personId: id, homeRegionCode });
  const ask = (input: Partial<Parameters<typeof decide>[0]>) =>
    decide({ actor: { ...worker, roles: [...worker.roles] }, action: 'grid.consentRequest', subjectId: 'w', staff, ...input });

  it('lets a grid worker at a resident of their own village only — exactly, not the town around it', () => {
    expect(ask({ resource: resident('361221101202') })).toEqual({ allow: true, via: 'STAFF' });
    expect(ask({ resource: resident('361221101203') })).toMatchObject({ allow: false, code: 'NOT_FOUND' });
    expect(ask({ resource: resident('361221101202'), staff: { ...staff, gridRegionCode: '361221101000' } })).toMatchObject({ allow: false, code: 'NOT_FOUND' });
    expect(ask({ resource: resident(null) })).toMatchObject({ allow: false, code: 'NOT_FOUND' });
    expect(ask({ resource: resident('361221101202', 'w') })).toMatchObject({ allow: false, code: 'NOT_FOUND' });
  });

  it('refuses anyone without the role or a grid, and anyone acting for someone else', () => {
    expect(ask({ actor: { userId: 'c', roles: ['CITIZEN', 'CLERK'] }, subjectId: 'c', resource: resident('361221101202') })).toMatchObject({ allow: false, code: 'FORBIDDEN' });
    expect(ask({ staff: { ...staff, gridRegionCode: null }, resource: resident('361221101202') })).toMatchObject({ allow: false, code: 'FORBIDDEN' });
    expect(ask({ subjectId: 'someone', hasActiveGrant: true, resource: resident('361221101202') })).toMatchObject({ allow: false, code: 'ON_BEHALF_NOT_ALLOWED' });
  });

  it('lets a worker at their own tasks only', () => {
    const task = (workerId: string) => ({ type: 'gridTask', id: 't', ownerIds: [workerId], personId: 'r', homeRegionCode: '361221101202' });
    expect(ask({ action: 'gridTask.visit', resource: task('w') })).toEqual({ allow: true, via: 'STAFF' });
    expect(ask({ action: 'gridTask.visit', resource: task('colleague') })).toMatchObject({ allow: false, code: 'NOT_FOUND' });
  });
});
