// Each domain declares its own actions and objects (its policy.ts, with policy/kit.ts); the policy
// module collects them and still decides everything before an action's own rule: sign-in, a
// missing object, acting for someone, the one 404. Pure rules, no server.
import { definePolicy, ownersOnly, SELF } from '../../src/policy/kit';
import { collectPolicies, decide, NOT_FOUND_MESSAGES, ON_BEHALF_SCOPE, ruleOf, type Action } from '../../src/policy/rules';
import { QUEUE_POLICY } from '../../src/queue/policy';
import { APPOINTMENT_POLICY } from '../../src/appointments/policy';

describe('policy registry', () => {
  it('gives every action one rule and one grant scope, from the domain that declares it', () => {
    const actions = Object.keys(ON_BEHALF_SCOPE) as Action[];
    expect(actions.length).toBeGreaterThanOrEqual(25);
    for (const action of actions) expect(ruleOf(action).onBehalf).toBe(ON_BEHALF_SCOPE[action]);
    expect(ON_BEHALF_SCOPE['ticket.take']).toBe(QUEUE_POLICY.actions['ticket.take'].onBehalf);
    expect(NOT_FOUND_MESSAGES.waitlist).toBe(APPOINTMENT_POLICY.objects.waitlist);
  });

  it('refuses an action or an object type that two domains declare', () => {
    const one = definePolicy({ objects: { thing: '没有找到该事物' }, actions: { 'thing.read': { onBehalf: null, allow: SELF } } });
    const again = definePolicy({ objects: {}, actions: { 'thing.read': { onBehalf: 'QUEUE', allow: SELF } } });
    const sameObject = definePolicy({ objects: { thing: '没有找到' }, actions: {} });
    expect(() => collectPolicies([one, again])).toThrow('action "thing.read" is declared by two domains');
    expect(() => collectPolicies([one, sameObject])).toThrow('object type "thing" is declared by two domains');
    expect(collectPolicies([one]).actions['thing.read']?.onBehalf).toBeNull();
  });

  it('decides sign-in, a missing object and acting for someone before a domain’s own rule is asked', () => {
    const asked: string[] = [];
    const rule = ownersOnly('not theirs');
    const spy = jest.spyOn(ruleOf('ticket.read'), 'allow').mockImplementation((input) => {
      asked.push(input.actor.userId);
      return rule(input);
    });
    try {
      const ticket = { type: 'ticket', id: 't1', ownerIds: ['holder'] };
      expect(decide({ actor: null, action: 'ticket.read', subjectId: null, resource: ticket })).toMatchObject({ code: 'UNAUTHENTICATED' });
      const missing = { type: 'ticket', id: 't2', missing: true };
      expect(decide({ actor: { userId: 'holder', roles: ['CITIZEN'] }, action: 'ticket.read', subjectId: 'holder', resource: missing })).toMatchObject({ code: 'NOT_FOUND' });
      expect(decide({ actor: { userId: 'son', roles: ['CITIZEN'] }, action: 'ticket.read', subjectId: 'holder', resource: ticket, hasActiveGrant: true })).toEqual({ allow: true, via: 'GRANT' });
      expect(asked).toEqual([]);
      expect(decide({ actor: { userId: 'holder', roles: ['CITIZEN'] }, action: 'ticket.read', subjectId: 'holder', resource: ticket })).toEqual({ allow: true, via: 'SELF' });
      expect(asked).toEqual(['holder']);
    } finally {
      spy.mockRestore();
    }
  });
});
