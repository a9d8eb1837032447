// Bearer-token authentication. Routes that need a signed-in person add
// `preValidation: app.authenticate`; `request.auth` then holds who is calling. It runs after the
// rate limiter (an onRequest hook), so requests with bad tokens still count against the per-IP
// ceiling, and before body validation, so an anonymous caller learns nothing about the schema.
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../generated/prisma/client';
import { AppError } from '../../lib/errors';

export interface AuthContext {
  userId: string;
  roles: Role[];
}

export interface AccessTokenClaims {
  sub: string;
  roles: Role[];
}

export default fp(
  async (app) => {
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
      request.auth = { userId: claims.sub, roles: claims.roles };
    });
  },
  { name: 'auth', dependencies: ['jwt'] },
);
