// A global per-client ceiling (DESIGN.md §6), stored in Redis when configured so every instance
// counts together, in memory otherwise. Routes tighten it with `config.rateLimit` (login, OTP),
// replace it with a per-person limit (perPersonLimit) and may add a per-address one on top
// (perAddressLimit). When Redis is unreachable the limiters let requests through (skipOnError):
// losing a counter is better than refusing citizens while PostgreSQL still works.
import fp from 'fastify-plugin';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addDays, zonedDateTimeToInstant } from '@palm/shared';
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

/**
 * A second limit on a route, per client address, on top of its `config.rateLimit` (OWASP API6
 * "reserve all time slots": one address with many accounts must not book out a release). The
 * plugin allows one `config.rateLimit` per route, and its `app.rateLimit()` hook handlers share
 * one "already limited" flag per request, so a second such hook on a route that already has one
 * would never count. `createRateLimit` counts without that flag, in the plugin's store (Redis when
 * configured, with skipOnError; in memory otherwise).
 *
 * Returns an `onRequest` hook: it counts every request to the routes it is put on, before sign-in
 * and validation (a flood of bad tokens or malformed bodies from one address is counted too — the
 * per-person limit never sees those), keyed by `prefix` and the address (an IPv6 client by its
 * /64, which one household can rotate through). Create it once and put it on every route that
 * should share the count. Over the limit: 429 RATE_LIMITED with retry-after.
 */
export function perAddressLimit(app: FastifyInstance, prefix: string, perMinute: number): (request: FastifyRequest) => Promise<void> {
  const check = app.createRateLimit({ max: perMinute, timeWindow: 60_000, keyGenerator: (request) => `${prefix}:${normalizeIP(request.ip)}` });
  return async (request) => {
    const limit = await check(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: Math.max(1, limit.ttlInSeconds) });
  };
}

/** A business day's count outlives its day by an hour (the key names the day, so it restarts at midnight). */
const DAY_COUNT_WINDOW_MS = 25 * 60 * 60 * 1000;

/**
 * A count per key (a person, a person and a thing) and business day — Asia/Shanghai, the server's
 * clock, so it starts again at midnight — kept in the plugin's store (Redis when configured, so every
 * instance counts together, with skipOnError; in memory otherwise). Returns the counter: each call
 * counts one for `key` today and, once more than `max` were counted, throws `refuse` with the
 * seconds until midnight (the 429's retry-after). Create it once per limit.
 */
export function perDayLimit(app: FastifyInstance, prefix: string, max: number, refuse: (retryAfterSeconds: number) => AppError): (request: FastifyRequest, key: string) => Promise<void> {
  // The limiter derives its key from the request alone: the key each request counts under.
  const keys = new WeakMap<FastifyRequest, string>();
  const check = app.createRateLimit({ max, timeWindow: DAY_COUNT_WINDOW_MS, keyGenerator: (request) => keys.get(request) ?? `${prefix}:request:${request.id}` });
  return async (request, key) => {
    const { clock } = app.resources;
    const today = clock.businessDate();
    keys.set(request, `${prefix}:${key}:${today}`);
    const limit = await check(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    const midnight = zonedDateTimeToInstant(addDays(today, 1), '00:00');
    throw refuse(Math.max(1, Math.ceil((midnight.getTime() - clock.now().getTime()) / 1000)));
  };
}
