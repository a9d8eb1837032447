// Schemas of the grants API (授权, DESIGN.md §3 Grant, §5): invite someone to act for me, or ask
// someone to let me act for them; answer, list and end grants; and the grantor's log of what was
// done (or tried) on their behalf, with 这不是我授权的.
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { GRANT_RELATIONS, GRANT_SCOPES, MAX_GRANT_SERVICES } from '../grants';
import { BusinessDateSchema, ListOf, LOWERCASE_KEYWORD, StrictObject, UuidSchema } from './common';
import { PhoneSchema } from './identity';

// A union of literals typed as one (a mapped array would infer `never`; as notify.ts's oneOf).
type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };
const oneOf = <const T extends readonly string[]>(values: T, options: object = {}) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as unknown as TUnion<Literals<T>>;

const DateTime = Type.String({ format: 'date-time', description: 'UTC instant' });

export const GrantScopeSchema = oneOf(GRANT_SCOPES);
export const GRANT_STATUSES = ['PENDING', 'ACTIVE', 'REJECTED', 'REVOKED', 'EXPIRED'] as const;
/** PENDING until the other side accepts (ACTIVE) or rejects; REVOKED by either side; EXPIRED at validUntil. */
export const GrantStatusSchema = oneOf(GRANT_STATUSES);
export type GrantStatus = Static<typeof GrantStatusSchema>;
export const GrantRelationSchema = oneOf(GRANT_RELATIONS, { description: '被授权人是授权人的谁（网格员、代办员：仅网格员可选）' });
/** The two sides of a grant; `initiatedBy` says which one asked. */
export const GrantPartySchema = oneOf(['GRANTOR', 'GRANTEE'] as const);
export type GrantParty = Static<typeof GrantPartySchema>;

const terms = {
  relation: GrantRelationSchema,
  scopes: Type.Array(GrantScopeSchema, { minItems: 1, maxItems: GRANT_SCOPES.length, uniqueItems: true }),
  /** Only these services (none or absent: every service). */
  serviceIds: Type.Optional(Type.Array(UuidSchema, { maxItems: MAX_GRANT_SERVICES, uniqueItems: true })),
  /**
   * The last day it is valid (Asia/Shanghai, inclusive). Absent: a year for family, 90 days for a
   * grid worker; never longer than that, never before tomorrow.
   */
  validUntil: Type.Optional(BusinessDateSchema({ description: '有效期至（含当天，YYYY-MM-DD）' })),
};

/**
 * Invite (I am the grantor: the grantee's phone) or ask (I am the grantee: the grantor's phone).
 * The other side must already have signed in to Palm once with that phone.
 */
export const GrantCreateBodySchema = Type.Union([StrictObject({ granteePhone: PhoneSchema, ...terms }), StrictObject({ grantorPhone: PhoneSchema, ...terms })]);
export type GrantCreateBody = Static<typeof GrantCreateBodySchema>;

