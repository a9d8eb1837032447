// The staff desk (issue 16 item 4; DESIGN.md §5): cases by deadline and figures per office, in the
// caller's scope (clerk: their hall; supervisor: their region; admin: all).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, StaffCaseListSchema, StaffCasesQuerySchema, StaffFiguresSchema } from '@palm/shared/server';

const staff: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const tags = ['staff'];
  const security = [{ bearerAuth: [] }];

  app.get(
    '/cases',
    { schema: { tags, security, summary: '反映案件（按期限排序，标明超期、即将到期）', querystring: StaffCasesQuerySchema, response: { 200: StaffCaseListSchema, ...errorResponses(400, 401, 403) } } },
    async (request) => {
      await app.policy.authorize(request, 'desk.read');
      return app.desk.cases(await app.desk.scopeOf(request), request.query);
    },
  );
  app.get(
    '/figures',
    { schema: { tags, security, summary: '各大厅：案件状态、按期办结率、回访率、评价分布', response: { 200: StaffFiguresSchema, ...errorResponses(401, 403) } } },
    async (request) => {
      await app.policy.authorize(request, 'desk.read');
      return app.desk.figures(await app.desk.scopeOf(request));
    },
  );
};

export default staff;
