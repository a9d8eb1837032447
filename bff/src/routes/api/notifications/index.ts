// Subscription messages (订阅消息): which templates the mini-app should ask the person to accept on
// a tap (wx.requestSubscribeMessage / my.requestSubscribeMessage), and what they tapped. Each
// accept allows one message of that template ("turn is near", "called", 预约提醒) to be sent;
// `scene` narrows the list to what one screen asks for (取号: ticket, 预约: appointment).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, NotificationTemplateListSchema, NotificationTemplatesQuerySchema, SubscriptionBodySchema, SubscriptionListSchema } from '@palm/shared/server';
import { templatesFor } from '../../../notify/inbox';

const notifications: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const tags = ['notifications'];
  const security = [{ bearerAuth: [] }];

  app.get(
    '/templates',
    {
      schema: {
        tags,
        security,
        summary: '可订阅的消息模板（未配置该平台时为空；scene 只列该场景的模板）',
        querystring: NotificationTemplatesQuerySchema,
        response: { 200: NotificationTemplateListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      await app.policy.authorize(request, 'notification.subscribe', { type: 'notification' });
      return { items: templatesFor(app.notify.templates, request.query.platform, request.query.scene) };
    },
  );

  app.post(
    '/subscriptions',
    {
      schema: {
        tags,
        security,
        summary: '记录用户在订阅提示中的选择（每次同意可发送一条）',
        body: SubscriptionBodySchema,
        response: { 200: SubscriptionListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { subjectId } = await app.policy.authorize(request, 'notification.subscribe', { type: 'notification' });
      return app.notify.inbox.subscribe(subjectId!, request.body);
    },
  );
};

export default notifications;
