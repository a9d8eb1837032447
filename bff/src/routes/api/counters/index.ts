// A window (窗口) as its clerk works it (DESIGN.md §5): call the next number, open, pause, close.
// Only a clerk of the counter's office (or an admin); every action is in the audit log (policy).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, IdParamsSchema, TicketSchema, WalkInBodySchema } from '@palm/shared/server';
import { Type } from '@sinclair/typebox';
import { CallingService } from '../../../queue/calling';
import { TicketService } from '../../../queue/tickets';

const CallNextReplySchema = Type.Object({ called: Type.Union([TicketSchema, Type.Null()]) });
const CounterReplySchema = Type.Object({ id: Type.String(), number: Type.Integer(), name: Type.String(), state: Type.String() });

const counters: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const tickets = new TicketService(app);
  const calling = new CallingService(app, tickets);
  const tags = ['queue', 'clerk'];
  const security = [{ bearerAuth: [] }];

  const authorizeCounter = async (request: Parameters<typeof app.policy.authorize>[0], id: string) => {
    const counter = await calling.counter(id);
    await app.policy.authorize(request, 'office.operate', { type: 'counter', id, officeId: counter.officeId });
    return counter;
  };

  app.post(
    '/:id/call-next',
    { schema: { tags, security, summary: '叫下一位', params: IdParamsSchema, response: { 200: CallNextReplySchema, ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request) => {
      await authorizeCounter(request, request.params.id);
      const called = await calling.callNext(request.params.id, request.auth!.userId);
      return { called: called ? await tickets.view(called) : null };
    },
  );

  app.post(
    '/:id/walk-in',
    {
      schema: {
        tags,
        security,
        summary: '为现场无手机群众取号（不受线上名额限制）',
        params: IdParamsSchema,
        body: WalkInBodySchema,
        response: { 201: TicketSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await authorizeCounter(request, request.params.id);
      const ticket = await calling.walkIn(request.params.id, request.body.serviceId, request.auth!.userId);
      return reply.code(201).send(await tickets.view(ticket));
    },
  );

  for (const [step, state] of [['open', 'OPEN'], ['pause', 'PAUSED'], ['close', 'CLOSED']] as const) {
    app.post(
      `/:id/${step}`,
      { schema: { tags, security, params: IdParamsSchema, response: { 200: CounterReplySchema, ...errorResponses(400, 401, 403, 404) } } },
      async (request) => {
        await authorizeCounter(request, request.params.id);
        const counter = await calling.setCounterState(request.params.id, state, request.auth!.userId);
        return { id: counter.id, number: counter.number, name: counter.name, state: counter.state };
      },
    );
  }
};

export default counters;
