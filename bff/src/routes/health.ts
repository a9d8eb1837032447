// Liveness (/healthz: the process answers) and readiness (/readyz: the database answers and, when
// configured, Redis). A load balancer drains an instance on 503 from /readyz. The holiday calendar
// is checked too, but a gap in it is a warning for the operator, never a 503: every instance
// shares the database, so draining them would only turn a wrong holiday into an outage.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ERROR_CODES } from '@palm/shared';
import { ErrorSchema } from '@palm/shared/server';

const CheckSchema = Type.Union([Type.Literal('ok'), Type.Literal('down'), Type.Literal('disabled')]);
/** gap: some of the next 60 days lack their year's official notice (see `warnings`). */
const CalendarCheckSchema = Type.Union([Type.Literal('ok'), Type.Literal('gap'), Type.Literal('down')]);

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
          200: Type.Object({
            status: Type.Literal('ready'),
            checks: Type.Object({ database: CheckSchema, redis: CheckSchema, calendar: CalendarCheckSchema }),
            warnings: Type.Array(Type.String()),
          }),
          503: ErrorSchema,
        },
      },
    },
    async (_request, reply) => {
      const { db, redis } = app.resources;
      let warning: string | null = null;
      const [database, redisState, calendarState] = await Promise.all([
        check(() => db.ping(), 1500),
        redis ? check(() => redis.ping(), 1000) : Promise.resolve('disabled' as const),
        check(async () => {
          warning = (await app.catalogue.calendarCoverage()).warning;
        }, 1500),
      ]);
      const calendar = calendarState === 'down' ? calendarState : warning ? ('gap' as const) : ('ok' as const);
      const checks = { database, redis: redisState, calendar };
      const warnings = warning ? [warning] : [];
      if (database !== 'ok' || redisState === 'down') {
        return reply.code(503).send({ error: { code: 'SERVICE_UNAVAILABLE', message: ERROR_CODES.SERVICE_UNAVAILABLE.message, details: { ...checks, warnings } } });
      }
      return { status: 'ready' as const, checks, warnings };
    },
  );
};

export default health;
