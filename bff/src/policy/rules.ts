// Who may do what to whom (DESIGN.md §6). Each domain declares its own actions and objects in its
// `policy.ts` (policy/kit.ts says how); this module collects them and decides: sign-in first, then
// a missing object, then acting on someone's behalf (a grant of the action's scope, reaching only
// the grantor's own objects), then the action's own rule. Pure decisions over facts the policy has
// loaded, so the rules read like a table and are unit-tested without a server.
import type { ErrorCode } from '@palm/shared';
import { ADMIN_POLICY } from '../admin/policy';
import { APPOINTMENT_POLICY } from '../appointments/policy';
import { CATALOGUE_POLICY } from '../catalogue/policy';
import { GRANT_POLICY } from '../grants/policy';
import { GRID_POLICY } from '../grid/policy';
import { IDENTITY_POLICY } from '../identity/policy';
import { LICENCE_POLICY } from '../licences/policy';
import { NOTIFY_POLICY } from '../notify/policy';
import { QUEUE_POLICY } from '../queue/policy';
import { REPORT_POLICY } from '../reports/policy';
import { deny, type ActionRule, type Actor, type Decision, type DomainPolicy, type GrantScope, type Refused, type Resource, type StaffScope } from './kit';
import { STAFF_POLICY } from './staff';

export * from './kit';

/** Every domain's policy: a new domain adds its own here, once; its actions and objects are its business. */
const POLICIES = [STAFF_POLICY, IDENTITY_POLICY, CATALOGUE_POLICY, QUEUE_POLICY, APPOINTMENT_POLICY, NOTIFY_POLICY, GRANT_POLICY, GRID_POLICY, LICENCE_POLICY, REPORT_POLICY, ADMIN_POLICY] as const;

type Policies = (typeof POLICIES)[number];
export type Action = Policies extends infer P ? (P extends DomainPolicy<infer A, string> ? A : never) : never;
export type ObjectType = Policies extends infer P ? (P extends DomainPolicy<string, infer O> ? O : never) : never;

/**
 * The domains' declarations merged into one table of actions and one of objects. A name declared
 * by two domains is a mistake (one would silently decide for the other): refused when the module
 * loads, so the app does not start.
 */
export function collectPolicies(policies: readonly DomainPolicy[]): { actions: Record<string, ActionRule>; objects: Record<string, string> } {
  const actions: Record<string, ActionRule> = {};
  const objects: Record<string, string> = {};
  for (const policy of policies) {
    for (const [table, entries, what] of [[actions, policy.actions, 'action'], [objects, policy.objects, 'object type']] as const) {
      for (const [name, value] of Object.entries(entries)) {
        if (Object.hasOwn(table, name)) throw new Error(`policy: ${what} "${name}" is declared by two domains`);
        (table as Record<string, unknown>)[name] = value;
      }
    }
  }
  return { actions, objects };
}

const COLLECTED = collectPolicies(POLICIES);
const ACTIONS = COLLECTED.actions as Readonly<Record<Action, ActionRule>>;

/** The rule of an action (its grant scope, whether it is a staff action). */
export const ruleOf = (action: Action): ActionRule => ACTIONS[action];

/**
 * The objects an id names, with the words of their 404. By id, an object one may not touch answers
 * exactly as one that does not exist (DESIGN.md §6): same status, code and message, whoever asks,
 * in whatever role, for whomever (X-On-Behalf-Of). Offices and windows are in the catalogue, but a
 * staff action on one outside one's posting answers the same way, so the rule has no exceptions
 * to remember.
 */
export const NOT_FOUND_MESSAGES = COLLECTED.objects as Readonly<Record<ObjectType, string>>;

export const isObjectType = (type: string): type is ObjectType => Object.hasOwn(NOT_FOUND_MESSAGES, type);

/**
 * How a refusal answers. Sign-in comes first (a 401 tells nothing about the object). Then, when
 * the request names an object by id, every refusal — not the holder, not this office's clerk, no
 * grant, a grant for someone else — is that object's 404. Without an object (taking a number,
 * booking, a list, one's profile) there is nothing whose existence could leak, and the refusal
 * says why: 403 FORBIDDEN or ON_BEHALF_NOT_ALLOWED.
 */
export function refusalOf(decision: Refused, resource?: Resource): { code: ErrorCode; message?: string } {
  if (decision.code === 'UNAUTHENTICATED') return { code: 'UNAUTHENTICATED' };
  if (resource?.id !== undefined && isObjectType(resource.type)) return { code: 'NOT_FOUND', message: NOT_FOUND_MESSAGES[resource.type] };
  return { code: decision.code };
}

/** Which grant scope lets someone act for another person; null = never delegable. */
export const ON_BEHALF_SCOPE = Object.fromEntries(Object.entries(ACTIONS).map(([action, rule]) => [action, rule.onBehalf])) as Readonly<Record<Action, GrantScope | null>>;

export interface DecideInput {
  actor: Actor | null;
  action: Action;
  /** The person the action is for; equals actor.userId unless acting on behalf. */
  subjectId: string | null;
  resource?: Resource;
  /** Loaded only when needed: the actor's staff posting. */
  staff?: StaffScope;
  /** Loaded only when acting for someone: whether an ACTIVE grant covers the scope. */
  hasActiveGrant?: boolean;
}

export function decide(input: DecideInput): Decision {
  const { actor, action } = input;
  const rule = ACTIONS[action];
  if (rule.public) return { allow: true, via: 'PUBLIC' };
  if (!actor) return deny('UNAUTHENTICATED', 'sign-in required');
  if (input.resource?.missing) return deny('NOT_FOUND', 'no such object');

  const onBehalf = input.subjectId !== null && input.subjectId !== actor.userId;
  if (onBehalf) {
    const scope = rule.onBehalf;
    if (!scope) return deny('ON_BEHALF_NOT_ALLOWED', `${action} cannot be done on someone's behalf`);
    if (!input.hasActiveGrant) return deny('ON_BEHALF_NOT_ALLOWED', `no active ${scope} grant`);
    // A grant covers the grantor's own objects (those for the grantor): anyone else's — a third
    // person's the grantor booked, say — still looks like nothing at all.
    const resource = input.resource;
    if (resource?.personId !== undefined) {
      if (resource.personId !== input.subjectId) return deny('NOT_FOUND', 'not an object of the person acted for');
    } else if (resource?.ownerIds && !resource.ownerIds.includes(input.subjectId) && !resource.ownerIds.includes(actor.userId)) {
      return deny('NOT_FOUND', 'not an object of the person acted for');
    }
    return { allow: true, via: 'GRANT' };
  }
  return rule.allow({ actor, resource: input.resource, staff: input.staff });
}
