// Who may do what to whom (DESIGN.md §6). Pure decisions over facts the policy has loaded, so the
// rules read like a table and are unit-tested without a server.
import type { Role } from '@palm/db/client';
import type { ErrorCode } from '@palm/shared';

export type Action =
  /** Public catalogue: services, guides, offices. */
  | 'catalogue.read'
  /** The subject's own profile and preferences. */
  | 'profile.read'
  | 'profile.update'
  /** Real-name binding: only ever by the person themself. */
  | 'profile.verify'
  /** Take a queue number for oneself or (with a QUEUE grant) for someone else. */
  | 'ticket.take'
  /** Read or cancel a ticket: its holder or whoever took it for them. */
  | 'ticket.read'
  | 'ticket.cancel'
  /** 过号后重新排队 (once), by the holder. */
  | 'ticket.rejoin'
  /** Book an appointment for oneself or (with an APPOINTMENT grant) for someone else. */
  | 'appointment.book'
  /** Read, cancel or reschedule an appointment: the person it is for or whoever booked it. */
  | 'appointment.read'
  | 'appointment.cancel'
  | 'appointment.reschedule'
  /** 签到 on site (the hall's QR): the person it is for or whoever booked it. */
  | 'appointment.checkIn'
  /** One's booking suspensions (no-shows) and the one appeal against each. */
  | 'suspension.read'
  | 'suspension.appeal'
  /** 候补: join a full slot's waitlist for oneself or (with an APPOINTMENT grant) for someone else. */
  | 'waitlist.join'
  /** Read or cancel a waitlist entry: the person it is for or whoever joined for them. */
  | 'waitlist.read'
  | 'waitlist.cancel'
  /** Working a window of one office (calling numbers, walk-ins, check-in): its clerks only. */
  | 'office.operate'
  /** Watch an office's windows and the queue they serve: its clerks, supervisors of its region, admins. */
  | 'counter.read'
  /** Supervision of an office or region (cases, figures). */
  | 'office.supervise'
  /** One's own notification subscriptions (the taps on the platform's prompt). */
  | 'notification.subscribe'
  /** One's own in-app messages: list and read, mark as read. */
  | 'message.read'
  | 'message.update'
  /** Block or unblock a person's account (which ends all their sessions): admins only. */
  | 'user.block';

/** Grant scopes of DESIGN.md §3; each on-behalf action names the scope it needs. */
export type GrantScope = 'APPOINTMENT' | 'QUEUE' | 'APPLICATION' | 'LICENCE_PRESENT' | 'REPORT';

export interface Actor {
  userId: string;
  roles: Role[];
}

export interface StaffScope {
  officeId: string | null;
  regionCode: string | null;
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
  /** The service it concerns, when a grant may be limited to some services. */
  serviceId?: string;
}

export type Decision =
  | { allow: true; via: 'PUBLIC' | 'SELF' | 'GRANT' | 'STAFF' }
  | { allow: false; code: ErrorCode; reason: string };

export type Refused = Extract<Decision, { allow: false }>;

const deny = (code: ErrorCode, reason: string): Decision => ({ allow: false, code, reason });

/**
 * The objects an id names, with the words of their 404. By id, an object one may not touch answers
 * exactly as one that does not exist (DESIGN.md §6): same status, code and message, whoever asks,
 * in whatever role, for whomever (X-On-Behalf-Of). Offices and windows are in the catalogue, but a
 * staff action on one outside one's posting answers the same way, so the rule has no exceptions
 * to remember.
 */
export const NOT_FOUND_MESSAGES = {
  ticket: '没有找到该排队号',
  appointment: '没有找到该预约',
  waitlist: '没有找到该候补',
  message: '没有找到该消息',
  suspension: '没有找到该预约暂停记录',
  counter: '没有找到该窗口',
  office: '没有找到该办事大厅',
} as const;
export type ObjectType = keyof typeof NOT_FOUND_MESSAGES;

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
export const ON_BEHALF_SCOPE: Record<Action, GrantScope | null> = {
  'catalogue.read': null,
  'profile.read': null,
  'profile.update': null,
  'profile.verify': null,
  'ticket.take': 'QUEUE',
  'ticket.read': 'QUEUE',
  'ticket.cancel': 'QUEUE',
  'ticket.rejoin': 'QUEUE',
  'appointment.book': 'APPOINTMENT',
  'appointment.read': 'APPOINTMENT',
  'appointment.cancel': 'APPOINTMENT',
  'appointment.reschedule': 'APPOINTMENT',
  'appointment.checkIn': 'APPOINTMENT',
  // Whoever may book for someone may see why their booking is suspended, and appeal for them.
  'suspension.read': 'APPOINTMENT',
  'suspension.appeal': 'APPOINTMENT',
  'waitlist.join': 'APPOINTMENT',
  'waitlist.read': 'APPOINTMENT',
  'waitlist.cancel': 'APPOINTMENT',
  'office.operate': null,
  'counter.read': null,
  'office.supervise': null,
  'notification.subscribe': null,
  'message.read': null,
  'message.update': null,
  'user.block': null,
};

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

