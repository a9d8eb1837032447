// Sign-in: WeChat (code2Session), Alipay (alipay.system.oauth.token), SMS one-time code, and a
// dev login that exists only outside production. Every path ends in the same token pair.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isValidMobile } from '@palm/shared';
import {
  AlipayLoginBodySchema,
  AuthMethodsSchema,
  DevLoginBodySchema,
  errorResponses,
  LogoutBodySchema,
  RefreshBodySchema,
  SmsSendBodySchema,
  SmsSendReplySchema,
  SmsVerifyBodySchema,
  TokensSchema,
  WechatLoginBodySchema,
} from '@palm/shared/server';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../../lib/errors';
import { UpstreamError } from '../../../integrations/http';

function requireMobile(phone: string): string {
  const trimmed = phone.trim();
  if (!isValidMobile(trimmed)) throw new AppError('PHONE_INVALID');
  return trimmed;
}

/** A platform's "no" to a code is a failed sign-in (401), not an outage (503). */
async function platformLogin<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof UpstreamError && err.kind === 'REJECTED') throw new AppError('PLATFORM_LOGIN_FAILED');
    throw err;
  }
}

const auth: FastifyPluginAsyncTypebox = async (app) => {
  const { tokens, otp, users } = app;
  const loginLimit = { rateLimit: { max: app.config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000 } };
  const tags = ['auth'];

  app.get('/methods', { schema: { tags, response: { 200: AuthMethodsSchema } } }, async () => {
    const { wechat, alipay, sms } = app.resources.integrations;
    // Without a gateway outside production the code is handed back to the caller (identity/otp.ts).
    return { wechat: Boolean(wechat), alipay: Boolean(alipay), sms: Boolean(sms) || !app.config.isProduction, devLogin: !app.config.isProduction };
  });

  if (!app.config.isProduction) {
    app.post(
      '/dev-login',
      {
        schema: {
          tags,
          description: 'Development only (absent in production): sign in by user id or phone; an unknown phone creates a citizen.',
          body: DevLoginBodySchema,
          response: { 200: TokensSchema, ...errorResponses(400, 404, 422, 429) },
        },
      },
      async (request) => {
        const body = request.body;
        if ('userId' in body) {
          const user = await users.byId(body.userId);
          if (!user || user.disabled) throw new AppError('NOT_FOUND');
          return tokens.issue(user);
        }
        const { user } = await users.findOrCreateByPhone(requireMobile(body.phone));
        return tokens.issue(user);
      },
    );
  }

  app.post(
    '/wechat',
    { config: loginLimit, schema: { tags, body: WechatLoginBodySchema, response: { 200: TokensSchema, ...errorResponses(400, 401, 429, 503) } } },
    async (request) => {
      const wechat = app.resources.integrations.wechat;
      if (!wechat) throw new AppError('UPSTREAM_UNAVAILABLE', '微信登录未配置');
      const session = await platformLogin(() => wechat.code2Session(request.body.code));
      const { user } = await users.findOrCreateByPlatform('WECHAT', session.openId, session.unionId);
      return tokens.issue(user);
    },
  );

  app.post(
    '/alipay',
    { config: loginLimit, schema: { tags, body: AlipayLoginBodySchema, response: { 200: TokensSchema, ...errorResponses(400, 401, 429, 503) } } },
    async (request) => {
      const alipay = app.resources.integrations.alipay;
      if (!alipay) throw new AppError('UPSTREAM_UNAVAILABLE', '支付宝登录未配置');
      const { userId } = await platformLogin(() => alipay.exchangeAuthCode(request.body.authCode));
      const { user } = await users.findOrCreateByPlatform('ALIPAY', userId);
      return tokens.issue(user);
    },
  );

  app.post(
    '/sms/send',
    { config: loginLimit, schema: { tags, body: SmsSendBodySchema, response: { 200: SmsSendReplySchema, ...errorResponses(400, 422, 429, 503) } } },
    async (request) => otp.send(requireMobile(request.body.phone)),
  );

  app.post(
    '/sms/verify',
    { config: loginLimit, schema: { tags, body: SmsVerifyBodySchema, response: { 200: TokensSchema, ...errorResponses(400, 401, 422, 429) } } },
    async (request) => {
      const phone = requireMobile(request.body.phone);
      await otp.verify(phone, request.body.code);
      const { user } = await users.findOrCreateByPhone(phone);
      return tokens.issue(user);
    },
  );

  app.post(
    '/refresh',
    { config: loginLimit, schema: { tags, body: RefreshBodySchema, response: { 200: TokensSchema, ...errorResponses(400, 401, 429) } } },
    async (request) => tokens.rotate(request.body.refreshToken),
  );

  app.post(
    '/logout',
    {
      preValidation: [
        app.authenticate,
        // A logout with no body at all means "every session": treat it as an empty object.
        async (request) => {
          if (request.body === undefined || request.body === null) (request as { body: unknown }).body = {};
        },
      ],
      schema: {
        tags,
        security: [{ bearerAuth: [] }],
        body: LogoutBodySchema,
        response: { 200: Type.Object({ ok: Type.Literal(true) }), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      await tokens.logout(request.auth!.userId, request.auth!.sessionId, request.body.refreshToken);
      return { ok: true as const };
    },
  );
};

export default auth;
