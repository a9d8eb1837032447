// The services' guides in the admin console (issue 17 item 5): a guide with its versions, and a
// new version of it (conditions, materials with their e-licence, time limits, fee, channels,
// search synonyms). Admins only; bookings keep the version they were made under. admin/README.md.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AdminServicePatchResultSchema, AdminServicePatchSchema, AdminServiceQuerySchema, AdminServiceSchema, errorResponses, IdParamsSchema } from '@palm/shared/server';

const services: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const tags = ['admin'];
  const security = [{ bearerAuth: [] }];
  const params = IdParamsSchema;

  app.get(
    '/:id',
    { schema: { tags, security, params, querystring: AdminServiceQuerySchema, summary: '办事指南（当前版本或 ?version= 的历史版本，及版本记录）', response: { 200: AdminServiceSchema, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => app.adminServices.get(request, request.params.id, request.query.version),
  );
  app.patch(
    '/:id',
    { schema: { tags, security, params, body: AdminServicePatchSchema, summary: '修改办事指南（保存为新版本；已有预约按预约时的版本办理）', response: { 200: AdminServicePatchResultSchema, ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request) => app.adminServices.patch(request, request.params.id, request.body),
  );
};

export default services;
