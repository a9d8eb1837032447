// What a domain declares its access rules with (its `policy.ts`): the actions it adds, each with
// the grant scope that lets someone do it for another person and the decision for someone acting
// for themself, and the objects its routes load by id with the words of their 404. The policy
// module (rules.ts) collects every domain's declarations and still decides everything itself —
// sign-in first, a missing object, acting on someone's behalf, the one 404 — so a domain's rule
// only ever answers "may this signed-in person do this to this object of theirs / of their hall".
// Pure functions over loaded facts: unit-tested without a server (bff/test/policy/).
import type { ErrorCode } from '@palm/shared';
import type { Role } from '@palm/db/client';

/** Grant scopes of DESIGN.md §3; each on-behalf action names the scope it needs. */
export type GrantScope = 'APPOINTMENT' | 'QUEUE' | 'APPLICATION' | 'LICENCE_PRESENT' | 'REPORT';

export interface Actor {
  userId: string;
  roles: Role[];
}

export interface StaffScope {
  officeId: string | null;
  regionCode: string | null;
  /** Grid workers: the village/community whose residents they serve. */
  gridRegionCode?: string | null;
}

export interface Resource {
  type: string;
  id?: string;
  /**
   * The id names nothing. Such a request is still decided — after the same look-ups and with the
   * same audit as a real object — so that a missing object and a refused one cannot be told apart.
   */
  missing?: boolean;
  /** For office-bound resources: the office and the region code it sits in. */
  officeId?: string;
  /** For personal objects (a ticket): the people it belongs to — its subject and its actor. */
  ownerIds?: ReadonlyArray<string | null>;
  /**
   * For personal objects: the person it is for (its subject). Acting for someone reaches only
   * objects that are theirs in this sense — not ones they merely booked for a third person.
   */
  personId?: string | null;
  officeRegionCode?: string;
  /** For a resident (or a grid worker's task for one): where the resident lives, to match a grid. */
  homeRegionCode?: string | null;
  /** The service it concerns, when a grant may be limited to some services. */
  serviceId?: string;
  /** For a 办不成事 report: the hall it is assigned to (its clerks resolve it). */
  assignedOfficeId?: string | null;
  /** For a member of staff (the admin console): the roles they hold. */
  staffRoles?: readonly Role[];
}

export type Decision =
  | { allow: true; via: 'PUBLIC' | 'SELF' | 'GRANT' | 'STAFF' }
  | { allow: false; code: ErrorCode; reason: string };

export type Refused = Extract<Decision, { allow: false }>;

export const deny = (code: ErrorCode, reason: string): Decision => ({ allow: false, code, reason });

/** What a domain's rule decides on: a signed-in actor acting for themself. */
export interface RuleInput {
  actor: Actor;
  resource?: Resource;
  /** The actor's staff posting, loaded for `staff` actions only. */
  staff?: StaffScope;
}
export type Rule = (input: RuleInput) => Decision;

export interface ActionRule {
  /** Which grant scope lets someone do it for another person; null = never on someone's behalf. */
  onBehalf: GrantScope | null;
  /** The decision for a signed-in actor acting for themself. */
  allow: Rule;
  /** Anyone may, signed in or not (the public catalogue): decided before sign-in. */
  public?: true;
  /** A staff action: the policy loads the actor's posting for it and audits its uses. */
  staff?: true;
  /** Of a staff action, only refusals are audited (a read a window panel repeats on every change). */
  auditRefusalsOnly?: true;
  /**
   * Of a staff action that people also do for themselves (a reporter reading their own report),
   * the person's own use (allowed as SELF, not on anyone's behalf) is not audited; staff uses,
   * uses on someone's behalf and refusals are.
   */
  auditOwnUsesNot?: true;
  /** How the grantor's log (GET /api/me/activity) names it: "预约", "查看排队号". */
  words?: string;
  /**
   * A change (not a view): done on someone's behalf — allowed, and the request succeeded — the
   * person it was done for is told at once (ACTED_ON_BEHALF, grants/acts.ts).
   */
  tellsGrantor?: true;
}

/** One domain's contribution: its actions and the objects its routes load by id (type → 404 words). */
export interface DomainPolicy<A extends string = string, O extends string = string> {
  objects: Readonly<Record<O, string>>;
  actions: Readonly<Record<A, ActionRule>>;
}

/** Declares a domain's policy; the action and object names stay literal types (rules.ts unions them). */
export const definePolicy = <A extends string, O extends string = never>(policy: DomainPolicy<A, O>): DomainPolicy<A, O> => policy;

/** The actor may, for themself: anything that names no one else's object (a take, a booking, one's profile). */
export const SELF: Rule = () => ({ allow: true, via: 'SELF' });

/**
 * Only the object's owner — its subject (policy authorizeOwned: whoever took, booked or joined it
 * for someone else reaches it only acting for them under a grant). Anyone
 * else's looks like no object at all (DESIGN.md §6: no existence leak); `reason` goes to the audit.
 */
export const ownersOnly =
  (reason: string): Rule =>
  ({ actor, resource }) =>
    resource?.ownerIds?.includes(actor.userId) ? { allow: true, via: 'SELF' } : deny('NOT_FOUND', reason);

/** Admins only (administering accounts and settings). */
export const adminsOnly: Rule = ({ actor }) => (actor.roles.includes('ADMIN') ? { allow: true, via: 'STAFF' } : deny('FORBIDDEN', 'admins only'));

/** A region code is inside another when it starts with the parent's significant digits. */
export function regionContains(parent: string, child: string): boolean {
  const significant = parent.replace(/0+$/, '');
  return significant.length > 0 && child.startsWith(significant);
}

/**
 * What the policy needs of a personal object (whose and where it is), as a Prisma `select`: one
 * narrow query on one table, so an id that names something costs what one that names nothing
 * does. A service loads the full object only once the policy has let it.
 */
export const OWNER_FACTS = { officeId: true, subjectId: true, actorId: true, serviceId: true } as const;
export interface OwnerFacts {
  officeId: string;
  subjectId: string | null;
  actorId: string | null;
  serviceId?: string;
}

/**
 * Which personal objects (tickets, appointments, waitlist entries) a list shows: those for one
 * person (oneself, or the one acted for — a grant does not reach what the grantor booked for a
 * third person).
 */
export type PersonalObjects = { subjectId: string; serviceId?: { in: string[] } };
