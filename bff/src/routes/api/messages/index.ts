// In-app messages (消息): the person's own messages (turn is near, called, appointment reminders,
// 候补成功, booking suspended), newest first, and marking one read. Someone else's message is the
// same 404 as a missing one (policy).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, IdParamsSchema, MessageListQuerySchema, MessageListSchema, MessageSchema } from '@palm/shared/server';

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
      const { id } = request.params;
      const message = await app.policy.authorizeFound(request, 'message.update', 'message', id, await app.notify.inbox.find(id), (found) => ({ ownerIds: [found.userId] }));
      return app.notify.inbox.markRead(message);
    },
  );
};

export default messages;
