// What WS /api/live clients are sent (queue/live.ts decides when): the hall board, or a ticket's
// view for its holder. Rendered per office for all its watched topics at once.
import type { FastifyInstance } from 'fastify';
import { queueBoard } from './board';
import type { LiveRenderer, LiveTopic } from './live';

export const BOARD_TOPIC: LiveTopic = 'board';
export const ticketTopic = (ticketId: string): LiveTopic => `ticket:${ticketId}`;
const TICKET_PREFIX = 'ticket:';

export function liveRenderer(app: FastifyInstance): LiveRenderer {
  return async (officeId, topics) => {
    const messages = new Map<LiveTopic, string | null>();
    const ticketIds = topics.filter((topic) => topic.startsWith(TICKET_PREFIX)).map((topic) => topic.slice(TICKET_PREFIX.length));
    const [board, views] = await Promise.all([
      topics.includes(BOARD_TOPIC) ? queueBoard(app.prisma, officeId, app.resources.clock.businessDate()) : null,
      app.tickets.viewsOf(ticketIds),
    ]);
    if (board) messages.set(BOARD_TOPIC, JSON.stringify({ type: 'queue.board', data: board }));
    for (const view of views) messages.set(ticketTopic(view.id), JSON.stringify({ type: 'ticket.updated', data: view }));
    return messages;
  };
}
