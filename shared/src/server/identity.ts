// Schemas of the identity API: sign-in, tokens, the profile and preferences.
import { Type, type Static, type TLiteral } from '@sinclair/typebox';
import { StrictObject, UuidSchema } from './common';

export const ROLES = ['CITIZEN', 'GRID_WORKER', 'CLERK', 'SUPERVISOR', 'MANAGER', 'ADMIN'] as const;
export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)) as [TLiteral<(typeof ROLES)[number]>, ...TLiteral<(typeof ROLES)[number]>[]]);

export const PreferencesSchema = Type.Object({
  elderMode: Type.Boolean(),
  fontScale: Type.Number(),
  locale: Type.String(),
});

/** The signed-in person as the apps see them: identifiers masked, never in clear. */
export const MeSchema = Type.Object({
  id: UuidSchema,
  name: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(RoleSchema),
  idNumberMasked: Type.Union([Type.String(), Type.Null()]),
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  realNameVerified: Type.Boolean(),
  age: Type.Union([Type.Integer(), Type.Null()]),
  preferences: PreferencesSchema,
  /** True once for people aged 60+ who have not been offered 长辈版 yet (DESIGN.md §4). */
  offerElderMode: Type.Boolean(),
  officeId: Type.Union([UuidSchema, Type.Null()]),
});
export type Me = Static<typeof MeSchema>;

export const TokensSchema = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  expiresIn: Type.Integer({ description: 'access token lifetime in seconds' }),
  user: MeSchema,
});
export type Tokens = Static<typeof TokensSchema>;

export const PhoneSchema = Type.String({ minLength: 1, maxLength: 20, description: '11-digit mainland mobile number' });

export const DevLoginBodySchema = Type.Union([StrictObject({ userId: UuidSchema }), StrictObject({ phone: PhoneSchema })]);
export const WechatLoginBodySchema = StrictObject({ code: Type.String({ minLength: 1, maxLength: 128 }) });
export const AlipayLoginBodySchema = StrictObject({ authCode: Type.String({ minLength: 1, maxLength: 128 }) });
export const SmsSendBodySchema = StrictObject({ phone: PhoneSchema });
export const SmsSendReplySchema = Type.Object({
  sent: Type.Literal(true),
  expiresInSeconds: Type.Integer(),
  resendAfterSeconds: Type.Integer(),
  /** Only outside production when no SMS gateway is configured, so the demo can sign in. */
  devCode: Type.Optional(Type.String()),
});
export const SmsVerifyBodySchema = StrictObject({ phone: PhoneSchema, code: Type.String({ pattern: '^\\d{6}$' }) });
/** Which ways to sign in this BFF offers, so one app build shows only the ones that work. */
export const AuthMethodsSchema = Type.Object({
  wechat: Type.Boolean(),
  alipay: Type.Boolean(),
  sms: Type.Boolean(),
  /** Outside production only: the demo accounts' one-tap sign-in (POST /api/auth/dev-login). */
  devLogin: Type.Boolean(),
});
export type AuthMethods = Static<typeof AuthMethodsSchema>;
export const RefreshBodySchema = StrictObject({ refreshToken: Type.String({ minLength: 16, maxLength: 128 }) });
export const LogoutBodySchema = StrictObject({ refreshToken: Type.Optional(Type.String({ minLength: 16, maxLength: 128 })) });

export const PreferencesPatchSchema = StrictObject(
  {
    elderMode: Type.Optional(Type.Boolean()),
    /** Follows WeChat's fontSizeScaleFactor (关怀模式); 1 = normal. */
    fontScale: Type.Optional(Type.Number({ minimum: 1, maximum: 2 })),
    locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en-US')])),
    /** The person has seen the one-time 长辈版 offer (accepted or not). */
    elderModeOffered: Type.Optional(Type.Literal(true)),
  },
  { minProperties: 1 },
);

export const RealNameBodySchema = StrictObject({
  name: Type.String({ minLength: 1, maxLength: 40 }),
  idNumber: Type.String({ minLength: 1, maxLength: 32 }),
});
