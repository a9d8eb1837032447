// 整改 (issue 16; DESIGN.md §5): the cases level 1–2 ratings opened, in the caller's scope (clerk:
// their hall; supervisor: their region), and the supervisor's callback, one extension and close.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  errorResponses,
  IdParamsSchema,
  RectificationCallbackBodySchema,
  RectificationCloseBodySchema,
  RectificationExtendBodySchema,
  RectificationListQuerySchema,
  RectificationListSchema,
  RectificationSchema,
} from '@palm/shared/server';

const rectifications: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const service = app.rectifications;
  const tags = ['rectifications'];
  const security = [{ bearerAuth: [] }];

  app.get(
    '/',
    { schema: { tags, security, summary: '整改案件（窗口：本大厅；督办：本辖区）', querystring: RectificationListQuerySchema, response: { 200: RectificationListSchema, ...errorResponses(400, 401, 403) } } },
    async (request) => {
      await app.policy.authorize(request, 'rectification.read');
      return service.list(await app.desk.scopeOf(request), request.query.status, request.query.cursor);
    },
  );
  app.post(
    '/:id/callback',
    { schema: { tags, security, summary: '记录回访（时间、回访人、结果）', params: IdParamsSchema, body: RectificationCallbackBodySchema, response: { 200: RectificationSchema, ...errorResponses(400, 401, 403, 404, 409, 422) } } },
    async (request) => {
      await service.authorizeOn(request, request.params.id);
      return service.callback(request, request.params.id, request.body ?? {});
    },
  );
  app.post(
    '/:id/extend',
    { schema: { tags, security, summary: '延期一次（默认5个工作日，最长共15个工作日）', params: IdParamsSchema, body: RectificationExtendBodySchema, response: { 200: RectificationSchema, ...errorResponses(400, 401, 403, 404, 409, 422) } } },
    async (request) => {
      await service.authorizeOn(request, request.params.id);
      return service.extend(request, request.params.id, request.body ?? {});
    },
  );
  app.post(
    '/:id/close',
    { schema: { tags, security, summary: '结束整改（须先记录回访）', params: IdParamsSchema, body: RectificationCloseBodySchema, response: { 200: RectificationSchema, ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request) => {
      await service.authorizeOn(request, request.params.id);
      return service.close(request, request.params.id, request.body?.note);
    },
  );
};

export default rectifications;
