// 我的网格 — the roster (issue 14 item 4): a grid worker sees the residents of their own grid, masked,
// with each one's grant toward them, and asks a resident for consent. Residents of any other grid
// are never visible: by id, one of them is the same 404 as an id that names nobody (the policy's
// one denial, grid/policy.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, GridConsentRequestBodySchema, GridResidentListQuerySchema, GridResidentListSchema, GridResidentSchema, IdParamsSchema } from '@palm/shared/server';

const residents: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const roster = app.gridRoster;
  const tags = ['grid'];
  const security = [{ bearerAuth: [] }];

  app.get(
    '/',
    {
      schema: {
        tags,
        security,
        summary: '网格居民名单（网格员本人网格；姓名、身份证号脱敏，授权状态，有无手机）',
        querystring: GridResidentListQuerySchema,
        response: { 200: GridResidentListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      await app.policy.authorize(request, 'grid.roster', { type: 'resident' });
      return roster.list(request.auth!.userId, request.query);
    },
  );

  app.post(
    '/:id/consent-request',
    {
      schema: {
        tags,
        security,
        summary: '请求居民授权（网格员）：生成待居民在手机上确认的授权，默认90天；已有待确认的请求时返回该请求',
        params: IdParamsSchema,
        body: GridConsentRequestBodySchema,
        response: { 201: GridResidentSchema, 200: GridResidentSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      await app.policy.authorizeFound(request, 'grid.consentRequest', 'resident', id, await roster.residentFacts(id), (found) => ({
        homeRegionCode: found.homeRegionCode,
        personId: found.id,
      }));
      // The body is optional (the defaults: 预约, 排队取号, 申办事项 for 90 days as 网格员).
      const { resident, created } = await roster.requestConsent(request, { workerId: request.auth!.userId, residentId: id, ...(request.body ?? {}) });
      return reply.code(created ? 201 : 200).send(resident);
    },
  );
};

export default residents;
