// WS /api/live?officeId=… (a hall board: public) or ?ticketId=… (its holder: token in the
// Authorization header or an access_token query parameter, since browsers cannot set headers on a
// WebSocket). The server only talks: a fresh view on connect, then after every change at the
// office, at most once a second (queue/live.ts, queue/live-views.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { UuidSchema } from '@palm/shared/server';
import { Type } from '@sinclair/typebox';
import type { WebSocket } from 'ws';
import { AppError } from '../../../lib/errors';
import { BOARD_TOPIC, ticketTopic } from '../../../queue/live-views';
import { TicketService } from '../../../queue/tickets';

const LiveQuerySchema = Type.Object(
  { officeId: Type.Optional(UuidSchema), ticketId: Type.Optional(UuidSchema), access_token: Type.Optional(Type.String({ maxLength: 2048 })) },
  { additionalProperties: false, minProperties: 1 },
);

const live: FastifyPluginAsyncTypebox = async (app) => {
  const tickets = new TicketService(app);

  app.get(
    '/',
    {
      websocket: true,
      schema: { tags: ['queue'], summary: '实时排队更新（WebSocket）', querystring: LiveQuerySchema },
      preValidation: async (request) => {
        if (!request.query.ticketId) return;
        // Browsers cannot send headers with a WebSocket: the token may come as a query parameter.
        if (!request.headers.authorization && request.query.access_token) request.headers.authorization = `Bearer ${request.query.access_token}`;
        await app.authenticate(request);
      },
      preHandler: async (request) => {
        const { ticketId, officeId } = request.query;
        if (ticketId) {
          await app.policy.authorizeOwned(request, 'ticket.read', 'ticket', ticketId, await tickets.owners(ticketId));
        } else if (officeId) {
          const office = await app.prisma.office.findUnique({ where: { id: officeId }, select: { id: true } });
          if (!office) throw new AppError('NOT_FOUND', '没有找到该办事大厅');
        }
      },
    },
    async (socket: WebSocket, request) => {
      const { ticketId, officeId: boardOfficeId } = request.query;
      // preHandler found the ticket (or office); its office is where its place can move.
      const officeId = ticketId ? (await tickets.owners(ticketId))?.officeId : boardOfficeId;
      if (!officeId) return socket.close(1011);
      const unsubscribe = app.live.subscribe({
        officeId,
        topic: ticketId ? ticketTopic(ticketId) : BOARD_TOPIC,
        send: (message) => {
          if (socket.readyState === socket.OPEN) socket.send(message);
        },
      });
      socket.on('close', unsubscribe);
      socket.on('error', unsubscribe);
    },
  );
};

export default live;
