// CORS for the H5 origin(s). Mini-programs do not use CORS (requests come from the platform's
// network layer), so only configured browser origins are allowed.
import fp from 'fastify-plugin';
import cors from '@fastify/cors';

export default fp(
  async (app) => {
    await app.register(cors, {
      origin: app.config.corsOrigins,
      methods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-On-Behalf-Of', 'X-Request-Id'],
      // x-server-time: the app reads the BFF's clock from it (plugins/app/server-time.ts).
      exposedHeaders: ['x-request-id', 'retry-after', 'x-server-time'],
      maxAge: 600,
      // A malformed preflight gets a plain 204 without CORS headers (the browser then refuses),
      // instead of a text/plain 400 outside the API's error shape.
      strictPreflight: false,
    });
  },
  { name: 'cors' },
);
