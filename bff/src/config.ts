// Configuration comes from the environment only, validated once at start. A bad value stops the
// process with a message naming the variable (never its value: it may be a secret).
import { Type, type Static } from '@sinclair/typebox';
import { envSchema } from 'env-schema';

const DEV_JWT_SECRET = 'palm-dev-only-jwt-secret-do-not-use-in-production';
const DEV_PII_KEY = 'palm-dev-only-pii-key';

export const ConfigSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('test'), Type.Literal('production')], { default: 'development' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
  TRUST_PROXY: Type.Boolean({ default: false }),

  /** PostgreSQL (production path). Absent → embedded PGlite. */
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_POOL_MAX: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  /** PGlite data directory; absent → in-memory (seeded at every start). */
  PALM_DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  /** Apply pending migrations at start (on by default outside production). */
  PALM_MIGRATE_ON_START: Type.Optional(Type.Boolean()),
  /** Load the demo seeds at start (on by default for the embedded database). */
  PALM_SEED_ON_START: Type.Optional(Type.Boolean()),
  /** Redis (live fan-out, rate limits). Absent → single process, in-memory. */
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),

  PALM_JWT_SECRET: Type.String({ minLength: 32, default: DEV_JWT_SECRET }),
  PALM_PII_KEY: Type.String({ minLength: 16, default: DEV_PII_KEY }),
  JWT_ISSUER: Type.String({ default: 'palm-bff' }),
  JWT_AUDIENCE: Type.String({ default: 'palm-app' }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, maximum: 3600, default: 900 }),
  REFRESH_TOKEN_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 90, default: 30 }),
  /**
   * How long an instance reuses a "session still live" answer before asking Redis again. Ended
   * sessions are also announced over pub/sub at once; this bounds the delay when a message is lost.
   */
  SESSION_CACHE_TTL_MS: Type.Integer({ minimum: 0, maximum: 1000, default: 500 }),
  /** Outside production: start the business clock at this instant (DESIGN.md §2). */
  PALM_CLOCK: Type.Optional(Type.String()),

  /** The built H5 app served at `/` (default: miniapp/dist/h5 of this checkout, when built). */
  PALM_H5_DIR: Type.Optional(Type.String({ minLength: 1 })),
  /** Comma-separated origins allowed by CORS (the H5 app). */
  CORS_ORIGINS: Type.String({ default: 'http://localhost:10086,http://127.0.0.1:10086' }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 600 }),
  LOGIN_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 10 }),
  /**
   * Booking attempts (book and reschedule together) a minute per client address, on top of the
   * per-person limit: one address must not book out a release with many accounts (OWASP API6).
   * Generous for the many honest people behind one hall's Wi-Fi or a village's NAT.
   */
  BOOKING_IP_PER_MINUTE: Type.Integer({ minimum: 1, default: 120 }),
  /**
   * Live sockets (WS /api/live) one client address may hold open on an instance. A household has
   * a few; a hall's Wi-Fi has many, and a socket refused at the cap still gets its updates by
   * polling every 5 s (miniapp/src/lib/live.ts), so the cap bounds what one address costs without
   * cutting anyone off.
   */
  LIVE_SOCKETS_PER_ADDRESS: Type.Integer({ minimum: 1, maximum: 100_000, default: 50 }),
  /** Wrong hall check-in codes one person may try at one hall in a business day before 429. */
  CHECK_IN_WRONG_CODES_PER_DAY: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
  /**
   * Grant invitations and requests naming a phone (POST /api/grants) one person may send in a
   * business day before 429 GRANT_DAILY_LIMIT: each answer tells whether a phone uses Palm.
   */
  GRANT_PHONE_REQUESTS_PER_DAY: Type.Integer({ minimum: 1, maximum: 1000, default: 20 }),
  /**
   * How often a live socket opened on someone's behalf reads its grant again (ms), besides the end
   * message every instance hears: a grant that runs out, or an end message lost while Redis was down.
   */
  LIVE_GRANT_RECHECK_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 30_000 }),

  WECHAT_API_BASE: Type.String({ default: 'https://api.weixin.qq.com' }),
  WECHAT_APP_ID: Type.Optional(Type.String()),
  WECHAT_APP_SECRET: Type.Optional(Type.String()),
  ALIPAY_GATEWAY: Type.String({ default: 'https://openapi.alipay.com/gateway.do' }),
  ALIPAY_APP_ID: Type.Optional(Type.String()),
  /** PEM; `\n` escapes are accepted so keys fit in one env line. */
  ALIPAY_PRIVATE_KEY: Type.Optional(Type.String()),
  ALIPAY_PUBLIC_KEY: Type.Optional(Type.String()),
  SMS_API_BASE: Type.String({ default: 'https://dysmsapi.aliyuncs.com' }),
  SMS_ACCESS_KEY_ID: Type.Optional(Type.String()),
  SMS_ACCESS_KEY_SECRET: Type.Optional(Type.String()),
  SMS_SIGN_NAME: Type.String({ default: '掌上办' }),
  SMS_TEMPLATE_CODE: Type.String({ default: 'SMS_PALM_OTP' }),
  /** Outside production with no SMS gateway configured, OTPs are written to the log (masked phone). */
  SMS_DEV_ECHO: Type.Optional(Type.Boolean()),

  /**
   * Real-name verification (二要素: name + ID number) at the province's identity platform
   * (integrations/README.md). All three or none. None: outside production a built-in demo register
   * answers (integrations/realname-demo.ts); in production real-name binding is off (503).
   */
  REAL_NAME_API_BASE: Type.Optional(Type.String({ pattern: '^https?://' })),
  REAL_NAME_APP_KEY: Type.Optional(Type.String({ minLength: 1 })),
  REAL_NAME_APP_SECRET: Type.Optional(Type.String({ minLength: 16 })),
  REAL_NAME_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 5000 }),
  /**
   * Binding attempts a minute, and checks at the platform a day, per person: every check is billed,
   * and the verifier must not become a way to test name/ID pairs at scale.
   */
  REAL_NAME_ATTEMPTS_PER_MINUTE: Type.Integer({ minimum: 1, default: 5 }),
  REAL_NAME_CHECKS_PER_DAY: Type.Integer({ minimum: 1, default: 10 }),

  /**
   * The provincial e-licence platform (integrations/licence-issuer.ts): all three or none. None:
   * outside production the demo register answers (integrations/licence-issuer-demo.ts); in
   * production no sync happens (the wallet shows what was synced before).
   */
  LICENCE_ISSUER_API_BASE: Type.Optional(Type.String({ pattern: '^https?://' })),
  LICENCE_ISSUER_APP_KEY: Type.Optional(Type.String({ minLength: 1 })),
  LICENCE_ISSUER_APP_SECRET: Type.Optional(Type.String({ minLength: 16 })),
  LICENCE_ISSUER_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 5000 }),
  /**
   * 亮证 signing keys (licences/keys.ts): the current private JWK (EC P-256 for ES256, or OKP
   * Ed25519 for EdDSA, with its kid) and, during a rotation, the previous key's public JWK — JSON.
   * Required in production for 亮证; elsewhere a key is generated once and kept in the database.
   */
  /**
   * 亮证 tokens one person may have made a minute: the app asks for one every 30 s while a QR is on
   * screen, so 30 leaves room for several licences and purposes and stops bulk minting (OWASP API6).
   */
  LICENCE_PRESENTATIONS_PER_MINUTE: Type.Integer({ minimum: 1, default: 30 }),
  LICENCE_SIGNING_KEY: Type.Optional(Type.String({ minLength: 2 })),
  LICENCE_SIGNING_KEY_PREVIOUS: Type.Optional(Type.String({ minLength: 2 })),

  /**
   * Subscription-message templates ("turn is near", "called", 预约提醒), chosen in each platform's console
   * with the keywords listed in bff/src/notify/README.md. Used only when that platform's client is
   * configured; the defaults are placeholders for development and the local stubs.
   */
  WECHAT_TEMPLATE_TICKET_NEAR: Type.String({ minLength: 1, default: 'palm-dev-wx-ticket-near' }),
  WECHAT_TEMPLATE_TICKET_CALLED: Type.String({ minLength: 1, default: 'palm-dev-wx-ticket-called' }),
  ALIPAY_TEMPLATE_TICKET_NEAR: Type.String({ minLength: 1, default: 'palm-dev-ali-ticket-near' }),
  ALIPAY_TEMPLATE_TICKET_CALLED: Type.String({ minLength: 1, default: 'palm-dev-ali-ticket-called' }),
  /** 预约提醒: the day-before and 1-hour reminders and 候补成功 share this one template per platform. */
  WECHAT_TEMPLATE_APPOINTMENT_REMINDER: Type.String({ minLength: 1, default: 'palm-dev-wx-appointment-reminder' }),
  ALIPAY_TEMPLATE_APPOINTMENT_REMINDER: Type.String({ minLength: 1, default: 'palm-dev-ali-appointment-reminder' }),
  /** 代办提醒: a grantor told what was just done on their behalf. */
  WECHAT_TEMPLATE_PROXY_ACT: Type.String({ minLength: 1, default: 'palm-dev-wx-proxy-act' }),
  ALIPAY_TEMPLATE_PROXY_ACT: Type.String({ minLength: 1, default: 'palm-dev-ali-proxy-act' }),
  /** `miniprogram_state` of WeChat messages: which build a tap opens. */
  WECHAT_MINIPROGRAM_STATE: Type.Union([Type.Literal('developer'), Type.Literal('trial'), Type.Literal('formal')], { default: 'formal' }),
  /** The outbox worker: on by default except under NODE_ENV=test (tests call runOnce()). */
  NOTIFY_WORKER_ENABLED: Type.Optional(Type.Boolean()),
  NOTIFY_WORKER_INTERVAL_MS: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 5000 }),
  NOTIFY_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 500, default: 20 }),
  /** Sends tried per message before it is FAILED (retryable upstream errors back off in between). */
  NOTIFY_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 20, default: 5 }),
  /** The appointment slot job (at start, then daily at 00:05 Asia/Shanghai): on by default except under NODE_ENV=test. */
  SLOT_JOB_ENABLED: Type.Optional(Type.Boolean()),
  /** The minute job of appointments (waitlist promotion, reminders, no-shows): on by default except under NODE_ENV=test. */
  APPOINTMENT_JOBS_ENABLED: Type.Optional(Type.Boolean()),
  APPOINTMENT_JOBS_INTERVAL_MS: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 60_000 }),
  /** The grant job (marks grants past their end EXPIRED): on by default except under NODE_ENV=test. */
  GRANT_JOBS_ENABLED: Type.Optional(Type.Boolean()),
  GRANT_JOBS_INTERVAL_MS: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 60_000 }),
  /** The 办不成事 / 好差评 job (escalation, default ratings, rating invitations): on by default except under NODE_ENV=test. */
  REPORT_JOBS_ENABLED: Type.Optional(Type.Boolean()),
  REPORT_JOBS_INTERVAL_MS: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 300_000 }),
  /** 好差评: days after a handling ends to rate it, then the default level (基本满意) is given, marked defaulted. */
  RATING_DEFAULT_DAYS: Type.Integer({ minimum: 1, maximum: 30, default: 7 }),
  RATING_DEFAULT_LEVEL: Type.Integer({ minimum: 1, maximum: 5, default: 3 }),
  /** 办不成事 photos (stored in the database): the largest file taken, and how many on one report (at most 3: the API's schema). */
  REPORT_PHOTO_MAX_BYTES: Type.Integer({ minimum: 1024, maximum: 20 * 1024 * 1024, default: 5 * 1024 * 1024 }),
  REPORT_PHOTOS_MAX: Type.Integer({ minimum: 1, maximum: 3, default: 3 }),
});

