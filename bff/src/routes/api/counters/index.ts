// A window (窗口) as its clerk works it (DESIGN.md §5): call the next number, open, pause, close.
// Only a clerk of the counter's office; every action is in the audit log (policy). The panel's
// reads (the office's windows, one window with its queue) are also open to the supervisors of the
// office's region and to admins, who watch but do not work a window (README: "Who may do what at
// a window"). A window or hall one may not act on is the same 404 as a missing one.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CounterDetailSchema,
  CounterListQuerySchema,
  CounterListSchema,
  errorResponses,
  IdempotencyHeadersSchema,
  IdParamsSchema,
  TicketSchema,
  WalkInBodySchema,
} from '@palm/shared/server';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../../lib/errors';

const CallNextReplySchema = Type.Object({ called: Type.Union([TicketSchema, Type.Null()]) });
const CounterReplySchema = Type.Object({ id: Type.String(), number: Type.Integer(), name: Type.String(), state: Type.String() });

const counters: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const { tickets, calling, counterPanel: panel } = app;
  const tags = ['queue', 'clerk'];
  const security = [{ bearerAuth: [] }];

  const authorizeCounter = async (request: Parameters<typeof app.policy.authorize>[0], id: string) =>
    app.policy.authorizeFound(request, 'office.operate', 'counter', id, await calling.findCounter(id), (counter) => ({ officeId: counter.officeId }));

  // The windows of one office (default: the one the clerk is posted to), each with its number now
  // and whether it is the caller's own (isMine), which the panel opens straight away.
  app.get(
    '/',
    {
      schema: {
        tags,
        security,
        summary: '本大厅的窗口及各窗口当前号码（窗口人员、主管）',
        querystring: CounterListQuerySchema,
        response: { 200: CounterListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const posted = request.query.officeId ? null : await app.users.posting(request.auth!.userId);
      const officeId = request.query.officeId ?? posted?.officeId ?? undefined;
      const scope = officeId ? await panel.officeScope(officeId) : null;
      // An unknown or missing office is refused like any other office the caller may not see.
      await app.policy.authorize(request, 'counter.read', { type: 'office', id: officeId, officeId: scope?.officeId, officeRegionCode: scope?.regionCode });
      if (!scope) throw officeId ? app.policy.notFound('office') : new AppError('VALIDATION_FAILED', '请选择办事大厅');
      return { items: await panel.list(scope.officeId, app.resources.clock.businessDate(), request.auth!.userId) };
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        security,
        summary: '窗口工作台：窗口状态、当前号码、本窗口各类业务的等候队列',
        params: IdParamsSchema,
        response: { 200: CounterDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const facts = (scope: { officeId: string; regionCode: string }) => ({ officeId: scope.officeId, officeRegionCode: scope.regionCode });
      const scope = await app.policy.authorizeFound(request, 'counter.read', 'counter', id, await panel.counterScope(id), facts);
      const resource = { type: 'counter', id, ...facts(scope) };
      const { clock } = app.resources;
      const detail = await panel.detail(id, clock.businessDate(), clock.now(), request.auth!.userId);
      if (!detail) throw app.policy.notFound('counter');
      return { ...detail, canOperate: await app.policy.can(request, 'office.operate', resource) };
    },
  );

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
        headers: IdempotencyHeadersSchema,
        body: WalkInBodySchema,
        response: { 201: TicketSchema, 200: TicketSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      await authorizeCounter(request, request.params.id);
      // A double tap or a retried request at the window prints one number, not two.
      const { ticket, created } = await calling.walkIn(request.params.id, request.body.serviceId, request.auth!.userId, request.headers['idempotency-key']);
      return reply.code(created ? 201 : 200).send(await tickets.view(ticket));
    },
  );

  for (const [step, state] of [['open', 'OPEN'], ['pause', 'PAUSED'], ['close', 'CLOSED']] as const) {
    app.post(
      `/:id/${step}`,
      { schema: { tags, security, params: IdParamsSchema, response: { 200: CounterReplySchema, ...errorResponses(400, 401, 403, 404, 409) } } },
      async (request) => {
        await authorizeCounter(request, request.params.id);
        const counter = await calling.setCounterState(request.params.id, state, request.auth!.userId);
        return { id: counter.id, number: counter.number, name: counter.name, state: counter.state };
      },
    );
  }
};

export default counters;
