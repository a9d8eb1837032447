// Schemas of the e-licence API (电子证照, 亮证; DESIGN.md §3 Licence, LicencePresentation, §4, §5):
// the wallet (masked; the number on request, logged), a presentation's signed token, the holder's
// 使用记录, the purposes and what each discloses, a clerk's verification, the public keys.
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { LICENCE_STATUSES } from '../licences';
import { ListOf, StrictObject } from './common';

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };
const oneOf = <const T extends readonly string[]>(values: T, options: object = {}) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as unknown as TUnion<Literals<T>>;

const DateTime = Type.String({ format: 'date-time', description: 'UTC instant' });
const Day = Type.String({ description: 'YYYY-MM-DD' });

import { LicenceTypeSchema } from './catalogue';
export const LicenceStatusSchema = oneOf(LICENCE_STATUSES);

/** A purpose code: a service's code or a named check's (IDENTITY_CHECK). */
export const LicencePurposeCodeSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const LicenceFieldSchema = Type.Object({ key: Type.String(), label: Type.String() });
export const LicenceFieldValueSchema = Type.Object({ key: Type.String(), label: Type.String(), value: Type.String() });

export const LicenceSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: LicenceTypeSchema,
  typeLabel: Type.String({ examples: ['居民身份证'] }),
  /** Masked always ("3612**********0318"). */
  numberMasked: Type.String(),
  /** Only with ?reveal=true on GET /api/licences/:id (logged); the app masks it again after 30 s. */
  number: Type.Optional(Type.String()),
  issuer: Type.String(),
  validFrom: Day,
  /** null: 长期. */
  validUntil: Type.Union([Day, Type.Null()]),
  /** VALID, REVOKED or EXPIRED now (a VALID licence past its last day shows EXPIRED). */
  status: LicenceStatusSchema,
  /** The holder, masked, for the watermark ("陈**"). */
  holderNameMasked: Type.String(),
  /** The licence's display fields, in order (never the number). */
  fields: Type.Array(LicenceFieldValueSchema),
  lastSyncedAt: DateTime,
});
export type LicenceView = Static<typeof LicenceSchema>;
export const LicenceListSchema = ListOf(LicenceSchema);
export type LicenceList = Static<typeof LicenceListSchema>;

export const LicenceGetQuerySchema = StrictObject({ reveal: Type.Optional(Type.Boolean({ description: '显示完整号码（记录在使用记录中）' })) });
export const LicenceSyncBodySchema = StrictObject({});

export const LicencePurposeSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  serviceId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  licenceTypes: Type.Array(LicenceTypeSchema),
  /** What a verifier sees (of a licence of one of these types, the fields it has). */
  fields: Type.Array(LicenceFieldSchema),
});
export type LicencePurposeView = Static<typeof LicencePurposeSchema>;
export const LicencePurposeListSchema = ListOf(LicencePurposeSchema);
export const LicencePurposeQuerySchema = StrictObject({ licenceType: Type.Optional(LicenceTypeSchema) });

export const LicencePresentationBodySchema = StrictObject({
  /** Absent: 身份核验 (IDENTITY_CHECK). */
  purpose: Type.Optional(LicencePurposeCodeSchema),
});
export const LicencePresentationSchema = Type.Object({
  /** The signed token the app renders as a QR (typ licence-qr+jwt, aud licence-verify, 60 s, single use). */
  token: Type.String(),
  expiresAt: DateTime,
  /** Show a new token after this many seconds. */
  refreshSeconds: Type.Integer(),
  purpose: Type.Object({ code: Type.String(), name: Type.String() }),
  /** What the verifier will see. */
  fields: Type.Array(LicenceFieldSchema),
  /** Presented by a grantee for the holder (代 X 出示): the holder, masked; null for one's own. */
  onBehalfOf: Type.Union([Type.Object({ nameMasked: Type.String() }), Type.Null()]),
});
export type LicencePresentation = Static<typeof LicencePresentationSchema>;

export const LicenceUseSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  /**
   * PRESENTATION: a 亮证 (scanned or lapsed); CAPTURE: a screen capture of the licence page (截屏;
   * purpose SCREEN_CAPTURE); REVEAL: the full number shown to the holder (查看完整号码; purpose
   * NUMBER_REVEAL). CAPTURE and REVEAL are never verified and disclose nothing.
   */
  kind: Type.Union([Type.Literal('PRESENTATION'), Type.Literal('CAPTURE'), Type.Literal('REVEAL')]),
  purpose: Type.Object({ code: Type.String(), name: Type.String() }),
  presentedAt: DateTime,
  /** Who showed it: the holder, or a grantee (代出示), masked. */
  presentedBy: Type.Object({ self: Type.Boolean(), nameMasked: Type.String() }),
  /** null: not (yet) scanned; the token lapsed unused after expiresAt. */
  verifiedAt: Type.Union([DateTime, Type.Null()]),
  expiresAt: DateTime,
  office: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  counter: Type.Union([Type.Object({ number: Type.Integer(), name: Type.String() }), Type.Null()]),
  /** The fields the verifier saw (or would see). */
  fields: Type.Array(LicenceFieldSchema),
});
export type LicenceUse = Static<typeof LicenceUseSchema>;
export const LicenceUseListSchema = ListOf(LicenceUseSchema);
export const LicenceUsesQuerySchema = StrictObject({ cursor: Type.Optional(Type.String({ maxLength: 200 })) });

export const LicenceCaptureBodySchema = StrictObject({});
export const LicenceCaptureSchema = Type.Object({ id: Type.String({ format: 'uuid' }), capturedAt: DateTime });
export type LicenceCapture = Static<typeof LicenceCaptureSchema>;

export const LicenceVerificationBodySchema = StrictObject({ token: Type.String({ minLength: 1, maxLength: 4096 }) });
export const LicenceVerificationSchema = Type.Object({
  purpose: Type.Object({ code: Type.String(), name: Type.String() }),
  /** Only the purpose's fields, with their values. */
  fields: Type.Array(LicenceFieldValueSchema),
  holder: Type.Object({ nameMasked: Type.String(), idNumberMasked: Type.Union([Type.String(), Type.Null()]) }),
  licence: Type.Object({ type: LicenceTypeSchema, typeLabel: Type.String(), status: LicenceStatusSchema }),
  /** Shown by a grantee for the holder (代出示). */
  presentedOnBehalf: Type.Boolean(),
  verifiedAt: DateTime,
});
export type LicenceVerification = Static<typeof LicenceVerificationSchema>;

/** RFC 7517 JWK Set: the public keys that sign 亮证 tokens (current and, during rotation, previous). */
export const JwksSchema = Type.Object({ keys: Type.Array(Type.Object({ kid: Type.String(), kty: Type.String(), alg: Type.String(), use: Type.String() }, { additionalProperties: true })) });
