// The admin console's halls (issue 17): hours, contact and services offered; dated closures and
// special hours; windows and queue settings. Admins any hall; a hall manager their own (a hall
// they may not touch answers as one that does not exist). The rules: admin/README.md.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminCounterCreateSchema,
  AdminCounterListSchema,
  AdminCounterSchema,
  AdminExceptionBodySchema,
  AdminExceptionParamsSchema,
  AdminExceptionPreviewSchema,
  AdminExceptionResultSchema,
  AdminExceptionSchema,
  AdminOfficePatchSchema,
  AdminOfficeSchema,
  AdminQueueSettingsBodySchema,
  AdminQueueSettingsSchema,
  errorResponses,
  IdParamsSchema,
} from '@palm/shared/server';

const offices: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const tags = ['admin'];
  const security = [{ bearerAuth: [] }];
  const params = IdParamsSchema;

  app.get('/:id', { schema: { tags, security, params, summary: '大厅设置（办公时间、特别安排、联系方式、办理事项）', response: { 200: AdminOfficeSchema, ...errorResponses(400, 401, 404) } } }, async (request) =>
    app.adminOffices.get(request, request.params.id),
  );
  app.patch(
    '/:id',
    { schema: { tags, security, params, body: AdminOfficePatchSchema, summary: '修改办公时间（管理员、本大厅负责人）、名称联系方式和办理事项（管理员）', response: { 200: AdminOfficeSchema, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => app.adminOffices.patch(request, request.params.id, request.body),
  );
  app.post(
    '/:id/exceptions',
    { schema: { tags, security, params, body: AdminExceptionBodySchema, summary: '添加闭厅日或特别办公时间（已有预约将取消并通知）', response: { 201: AdminExceptionResultSchema, ...errorResponses(400, 401, 404, 409) } } },
    async (request, reply) => reply.code(201).send(await app.adminOffices.addException(request, request.params.id, request.body)),
  );
  app.post(
    '/:id/exceptions/preview',
    { schema: { tags, security, params, body: AdminExceptionBodySchema, summary: '添加闭厅日或特别办公时间之前：将取消多少个预约（不保存）', response: { 200: AdminExceptionPreviewSchema, ...errorResponses(400, 401, 404, 409) } } },
    async (request) => app.adminOffices.previewException(request, request.params.id, request.body),
  );
  app.delete(
    '/:id/exceptions/:exceptionId',
    { schema: { tags, security, params: AdminExceptionParamsSchema, summary: '删除特别安排', response: { 200: AdminExceptionSchema, ...errorResponses(400, 401, 404) } } },
    async (request) => app.adminOffices.removeException(request, request.params.id, request.params.exceptionId),
  );
  app.get('/:id/counters', { schema: { tags, security, params, summary: '大厅的窗口（含已停用）', response: { 200: AdminCounterListSchema, ...errorResponses(400, 401, 404) } } }, async (request) =>
    app.adminCounters.list(request, request.params.id),
  );
  app.post(
    '/:id/counters',
    { schema: { tags, security, params, body: AdminCounterCreateSchema, summary: '新增窗口', response: { 201: AdminCounterSchema, ...errorResponses(400, 401, 404, 409) } } },
    async (request, reply) => reply.code(201).send(await app.adminCounters.create(request, request.params.id, request.body)),
  );
  app.get('/:id/queue-settings', { schema: { tags, security, params, summary: '排队设置', response: { 200: AdminQueueSettingsSchema, ...errorResponses(400, 401, 404) } } }, async (request) =>
    app.adminCounters.settings(request, request.params.id),
  );
  app.put(
    '/:id/queue-settings',
    { schema: { tags, security, params, body: AdminQueueSettingsBodySchema, summary: '修改排队设置（临近提醒、防饿死、每日远程取号量）', response: { 200: AdminQueueSettingsSchema, ...errorResponses(400, 401, 404) } } },
    async (request) => app.adminCounters.putSettings(request, request.params.id, request.body),
  );
};

export default offices;
