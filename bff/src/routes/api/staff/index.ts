// The staff desk (issue 16 item 4; DESIGN.md §5): cases by deadline and figures per office, in the
// caller's scope (clerk: their hall; supervisor: their region; admin: all).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, StaffAssigneeListSchema, StaffAssigneesQuerySchema, StaffCaseListSchema, StaffCasesQuerySchema, StaffFiguresSchema } from '@palm/shared/server';

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
  // 转办 to a named clerk: the clerks a supervisor may pick (of the hall named, in their region).
  app.get(
    '/assignees',
    {
      schema: {
        tags,
        security,
        summary: '可转办的工作人员（区域督办人员：辖区各大厅；可按大厅）',
        querystring: StaffAssigneesQuerySchema,
        response: { 200: StaffAssigneeListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { officeId } = request.query;
      if (officeId) {
        const office = await app.prisma.office.findUnique({ where: { id: officeId }, select: { regionCode: true } });
        await app.policy.authorizeFound(request, 'desk.assignees', 'office', officeId, office, (o) => ({ officeId, officeRegionCode: o.regionCode }));
      } else await app.policy.authorize(request, 'desk.assignees');
      return app.desk.assignees(await app.desk.scopeOf(request), officeId);
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
