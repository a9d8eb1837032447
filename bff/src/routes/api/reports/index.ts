// 办不成事 (issue 16; DESIGN.md §5): a report from the object it is about (the person's own, or
// acting for them under a REPORT grant), my reports, one report with its timeline and deadline, the
// loop's steps (who may do each: reports/policy.ts), a clerk's report for a walk-in citizen, and
// its photos: uploaded first, attached by id, read by whoever may view the report.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  PhotoBytesSchema,
  ReportPhotoParamsSchema,
  ReportPhotoSchema,
  errorResponses,
  IdParamsSchema,
  ReportAssignBodySchema,
  ReportCreateBodySchema,
  ReportListQuerySchema,
  ReportListSchema,
  ReportNoteBodySchema,
  ReportResolveBodySchema,
  ReportSchema,
  ReportTriageBodySchema,
  ReportWalkInBodySchema,
} from '@palm/shared/server';
import { perPersonLimit } from '../../../plugins/external/rate-limit';

const CREATES_PER_MINUTE = 10;
const PHOTOS_PER_MINUTE = 20;

const reports: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const service = app.reports;
  const tags = ['reports'];
  const security = [{ bearerAuth: [] }];

  app.post(
    '/',
    {
      config: perPersonLimit('report', CREATES_PER_MINUTE),
      schema: {
        tags,
        security,
        summary: '办不成事反映：关联排队号、预约、评价或大厅、事项（须是本人的，或持“反映”授权代办）',
        body: ReportCreateBodySchema,
        response: { 201: ReportSchema, ...errorResponses(400, 401, 403, 404, 422, 429) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request, request.body)),
  );

  // Photos (reports/photos.ts): multipart/form-data only here — the parser is registered in this
  // scope alone, so everywhere else a multipart body is still the catch-all's 415.
  await app.register(async (scoped) => {
    await scoped.register(multipart, {
      limits: { fileSize: app.config.REPORT_PHOTO_MAX_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 20 },
    });
    scoped.post(
      '/photos',
      {
        config: perPersonLimit('report-photo', PHOTOS_PER_MINUTE),
        schema: {
          tags,
          security,
          consumes: ['multipart/form-data'],
          summary: '上传一张反映照片（multipart/form-data，一个文件；JPG、PNG或WebP，每件反映最多3张），提交反映时在 photoIds 中附上',
          response: { 201: ReportPhotoSchema, ...errorResponses(400, 401, 403, 413, 415, 422, 429) },
        },
      },
      async (request, reply) => reply.code(201).send(await app.reportPhotos.upload(request)),
    );
  });

  app.delete(
    '/photos/:id',
    { schema: { tags, security, summary: '删除一张还没附到反映上的照片（上传人）', params: IdParamsSchema, response: { 200: IdParamsSchema, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => app.reportPhotos.discard(request, request.params.id),
  );

  app.get(
    '/:id/photos/:photoId',
    {
      schema: {
        tags,
        security,
        summary: '反映的一张照片（能查看该反映的人）',
        params: ReportPhotoParamsSchema,
        response: { 200: PhotoBytesSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.authorizeOn(request, 'report.view', request.params.id);
      const photo = await app.reportPhotos.read(request.params.id, request.params.photoId);
      return reply.type(photo.mime).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').header('content-disposition', 'inline').send(photo.bytes);
    },
  );

  app.post(
    '/walk-in',
    {
      schema: {
        tags,
        security,
        summary: '窗口代为登记办不成事（工作人员，本大厅；手机号可选）',
        body: ReportWalkInBodySchema,
        response: { 201: ReportSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await app.policy.authorize(request, 'report.walk-in', { type: 'report' });
      return reply.code(201).send(await service.walkIn(request, request.body));
    },
  );

  app.get(
    '/',
    {
      schema: { tags, security, summary: '我的反映（含进展和期限）', querystring: ReportListQuerySchema, response: { 200: ReportListSchema, ...errorResponses(400, 401, 403) } },
    },
    async (request) => {
      const { subjectId } = await app.policy.authorize(request, 'report.read', { type: 'report' });
      return service.list(subjectId!, request.query.cursor);
    },
  );

  app.get(
    '/:id',
    {
      schema: { tags, security, summary: '一件反映：进展时间线和办理期限', params: IdParamsSchema, response: { 200: ReportSchema, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const facts = await service.authorizeOn(request, 'report.view', request.params.id);
      const asReporter = facts.reporterId !== null && facts.reporterId === app.policy.subjectOf(request);
      return service.view(request.params.id, !asReporter);
    },
  );

  app.post(
    '/:id/triage',
    { schema: { tags, security, summary: '分类：定类别和办理期限（区域督办人员）', params: IdParamsSchema, body: ReportTriageBodySchema, response: { 200: ReportSchema, ...errorResponses(400, 401, 403, 404, 409, 422) } } },
    async (request) => {
      await service.authorizeOn(request, 'report.triage', request.params.id);
      return service.triage(request, request.params.id, request.body ?? {});
    },
  );
  app.post(
    '/:id/assign',
    { schema: { tags, security, summary: '转办：交给辖区内的大厅或该大厅的工作人员（区域督办人员）', params: IdParamsSchema, body: ReportAssignBodySchema, response: { 200: ReportSchema, ...errorResponses(400, 401, 403, 404, 409, 422) } } },
    async (request) => {
      await service.authorizeOn(request, 'report.assign', request.params.id);
      return service.assign(request, request.params.id, request.body ?? {});
    },
  );
  app.post(
    '/:id/resolve',
    { schema: { tags, security, summary: '办结（承办大厅的工作人员）', params: IdParamsSchema, body: ReportResolveBodySchema, response: { 200: ReportSchema, ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request) => {
      await service.authorizeOn(request, 'report.resolve', request.params.id);
      return service.resolve(request, request.params.id, request.body ?? {});
    },
  );
  app.post(
    '/:id/confirm',
    { schema: { tags, security, summary: '回访（区域督办人员）', params: IdParamsSchema, body: ReportNoteBodySchema, response: { 200: ReportSchema, ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request) => {
      await service.authorizeOn(request, 'report.confirm', request.params.id);
      return service.confirm(request, request.params.id, request.body ?? {});
    },
  );
  app.post(
    '/:id/reopen',
    { schema: { tags, security, summary: '重新打开（反映人，办结后15天内，仅一次）', params: IdParamsSchema, body: ReportNoteBodySchema, response: { 200: ReportSchema, ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request) => {
      await service.authorizeOn(request, 'report.reopen', request.params.id);
      return service.reopen(request, request.params.id, request.body ?? {});
    },
  );
  app.post(
    '/:id/close',
    { schema: { tags, security, summary: '结案（反映人对办结满意，或督办人员在回访后）', params: IdParamsSchema, body: ReportNoteBodySchema, response: { 200: ReportSchema, ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request) => {
      await service.authorizeOn(request, 'report.close', request.params.id);
      return service.close(request, request.params.id, request.body ?? {});
    },
  );
};

export default reports;
