// Staff in the admin console (issue 17): the list, inviting by phone, revoking. Admins everyone;
// a hall manager the clerks of their own hall.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AdminStaffInviteSchema, AdminStaffListQuerySchema, AdminStaffListSchema, AdminStaffResultSchema, AdminStaffRevokeSchema, errorResponses, IdParamsSchema } from '@palm/shared/server';

const staff: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const tags = ['admin'];
  const security = [{ bearerAuth: [] }];

  app.get('/', { schema: { tags, security, querystring: AdminStaffListQuerySchema, summary: '工作人员（大厅负责人：本大厅）', response: { 200: AdminStaffListSchema, ...errorResponses(400, 401, 403) } } }, async (request) =>
    app.adminStaff.list(request, request.query),
  );
  app.post(
    '/',
    { schema: { tags, security, body: AdminStaffInviteSchema, summary: '按手机号添加工作人员', response: { 201: AdminStaffResultSchema, ...errorResponses(400, 401, 403, 404, 409, 422) } } },
    async (request, reply) => reply.code(201).send(await app.adminStaff.invite(request, request.body)),
  );
  app.post(
    '/:id/revoke',
    { schema: { tags, security, params: IdParamsSchema, body: AdminStaffRevokeSchema, summary: '撤销工作人员身份（结束其登录）', response: { 200: AdminStaffResultSchema, ...errorResponses(400, 401, 404, 409) } } },
    async (request) => app.adminStaff.revoke(request, request.params.id, request.body?.role),
  );
};

export default staff;
