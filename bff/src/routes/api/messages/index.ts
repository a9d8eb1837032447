// In-app messages (消息): the person's own messages (turn is near, called, appointment reminders,
// 候补成功, booking suspended), newest first, and marking one read. Someone else's message is a 404
// (policy).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, IdParamsSchema, MessageListQuerySchema, MessageListSchema, MessageSchema } from '@palm/shared/server';
import { AppError } from '../../../lib/errors';

const messages: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const tags = ['notifications'];
  const security = [{ bearerAuth: [] }];

  app.get(
    '/',
    { schema: { tags, security, summary: '我的消息', querystring: MessageListQuerySchema, response: { 200: MessageListSchema, ...errorResponses(400, 401, 403) } } },
    async (request) => {
      const { subjectId } = await app.policy.authorize(request, 'message.read', { type: 'message', ownerIds: [request.auth!.userId] });
      return app.notify.inbox.messages(subjectId!, request.query.cursor);
    },
  );

  app.post(
    '/:id/read',
    { schema: { tags, security, summary: '标记消息已读', params: IdParamsSchema, response: { 200: MessageSchema, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      const message = await app.notify.inbox.find(request.params.id);
      if (!message) throw new AppError('NOT_FOUND', '没有找到该消息');
      await app.policy.authorize(request, 'message.update', { type: 'message', id: message.id, ownerIds: [message.userId] });
      return app.notify.inbox.markRead(message);
    },
  );
};

export default messages;