export const GrantListQuerySchema = StrictObject({
  /** The grants I gave (people who may act for me) or hold (people I may act for). */
  as: oneOf(['grantor', 'grantee'] as const),
  /** live: PENDING and ACTIVE; ended: the rest. Absent: both, live first. */
  state: Type.Optional(oneOf(['live', 'ended'] as const)),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export const GrantActionBodySchema = StrictObject({});

/** The other side of a grant, as the caller may see them: never a full name, phone or id. */
export const GrantPartyViewSchema = Type.Object({
  /** "张**", or the masked phone when they have not verified their name. */
  name: Type.String({ examples: ['张**'] }),
  phoneMasked: Type.Union([Type.String({ examples: ['138****0002'] }), Type.Null()]),
  isGridWorker: Type.Boolean(),
});

export const GrantSchema = Type.Object({
  id: UuidSchema,
  /** The caller's side of it. */
  as: GrantPartySchema,
  other: GrantPartyViewSchema,
  /**
   * The grantor's user id — what `X-On-Behalf-Of` names — given only to the grantee of an ACTIVE
   * grant (the one person who may act with it); null otherwise.
   */
  actFor: Type.Union([UuidSchema, Type.Null()]),
  relation: Type.String({ examples: ['子女'] }),
  scopes: Type.Array(GrantScopeSchema),
  /** The services it is limited to; empty: every service. */
  services: Type.Array(Type.Object({ id: UuidSchema, name: Type.String() })),
  status: GrantStatusSchema,
  consentMethod: oneOf(['IN_APP', 'WITNESSED'] as const),
  initiatedBy: GrantPartySchema,
  /** Who must act next: ME (accept or reject), OTHER (waiting for them); null when nothing is pending. */
  awaiting: Type.Union([oneOf(['ME', 'OTHER'] as const), Type.Null()]),
  /** What the caller may do now. */
  actions: Type.Array(oneOf(['accept', 'reject', 'revoke'] as const)),
  validFrom: DateTime,
  validUntil: DateTime,
  createdAt: DateTime,
  acceptedAt: Type.Union([DateTime, Type.Null()]),
  /** When it was rejected, revoked or expired. */
  endedAt: Type.Union([DateTime, Type.Null()]),
  /** Who revoked it (REVOKED): the caller, the other side, or staff at a window. */
  revokedBy: Type.Union([oneOf(['ME', 'OTHER', 'STAFF'] as const), Type.Null()]),
});
export type Grant = Static<typeof GrantSchema>;
export const GrantListSchema = ListOf(GrantSchema);
export type GrantList = Static<typeof GrantListSchema>;

/**
 * An entry of the activity log: its id is the audit entry's (a number). Any other short token is
 * let through to be "not found", like a random UUID elsewhere; canonical (lower case) like every id.
 */
export const ActivityIdParamsSchema = StrictObject({
  id: Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z-]+$', [LOWERCASE_KEYWORD]: true, description: 'activity entry id (digits)' }),
});

export const ActivityListQuerySchema = StrictObject({
  /** for_me: done (or tried) on my behalf; by_me: what I did for others. Absent: both. */
  direction: Type.Optional(oneOf(['for_me', 'by_me'] as const)),
  /** acts (default): what changed something, and every refusal; all: views too. */
  include: Type.Optional(oneOf(['acts', 'all'] as const)),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

export const ActivitySchema = Type.Object({
  id: Type.String({ examples: ['1024'] }),
  at: DateTime,
  /** FOR_ME: someone acted (or tried) for me; BY_ME: I acted for someone. */
  direction: oneOf(['FOR_ME', 'BY_ME'] as const),
  /** The other person — who acted (FOR_ME) or for whom (BY_ME) — masked, and who they are to the grantor. */
  person: Type.Object({ name: Type.String({ examples: ['陈**'] }), relation: Type.Union([Type.String(), Type.Null()]) }),
  /** The policy action ("appointment.book") and how the log says it ("预约"). */
  action: Type.String(),
  words: Type.String({ examples: ['预约'] }),
  /** ALLOWED: done; FAILED: allowed, but the request did not succeed (nothing done); DENIED: refused. */
  result: oneOf(['ALLOWED', 'FAILED', 'DENIED'] as const),
  service: Type.Union([Type.Object({ id: UuidSchema, name: Type.String() }), Type.Null()]),
  /** The object it concerned, when it is the caller's own (FOR_ME): a tap opens it. */
  resource: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }), Type.Null()]),
  /** 这不是我授权的: when the caller disputed it. */
  disputedAt: Type.Union([DateTime, Type.Null()]),
  /** Disputed, and the dispute revoked the grant of whoever acted (false: not disputed, or there was no live grant to revoke). */
  grantRevoked: Type.Boolean(),
  /** Whether the caller may dispute it (someone else's act for them, not disputed yet). */
  canDispute: Type.Boolean(),
});
export type Activity = Static<typeof ActivitySchema>;
export const ActivityListSchema = ListOf(ActivitySchema);
export type ActivityList = Static<typeof ActivityListSchema>;

