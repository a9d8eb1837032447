// A global per-client ceiling (DESIGN.md §6), stored in Redis when configured so every instance
// counts together, in memory otherwise. Routes tighten it with `config.rateLimit` (login, OTP).
// When Redis is unreachable the limiter lets requests through (skipOnError): losing a counter is
// better than refusing citizens while PostgreSQL still works.
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import { AppError } from '../../lib/errors';

export default fp(
  async (app) => {
    const redis = app.resources.redis;
    await app.register(rateLimit, {
      global: true,
      max: app.config.RATE_LIMIT_PER_MINUTE,
      timeWindow: 60_000,
      ...(redis ? { redis, nameSpace: 'palm:rl:', skipOnError: true } : {}),
      // Per client IP (DESIGN.md §6). It runs before authentication, so bad tokens are counted too;
      // per-person limits (booking, taking tickets) are added on those routes.
      keyGenerator: (request) => request.ip,
      errorResponseBuilder: (_request, context) => {
        const err = new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: Math.ceil(context.ttl / 1000) });
        return err;
      },
    });
  },
  { name: 'rate-limit' },
);

/**
 * A route's own limit per signed-in person (OWASP API6), replacing the per-address ceiling there:
 * counted after sign-in and validation (`preHandler`), keyed by the user, so the many people behind
 * one hall's or village's Wi-Fi are not limited together. `prefix` keeps each route's count apart.
 */
export function perPersonLimit(prefix: string, perMinute: number) {
  return {
    rateLimit: {
      max: perMinute,
      timeWindow: 60_000,
      hook: 'preHandler' as const,
      keyGenerator: (request: { auth?: { userId: string } | null; ip: string }) => `${prefix}:${request.auth?.userId ?? request.ip}`,
    },
  };
}
