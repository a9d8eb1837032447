// Security headers from `helmet`. Our headers do not depend on the request, so helmet runs once at
// start against a recording response and one hook copies the result onto every reply:
// @fastify/helmet re-ran helmet's option parsing on every request, which measured as the largest
// single cost of a bare BFF request. The API answers JSON, so the CSP is strict; the /docs UI sets
// its own (swagger-ui `staticCSP`), which overrides this one on its routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Outside production the BFF is reached over plain http — also from a phone on the same network
 * (HOST=0.0.0.0) — where `upgrade-insecure-requests` would send the H5 app's assets to an https
 * port that does not exist, leaving a blank page. Production sits behind TLS and keeps it.
 */
export function helmetOptions(isProduction: boolean): HelmetOptions {
  return {
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", 'https:', "'unsafe-inline'"],
        // blob:: the H5 app shows photos it holds in memory — one just chosen (Taro's chooseImage),
        // one fetched with the person's token (an <img> cannot send it) — and Taro's uploadFile reads
        // a chosen photo back from its blob: URL with an XHR before it posts it.
        imgSrc: ["'self'", 'data:', 'blob:', 'validator.swagger.io'],
        connectSrc: ["'self'", 'blob:'],
        upgradeInsecureRequests: isProduction ? [] : null,
      },
    },
  };
}

/** The headers helmet would set, computed once. */
export function staticSecurityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    failure = err;
  });
  if (failure) throw failure;
  return headers;
}

export default fp(
  async (app) => {
    const headers = staticSecurityHeaders(helmetOptions(app.config.isProduction));
    app.addHook('onRequest', async (_request, reply) => {
      reply.headers(headers);
    });
  },
  { name: 'helmet' },
);