/** A region code is inside another when it starts with the parent's significant digits. */
export function regionContains(parent: string, child: string): boolean {
  const significant = parent.replace(/0+$/, '');
  return significant.length > 0 && child.startsWith(significant);
}

export function decide(input: DecideInput): Decision {
  const { actor, action } = input;
  if (action === 'catalogue.read') return { allow: true, via: 'PUBLIC' };
  if (!actor) return deny('UNAUTHENTICATED', 'sign-in required');
  if (input.resource?.missing) return deny('NOT_FOUND', 'no such object');

  const onBehalf = input.subjectId !== null && input.subjectId !== actor.userId;
  if (onBehalf) {
    const scope = ON_BEHALF_SCOPE[action];
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

  switch (action) {
    case 'profile.read':
    case 'profile.update':
    case 'profile.verify':
      return { allow: true, via: 'SELF' };
    case 'ticket.take':
    case 'appointment.book':
    case 'waitlist.join':
    case 'notification.subscribe':
      return { allow: true, via: 'SELF' };
    case 'message.read':
    case 'message.update':
      // Someone else's message looks like no message at all (DESIGN.md §6).
      if (input.resource?.ownerIds?.includes(actor.userId)) return { allow: true, via: 'SELF' };
      return deny('NOT_FOUND', 'not the addressee of this message');
    case 'ticket.read':
    case 'ticket.cancel':
    case 'ticket.rejoin':
      // Someone else's ticket looks like no ticket at all (DESIGN.md §6: no existence leak).
      if (input.resource?.ownerIds?.includes(actor.userId)) return { allow: true, via: 'SELF' };
      return deny('NOT_FOUND', 'not the holder of this ticket');
    case 'appointment.read':
    case 'appointment.cancel':
    case 'appointment.reschedule':
    case 'appointment.checkIn':
      if (input.resource?.ownerIds?.includes(actor.userId)) return { allow: true, via: 'SELF' };
      return deny('NOT_FOUND', 'neither the person nor the booker of this appointment');
    case 'suspension.read':
    case 'suspension.appeal':
      if (input.resource?.ownerIds?.includes(actor.userId)) return { allow: true, via: 'SELF' };
      return deny('NOT_FOUND', 'not the person suspended');
    case 'waitlist.read':
    case 'waitlist.cancel':
      if (input.resource?.ownerIds?.includes(actor.userId)) return { allow: true, via: 'SELF' };
      return deny('NOT_FOUND', 'neither the person nor the one who joined for them');
    case 'office.operate': {
      // Working a window — calling, recalling, skipping, serving, transferring, walk-ins, checking
      // someone in, opening, pausing, closing — is the job of the clerks posted to that office, and
      // of nobody else: a supervisor watches (counter.read), an admin administers accounts and
      // settings but does not call numbers (a number called by someone not at the window is a
      // person sent to an empty desk). There are no hall managers yet; when there are, they get
      // their own role and case here.
      if (!actor.roles.includes('CLERK')) return deny('FORBIDDEN', 'clerks only');
      if (!input.resource?.officeId || input.staff?.officeId !== input.resource.officeId) {
        return deny('FORBIDDEN', 'clerk is posted to another office');
      }
      return { allow: true, via: 'STAFF' };
    }
    case 'counter.read': {
      // Watching windows (the panel, the day's appointments, the check-in poster), read only:
      // clerks their own office's, supervisors every office in their region, admins every office.
      if (actor.roles.includes('ADMIN')) return { allow: true, via: 'STAFF' };
      const isOwnOffice = actor.roles.includes('CLERK') && Boolean(input.resource?.officeId) && input.staff?.officeId === input.resource?.officeId;
      const region = input.staff?.regionCode;
      const target = input.resource?.officeRegionCode;
      const isInRegion = actor.roles.includes('SUPERVISOR') && Boolean(region && target && regionContains(region, target));
      if (isOwnOffice || isInRegion) return { allow: true, via: 'STAFF' };
      return deny('FORBIDDEN', actor.roles.includes('CLERK') || actor.roles.includes('SUPERVISOR') ? 'outside the staff posting' : 'staff only');
    }
    case 'office.supervise': {
      if (actor.roles.includes('ADMIN')) return { allow: true, via: 'STAFF' };
      if (!actor.roles.includes('SUPERVISOR')) return deny('FORBIDDEN', 'supervisors only');
      const region = input.staff?.regionCode;
      const target = input.resource?.officeRegionCode;
      if (!region || !target || !regionContains(region, target)) return deny('FORBIDDEN', 'outside the supervisor region');
      return { allow: true, via: 'STAFF' };
    }
    case 'user.block':
      return actor.roles.includes('ADMIN') ? { allow: true, via: 'STAFF' } : deny('FORBIDDEN', 'admins only');
  }
}