export const ActivityDisputeBodySchema = StrictObject({});
export const ActivityDisputeSchema = Type.Object({
  activity: ActivitySchema,
  /** The grant to whoever acted was live and is now revoked (false: there was none, or it ended before). */
  grantRevoked: Type.Boolean(),
});
export type ActivityDispute = Static<typeof ActivityDisputeSchema>;

// --- Witnessed consent at a window (见证授权): a clerk records a grant for a resident without a
// phone. The resident is named by ID number (looked up by its HMAC, never listed or returned
// unmasked); the number travels in a POST body only, never in a URL.

/** The resident's ID number as typed (checked by GB 11643 on the server; masked in every answer). */
const ResidentIdNumberSchema = Type.String({ minLength: 1, maxLength: 32, description: '居民身份证号（18位，仅在请求体中传送）' });
/** 授权书编号: the number printed on the signed paper form (letters, digits, hyphens). */
export const ConsentFormNumberSchema = Type.String({ minLength: 4, maxLength: 32, pattern: '^[0-9A-Za-z][0-9A-Za-z-]*$', description: '纸质授权书编号' });

export const WitnessedGrantBodySchema = StrictObject({
  residentIdNumber: ResidentIdNumberSchema,
  /** The family member or grid worker who will act for the resident (signed in once with it). */
  granteePhone: PhoneSchema,
  ...terms,
  formNumber: ConsentFormNumberSchema,
});
export type WitnessedGrantBody = Static<typeof WitnessedGrantBodySchema>;

export const WitnessLookupBodySchema = StrictObject({ residentIdNumber: ResidentIdNumberSchema });
export type WitnessLookupBody = Static<typeof WitnessLookupBodySchema>;

/** Revoking at a window, at the resident's request: the number of the revocation form, if one was signed. */
export const WitnessRevokeBodySchema = StrictObject({ formNumber: Type.Optional(ConsentFormNumberSchema) });
export type WitnessRevokeBody = Static<typeof WitnessRevokeBodySchema>;

/** The resident as a clerk sees them: masked, and whether they can answer for themself in the app. */
export const WitnessResidentSchema = Type.Object({
  name: Type.String({ examples: ['刘**'] }),
  idNumberMasked: Type.String({ examples: ['3612**********0019'] }),
  /** Signed in to Palm with a phone: they manage in-app grants themself and are told of this one. */
  hasPhone: Type.Boolean(),
});

/** One of the resident's grants, as a clerk sees it. */
export const WitnessGrantSchema = Type.Object({
  id: UuidSchema,
  grantee: GrantPartyViewSchema,
  relation: Type.String(),
  scopes: Type.Array(GrantScopeSchema),
  services: Type.Array(Type.Object({ id: UuidSchema, name: Type.String() })),
  status: GrantStatusSchema,
  consentMethod: oneOf(['IN_APP', 'WITNESSED'] as const),
  /** 授权书编号 (WITNESSED). */
  formNumber: Type.Union([Type.String(), Type.Null()]),
  validFrom: DateTime,
  validUntil: DateTime,
  createdAt: DateTime,
  endedAt: Type.Union([DateTime, Type.Null()]),
  /** Who ended it (REVOKED): the resident, the grantee, or staff at a window. */
  revokedBy: Type.Union([oneOf(['GRANTOR', 'GRANTEE', 'STAFF'] as const), Type.Null()]),
  /** A clerk may revoke it here: a witnessed grant still in force (one given in the app, its grantor ends in the app). */
  canRevoke: Type.Boolean(),
});
export type WitnessGrant = Static<typeof WitnessGrantSchema>;

/** The resident's record at a window: who they are (masked) and the grants they gave, newest first. */
export const WitnessRecordSchema = Type.Object({ resident: WitnessResidentSchema, items: Type.Array(WitnessGrantSchema) });
export type WitnessRecord = Static<typeof WitnessRecordSchema>;

/** A grant just witnessed (ACTIVE), with the resident it is from. */
export const WitnessedGrantSchema = Type.Object({ resident: WitnessResidentSchema, grant: WitnessGrantSchema });
export type WitnessedGrant = Static<typeof WitnessedGrantSchema>;
