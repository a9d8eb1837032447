// A window in the admin console (issue 17): rename, categories served, clerk, retire. Admins any
// hall's; a hall manager their own hall's (another's answers as a missing window).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AdminCounterPatchSchema, AdminCounterSchema, errorResponses, IdParamsSchema } from '@palm/shared/server';

const counters: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  app.patch(
    '/:id',
    {
      schema: {
        tags: ['admin'],
        security: [{ bearerAuth: [] }],
        params: IdParamsSchema,
        body: AdminCounterPatchSchema,
        summary: '修改窗口（名称、办理类别、窗口人员、停用）',
        response: { 200: AdminCounterSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request) => app.adminCounters.patch(request, request.params.id, request.body),
  );
};

export default counters;
