// 排队取号 (DESIGN.md §5): take a number for oneself or someone one may act for, see one's
// tickets with their place in line and wait estimate, cancel. Every by-id access goes through
// the policy; someone else's ticket — or one of another hall, for a clerk — is the same 404 as a
// missing one.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { personalObjectsOf } from '../../../policy';
import {
  errorResponses,
  IdempotencyHeadersSchema,
  IdParamsSchema,
  TicketCreateBodySchema,
  TicketListSchema,
  TicketSchema,
  TicketTransferBodySchema,
} from '@palm/shared/server';
import type { TicketRow } from '../../../queue/tickets';
import { perPersonLimit } from '../../../plugins/external/rate-limit';

const TAKES_PER_MINUTE = 30;

const tickets: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const { tickets: service, calling } = app;
  const tags = ['queue'];
  const security = [{ bearerAuth: [] }];

  // The policy decides on the ticket's owners alone (as cheap for a missing id); the full ticket
  // is loaded once it has allowed.
  const authorizeOn = async (request: Parameters<typeof app.policy.authorize>[0], action: 'ticket.read' | 'ticket.cancel' | 'ticket.rejoin', id: string): Promise<TicketRow> => {
    await app.policy.authorizeOwned(request, action, 'ticket', id, await service.owners(id));
    return service.load(id);
  };

  app.post(
    '/',
    {
      // Per person, after sign-in and validation (OWASP API6), instead of the per-address ceiling:
      // 30 takes a minute is far beyond honest use and stops one account from draining a hall's
      // remote capacity, while the many people behind one hall's Wi-Fi are not limited together.
      config: perPersonLimit('ticket', TAKES_PER_MINUTE),
      schema: {
        tags,
        security,
        summary: '取号',
        headers: IdempotencyHeadersSchema,
        body: TicketCreateBodySchema,
        response: { 201: TicketSchema, 200: TicketSchema, ...errorResponses(400, 401, 403, 404, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      // The service too: a grant may name the services it covers.
      const { subjectId, onBehalf } = await app.policy.authorize(request, 'ticket.take', { type: 'ticket', serviceId: request.body.serviceId });
      const { ticket, created, view } = await service.issue({
        officeId: request.body.officeId,
        serviceId: request.body.serviceId,
        subjectId,
        actorId: request.auth!.userId,
        channel: onBehalf ? 'PROXY' : 'ONLINE',
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.code(created ? 201 : 200).send(view ?? (await service.view(ticket)));
    },
  );

  app.get('/', { schema: { tags, security, summary: '我的排队号', response: { 200: TicketListSchema, ...errorResponses(401, 403) } } }, async (request) => {
    const auth = await app.policy.authorize(request, 'ticket.read', { type: 'ticket', ownerIds: [request.auth!.userId] });
    const rows = await service.listFor(personalObjectsOf(auth));
    return { items: await Promise.all(rows.map((row) => service.view(row))) };
  });

  app.get(
    '/:id',
    { schema: { tags, security, params: IdParamsSchema, response: { 200: TicketSchema, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => service.view(await authorizeOn(request, 'ticket.read', request.params.id)),
  );

  app.post(
    '/:id/cancel',
    { schema: { tags, security, summary: '取消排队号', params: IdParamsSchema, response: { 200: TicketSchema, ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request) => {
      const ticket = await authorizeOn(request, 'ticket.cancel', request.params.id);
      return service.view(await service.cancel(ticket, request.auth!.userId));
    },
  );

  app.post(
    '/:id/rejoin',
    { schema: { tags, security, summary: '过号后重新排队（一次）', params: IdParamsSchema, response: { 200: TicketSchema, ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request) => {
      const ticket = await authorizeOn(request, 'ticket.rejoin', request.params.id);
      return service.view(await calling.rejoin(ticket, request.auth!.userId));
    },
  );

  /** A ticket a clerk acts on: the clerk must work at its office (policy 'office.operate', audited). */
  const clerkOn = async (request: Parameters<typeof app.policy.authorize>[0], id: string): Promise<TicketRow> => {
    await app.policy.authorizeFound(request, 'office.operate', 'ticket', id, await service.owners(id), (ticket) => ({ officeId: ticket.officeId }));
    return service.load(id);
  };

  // The window's steps (clerk of the ticket's office; audited by the policy).
  for (const step of ['recall', 'skip', 'start', 'finish'] as const) {
    app.post(
      `/:id/${step}`,
      { schema: { tags: ['queue', 'clerk'], security, params: IdParamsSchema, response: { 200: TicketSchema, ...errorResponses(400, 401, 403, 404, 409) } } },
      async (request) => {
        const ticket = await clerkOn(request, request.params.id);
        return service.view(await calling[step](ticket, request.auth!.userId));
      },
    );
  }

  app.post(
    '/:id/transfer',
    {
      schema: {
        tags: ['queue', 'clerk'],
        security,
        summary: '转办到本大厅的其他业务或窗口（保留原排队位置）',
        params: IdParamsSchema,
        body: TicketTransferBodySchema,
        response: { 200: TicketSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const ticket = await clerkOn(request, request.params.id);
      return service.view(await calling.transfer(ticket, request.body, request.auth!.userId));
    },
  );
};

export default tickets;
