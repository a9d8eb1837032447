// `Cache-Control: no-store` (OWASP API8, DESIGN.md §6) on everything a browser, a proxy or the
// mini-app platform's cache must not keep: tokens, personal data, errors. The rule is kept simple so
// a new route is covered without thinking about it: every /api response is no-store unless it is a
// read of the public catalogue or a hall board, asked without credentials; every error anywhere is.
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';

/**
 * GET routes that answer the same to anyone: the catalogue, halls, slots and boards. A route is
 * listed here on purpose; an unlisted one is private by default. With a token or X-On-Behalf-Of
 * they are private too (a signed-in preview finds the person's own number).
 */
export const PUBLIC_READS: ReadonlySet<string> = new Set([
  '/api/auth/methods',
  '/api/services',
  '/api/services/:id',
  '/api/offices',
  '/api/offices/:id',
  '/api/offices/:id/slots',
  '/api/offices/:id/queue',
  '/api/offices/:id/queue/preview',
  '/api/licence-purposes',
]);

const isApi = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

function mayBeStored(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (request.headers.authorization !== undefined || request.headers['x-on-behalf-of'] !== undefined) return false;
  // Autoload serves a folder's root with and without the trailing slash.
  const route = request.routeOptions.url?.replace(/(.)\/$/, '$1');
  return route !== undefined && PUBLIC_READS.has(route);
}

export default fp(
  async (app) => {
    app.addHook('onSend', (request, reply, payload, done) => {
      // A route's own stricter value that already says no-store (`private, no-store`) stands.
      const own = String(reply.getHeader('cache-control') ?? '');
      if ((reply.statusCode >= 400 || (isApi(request.url) && !mayBeStored(request))) && !/(^|,)\s*no-store\s*(,|$)/.test(own)) reply.header('cache-control', 'no-store');
      done(null, payload);
    });
  },
  { name: 'no-store' },
);
