// 授权记录 (DESIGN.md §4, §5): what was done — or tried — on my behalf and what I did for others,
// from the audit log, and 这不是我授权的 on an act done for me: the grant to whoever acted is revoked
// at once and the act flagged for staff. Never on someone's behalf; an entry is its person's (for a
// dispute, the person it was done for), to anyone else the same 404 as a missing one.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ActivityDisputeBodySchema, ActivityDisputeSchema, ActivityIdParamsSchema, ActivityListQuerySchema, ActivityListSchema, errorResponses } from '@palm/shared/server';

const activity: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const tags = ['grants'];
  const security = [{ bearerAuth: [] }];

  app.get(
    '/',
    {
      schema: {
        tags,
        security,
        summary: '授权记录：他人代我办理（及被拒绝的尝试）、我代他人办理的，新的在前',
        querystring: ActivityListQuerySchema,
        response: { 200: ActivityListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { subjectId } = await app.policy.authorize(request, 'activity.read', { type: 'activity', ownerIds: [request.auth!.userId] });
      return app.activity.list(subjectId!, request.query);
    },
  );

  app.post(
    '/:id/dispute',
    {
      schema: {
        tags,
        security,
        summary: '这不是我授权的：立即撤销对代办人的授权，并交工作人员核查（重复提交结果相同；没有办成的不能提出）',
        params: ActivityIdParamsSchema,
        body: ActivityDisputeBodySchema,
        response: { 200: ActivityDisputeSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const entry = await app.policy.authorizeFound(request, 'activity.dispute', 'activity', id, await app.activity.find(id), (found) => ({ ownerIds: [found.subjectId] }));
      return app.activity.dispute(request, entry.id, request.auth!.userId);
    },
  );
};

export default activity;