export type Config = Static<typeof ConfigSchema> & {
  isProduction: boolean;
  migrateOnStart: boolean;
  seedOnStart: boolean;
  corsOrigins: string[];
  notifyWorkerEnabled: boolean;
  slotJobEnabled: boolean;
  appointmentJobsEnabled: boolean;
  grantJobsEnabled: boolean;
  reportJobsEnabled: boolean;
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates `env`; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset" (a blank line in .env must not become an invalid value).
  const data = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  let raw: Static<typeof ConfigSchema>;
  try {
    raw = envSchema<Static<typeof ConfigSchema>>({ schema: ConfigSchema, data, env: false, dotenv: false });
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    // env-schema reports "env/PORT must be integer"; keep the variable names, drop any echoed value.
    const names = [...new Set([...text.matchAll(/env\/([A-Z0-9_]+)|'([A-Z0-9_]+)'/g)].map((m) => m[1] ?? m[2]))];
    throw new ConfigError(`Invalid configuration: ${names.length ? names.join(', ') : 'environment'} — ${text.replace(/\s+/g, ' ')}`);
  }
  const isProduction = raw.NODE_ENV === 'production';
  // Half a verifier is a mistake, never a choice: without this check it would quietly fall back to
  // the demo register outside production, or switch binding off in production.
  const realName = ['REAL_NAME_API_BASE', 'REAL_NAME_APP_KEY', 'REAL_NAME_APP_SECRET'] as const;
  const realNameSet = realName.filter((name) => raw[name] !== undefined);
  if (realNameSet.length > 0 && realNameSet.length < realName.length) {
    throw new ConfigError(`Invalid configuration: ${realName.filter((name) => raw[name] === undefined).join(', ')} (the real-name verifier needs all of ${realName.join(', ')})`);
  }
  const issuer = ['LICENCE_ISSUER_API_BASE', 'LICENCE_ISSUER_APP_KEY', 'LICENCE_ISSUER_APP_SECRET'] as const;
  const issuerSet = issuer.filter((name) => raw[name] !== undefined);
  if (issuerSet.length > 0 && issuerSet.length < issuer.length) {
    throw new ConfigError(`Invalid configuration: ${issuer.filter((name) => raw[name] === undefined).join(', ')} (the licence platform needs all of ${issuer.join(', ')})`);
  }
  if (isProduction) {
    const bad: string[] = [];
    if (raw.PALM_JWT_SECRET === DEV_JWT_SECRET) bad.push('PALM_JWT_SECRET (must be set in production)');
    if (raw.PALM_PII_KEY === DEV_PII_KEY) bad.push('PALM_PII_KEY (must be set in production)');
    if (!raw.DATABASE_URL) bad.push('DATABASE_URL (production needs PostgreSQL)');
    if (raw.PALM_CLOCK) bad.push('PALM_CLOCK (not allowed in production)');
    if (bad.length) throw new ConfigError(`Invalid configuration: ${bad.join('; ')}`);
  }
  const embedded = !raw.DATABASE_URL;
  return {
    ...raw,
    isProduction,
    migrateOnStart: raw.PALM_MIGRATE_ON_START ?? (embedded || !isProduction),
    seedOnStart: raw.PALM_SEED_ON_START ?? embedded,
    corsOrigins: raw.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    notifyWorkerEnabled: raw.NOTIFY_WORKER_ENABLED ?? raw.NODE_ENV !== 'test',
    slotJobEnabled: raw.SLOT_JOB_ENABLED ?? raw.NODE_ENV !== 'test',
    appointmentJobsEnabled: raw.APPOINTMENT_JOBS_ENABLED ?? raw.NODE_ENV !== 'test',
    grantJobsEnabled: raw.GRANT_JOBS_ENABLED ?? raw.NODE_ENV !== 'test',
    reportJobsEnabled: raw.REPORT_JOBS_ENABLED ?? raw.NODE_ENV !== 'test',
  };
}
