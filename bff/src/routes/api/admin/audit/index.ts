// The audit log of the admin console's changes (issue 17): admins all, a hall manager their hall's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AdminAuditListSchema, AdminAuditQuerySchema, errorResponses } from '@palm/shared/server';

const audit: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  app.get(
    '/',
    {
      schema: {
        tags: ['admin'],
        security: [{ bearerAuth: [] }],
        querystring: AdminAuditQuerySchema,
        summary: '变更记录（新的在前；大厅负责人：本大厅）',
        response: { 200: AdminAuditListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => app.adminAudit.list(request, request.query),
  );
};

export default audit;
