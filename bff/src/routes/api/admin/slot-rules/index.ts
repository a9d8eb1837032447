// A hall's slot rules in the admin console (issue 17 item 4): list, create, change, and a preview
// of what a change would do to the slots before it is saved. Admins any hall; a hall manager their
// own (another hall's rule or hall answers as a missing id). The rules: admin/README.md.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminSlotRuleCreateSchema,
  AdminSlotRuleListSchema,
  AdminSlotRulePatchSchema,
  AdminSlotRulePreviewResultSchema,
  AdminSlotRulePreviewSchema,
  AdminSlotRuleQuerySchema,
  AdminSlotRuleResultSchema,
  errorResponses,
  IdParamsSchema,
} from '@palm/shared/server';

const slotRules: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const tags = ['admin'];
  const security = [{ bearerAuth: [] }];

  app.get('/', { schema: { tags, security, querystring: AdminSlotRuleQuerySchema, summary: '大厅的预约规则', response: { 200: AdminSlotRuleListSchema, ...errorResponses(400, 401, 404) } } }, async (request) =>
    app.adminSlotRules.list(request, request.query.officeId),
  );
  app.post(
    '/',
    { schema: { tags, security, body: AdminSlotRuleCreateSchema, summary: '新增预约规则（保存后立即生成号源）', response: { 201: AdminSlotRuleResultSchema, ...errorResponses(400, 401, 404, 409) } } },
    async (request, reply) => reply.code(201).send(await app.adminSlotRules.create(request, request.body)),
  );
  app.patch(
    '/:id',
    { schema: { tags, security, params: IdParamsSchema, body: AdminSlotRulePatchSchema, summary: '修改预约规则（已被预约的号源不变）', response: { 200: AdminSlotRuleResultSchema, ...errorResponses(400, 401, 404) } } },
    async (request) => app.adminSlotRules.patch(request, request.params.id, request.body),
  );
  app.post(
    '/preview',
    { schema: { tags, security, body: AdminSlotRulePreviewSchema, summary: '预览规则变更对号源的影响（不保存）', response: { 200: AdminSlotRulePreviewResultSchema, ...errorResponses(400, 401, 404, 409) } } },
    async (request) => app.adminSlotRules.preview(request, request.body),
  );
};

export default slotRules;
