// Bearer-token authentication. Routes that need a signed-in person add
// `preValidation: app.authenticate`; `request.auth` then holds who is calling. It runs after the
// rate limiter (an onRequest hook), so requests with bad tokens still count against the per-IP
// ceiling, and before body validation, so an anonymous caller learns nothing about the schema.
// A token is good only while its session is: `app.sessions` knows which have ended (logout, a
// reused refresh token, a blocked account), on every instance within a second.
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Role } from '@palm/db/client';
import { AppError } from '../../lib/errors';
import { Sessions } from '../../identity/sessions';
import type { AccessTokenClaims } from '../../identity/tokens';

export interface AuthContext {
  userId: string;
  roles: Role[];
  /** The session the token belongs to (its refresh-token family). */
  sessionId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export default fp(
  async (app) => {
    const sessions = new Sessions({
      redis: app.resources.redis,
      prisma: app.prisma,
      clock: app.resources.clock,
      accessTtlSeconds: app.config.ACCESS_TOKEN_TTL_SECONDS,
      cacheTtlMs: app.config.SESSION_CACHE_TTL_MS,
      onError: (err, context) => app.log.warn({ err }, context),
    });
    await sessions.start();
    app.decorate('sessions', sessions);
    app.addHook('onClose', async () => sessions.close());

    app.decorateRequest('auth', null);
    app.decorate('authenticate', async (request: FastifyRequest) => {
      const header = request.headers.authorization;
      if (!header || !/^Bearer\s+\S+$/i.test(header)) throw new AppError('UNAUTHENTICATED');
      let claims: AccessTokenClaims;
      try {
        claims = await request.jwtVerify<AccessTokenClaims>();
      } catch (err) {
        const code = (err as { code?: string }).code;
        throw new AppError(code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED' ? 'TOKEN_EXPIRED' : 'UNAUTHENTICATED');
      }
      if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) throw new AppError('UNAUTHENTICATED');
      // A token that names no session could never be ended: refused.
      if (typeof claims.sid !== 'string' || !UUID.test(claims.sid)) throw new AppError('UNAUTHENTICATED');
      if (await sessions.isRevoked(claims.sid)) throw new AppError('UNAUTHENTICATED', '登录状态已失效，请重新登录');
      request.auth = { userId: claims.sub, roles: claims.roles, sessionId: claims.sid };
    });
  },
  { name: 'auth', dependencies: ['jwt'] },
);
