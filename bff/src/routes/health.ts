// Liveness (/healthz: the process answers) and readiness (/readyz: the database answers and, when
// configured, Redis). A load balancer drains an instance on 503 from /readyz.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ERROR_CODES } from '@palm/shared';
import { ErrorSchema } from '@palm/shared/server';

const CheckSchema = Type.Union([Type.Literal('ok'), Type.Literal('down'), Type.Literal('disabled')]);

async function check(run: () => Promise<unknown>, timeoutMs: number): Promise<'ok' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return 'ok';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      config: { rateLimit: false },
      schema: { tags: ['ops'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['ops'],
        response: {
          200: Type.Object({ status: Type.Literal('ready'), checks: Type.Object({ database: CheckSchema, redis: CheckSchema }) }),
          503: ErrorSchema,
        },
      },
    },
    async (_request, reply) => {
      const { db, redis } = app.resources;
      const [database, redisState] = await Promise.all([
        check(() => db.ping(), 1500),
        redis ? check(() => redis.ping(), 1000) : Promise.resolve('disabled' as const),
      ]);
      const checks = { database, redis: redisState };
      if (database !== 'ok' || redisState === 'down') {
        return reply.code(503).send({ error: { code: 'SERVICE_UNAVAILABLE', message: ERROR_CODES.SERVICE_UNAVAILABLE.message, details: checks } });
      }
      return { status: 'ready' as const, checks };
    },
  );
};

export default health;
