// 上门帮办 (issue 14 item 4): a grid worker's door-to-door tasks for residents of their grid —
// plan one (resident, service, date), record visits, finish, cancel — each with the numbers and
// bookings made for the resident under their grant while it was open. Only the worker's own
// tasks, of residents still in their grid: any other id is the same 404 as one that names nothing.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import {
  errorResponses,
  GridTaskCancelBodySchema,
  GridTaskCreateBodySchema,
  GridTaskDoneBodySchema,
  GridTaskListQuerySchema,
  GridTaskListSchema,
  GridServiceListSchema,
  GridTaskSchema,
  GridTaskVisitBodySchema,
  IdempotencyHeadersSchema,
  IdParamsSchema,
} from '@palm/shared/server';

const tasks: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const { gridTasks: service, gridRoster: roster } = app;
  const tags = ['grid'];
  const security = [{ bearerAuth: [] }];

  /** A task by id, through the policy: the worker's own, of a resident still in their grid. */
  const authorizeOn = async (request: FastifyRequest, action: 'gridTask.visit' | 'gridTask.finish' | 'gridTask.cancel', id: string) => {
    await app.policy.authorizeFound(request, action, 'gridTask', id, await service.facts(id), (found) => ({
      ownerIds: [found.workerId],
      personId: found.residentId,
      homeRegionCode: found.homeRegionCode,
    }));
  };
  /** Action bodies are optional: a POST without one reaches here bodiless. */
  const textOf = (body: unknown, field: 'note' | 'reason'): string | undefined => (body as Record<string, string | undefined> | undefined)?.[field];

  app.get(
    '/',
    {
      schema: {
        tags,
        security,
        summary: '我的上门帮办任务（网格员；默认未完成的，按计划日期）',
        querystring: GridTaskListQuerySchema,
        response: { 200: GridTaskListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      await app.policy.authorize(request, 'gridTask.read', { type: 'gridTask' });
      return service.list(request.auth!.userId, request.query);
    },
  );

  app.get(
    '/services',
    {
      schema: { tags, security, summary: '可以安排上门帮办的事项（可代办的事项，常办的在前）', response: { 200: GridServiceListSchema, ...errorResponses(401, 403) } },
    },
    async (request) => {
      await app.policy.authorize(request, 'gridTask.read', { type: 'gridTask' });
      return { items: await service.services() };
    },
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        security,
        summary: '安排上门帮办（网格员）：居民须已授权或已请求授权；同一居民同一事项只能有一个未完成任务',
        headers: IdempotencyHeadersSchema,
        body: GridTaskCreateBodySchema,
        response: { 201: GridTaskSchema, 200: GridTaskSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { residentId } = request.body;
      await app.policy.authorizeFound(request, 'gridTask.create', 'resident', residentId, await roster.residentFacts(residentId), (found) => ({
        homeRegionCode: found.homeRegionCode,
        personId: found.id,
      }));
      const { task, created } = await service.create({ ...request.body, workerId: request.auth!.userId, idempotencyKey: request.headers['idempotency-key'] });
      return reply.code(created ? 201 : 200).send(task);
    },
  );

  /**
   * A task's steps, one conditional update each (grid/tasks/service.ts): the path, its policy
   * action, its optional body's one text field, and the service's step.
   */
  const steps = [
    { path: 'visit', action: 'gridTask.visit', summary: '记录走访（可多次）：待上门或已走访的任务，附走访情况', body: GridTaskVisitBodySchema, text: 'note', run: (id: string, text?: string) => service.visit(id, text) },
    { path: 'done', action: 'gridTask.finish', summary: '办结任务：已走访的任务', body: GridTaskDoneBodySchema, text: 'note', run: (id: string, text?: string) => service.finish(id, text) },
    { path: 'cancel', action: 'gridTask.cancel', summary: '取消任务：未办结的任务', body: GridTaskCancelBodySchema, text: 'reason', run: (id: string, text?: string) => service.cancel(id, text) },
  ] as const;
  for (const step of steps) {
    app.post(
      `/:id/${step.path}`,
      {
        schema: { tags, security, summary: step.summary, params: IdParamsSchema, body: step.body, response: { 200: GridTaskSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      },
      async (request) => {
        await authorizeOn(request, step.action, request.params.id);
        return step.run(request.params.id, textOf(request.body, step.text));
      },
    );
  }
};

export default tasks;
