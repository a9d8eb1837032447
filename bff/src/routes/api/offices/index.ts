// Halls near the caller (就近办, DESIGN.md §5): distance, open now and today's hours, optionally
// only those offering one service; and one hall with its windows, services and live summary.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  errorResponses,
  IdParamsSchema,
  LocationQuerySchema,
  OfficeDetailSchema,
  OfficeListQuerySchema,
  OfficeListSchema,
  QueueAccuracyQuerySchema,
  QueueAccuracySchema,
  QueueBoardSchema,
  QueuePreviewQuerySchema,
  QueuePreviewSchema,
  SlotDaySchema,
  SlotListQuerySchema,
} from '@palm/shared/server';
import { isIsoDate } from '@palm/shared';
import { AppError } from '../../../lib/errors';
import { locationOf } from '../../../catalogue/context';
import { officeCheckInRoutes } from './check-in';

const offices: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['catalogue'];

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: '附近的办事大厅',
        querystring: OfficeListQuerySchema,
        response: { 200: OfficeListSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { serviceId, level } = request.query;
      await app.policy.authorize(request, 'catalogue.read', serviceId ? { type: 'service', id: serviceId } : { type: 'office' });
      // A mistyped service id is an error to show, not an empty map that says "nowhere offers it".
      if (serviceId && !(await app.catalogue.serviceExists(serviceId))) throw new AppError('NOT_FOUND', '没有找到该事项');
      // Every hall of the county fits one response (a few dozen); a city-wide catalogue would page.
      return { items: await app.catalogue.offices(request, { from: locationOf(request.query), serviceId, level }) };
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: '办事大厅详情',
        params: IdParamsSchema,
        querystring: LocationQuerySchema,
        response: { 200: OfficeDetailSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      await app.policy.authorize(request, 'catalogue.read', { type: 'office', id });
      const office = await app.catalogue.office(request, id, locationOf(request.query));
      if (!office) throw new AppError('NOT_FOUND', '没有找到该办事大厅');
      return office;
    },
  );

  app.get(
    '/:id/slots',
    {
      schema: {
        tags: ['appointments'],
        summary: '某大厅某项业务某天的预约时段：时间（北京时间）、剩余名额、是否已放号（无需登录）',
        params: IdParamsSchema,
        querystring: SlotListQuerySchema,
        response: { 200: SlotDaySchema, ...errorResponses(400, 404, 422) },
      },
    },
    async (request) => {
      const { id } = request.params;
      await app.policy.authorize(request, 'catalogue.read', { type: 'office', id });
      const date = request.query.date ?? app.resources.clock.businessDate();
      // The schema keeps the year to 2000–2099 (BusinessDateSchema: 0000-01-01 would be a database
      // error); ajv's `date` format is checked here again: the meaning of the parameter is a calendar day.
      if (!isIsoDate(date)) throw new AppError('VALIDATION_FAILED', undefined, [{ field: 'querystring.date', rule: 'format' }]);
      return app.slots.day({ officeId: id, serviceId: request.query.serviceId, date }, (err) => request.log.warn({ err }, 'slot rule malformed; no appointments shown'));
    },
  );

  app.get(
    '/:id/queue',
    {
      schema: {
        tags: ['queue'],
        summary: '大厅叫号屏：各窗口正在叫的号、各类业务等候人数（无需登录）',
        params: IdParamsSchema,
        response: { 200: QueueBoardSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      await app.policy.authorize(request, 'catalogue.read', { type: 'office', id });
      const board = await app.queue.board(id);
      if (!board) throw new AppError('NOT_FOUND', '没有找到该办事大厅');
      return board;
    },
  );

  app.get(
    '/:id/queue/preview',
    {
      schema: {
        tags: ['queue'],
        summary: '取号前预览：前面还有几人、预计等候，或现在不能取号的原因（无需登录；登录后按本人的优先通道计算；带 X-On-Behalf-Of 时需登录并持有排队取号授权，按被代办人计算）',
        params: IdParamsSchema,
        querystring: QueuePreviewQuerySchema,
        response: { 200: QueuePreviewSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      await app.policy.authorize(request, 'catalogue.read', { type: 'office', id });
      // Sign-in is optional: a valid token puts the preview in the caller's own lane (60+ →
      // priority) and finds a number they already hold; a missing or stale one previews as anyone.
      if (request.headers.authorization) await app.authenticate(request).catch(() => undefined);
      // Acting for someone (X-On-Behalf-Of): the preview is theirs — their lane, their number —
      // through the policy with the QUEUE scope for this service, as taking the number would be.
      // Without a grant in force it is refused (not quietly the helper's own); without sign-in, a 401.
      const onBehalfOf = request.headers['x-on-behalf-of'];
      const { subjectId, onBehalf } =
        onBehalfOf !== undefined && onBehalfOf !== ''
          ? await app.policy.authorize(request, 'queue.preview', { type: 'ticket', serviceId: request.query.serviceId })
          : { subjectId: request.auth?.userId ?? null, onBehalf: false };
      return app.queue.preview({ officeId: id, serviceId: request.query.serviceId, subjectId, onBehalf });
    },
  );

  app.get(
    '/:id/queue/accuracy',
    {
      preValidation: app.authenticate,
      schema: {
        tags: ['queue', 'supervisor'],
        security: [{ bearerAuth: [] }],
        summary: '等候时间预估准确度（主管）',
        params: IdParamsSchema,
        querystring: QueueAccuracyQuerySchema,
        response: { 200: QueueAccuracySchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const office = await app.catalogue.hall(request.params.id);
      if (!office) throw new AppError('NOT_FOUND', '没有找到该办事大厅');
      await app.policy.authorize(request, 'office.supervise', { type: 'office', id: office.id, officeId: office.id, officeRegionCode: office.regionCode });
      const date = request.query.date ?? app.resources.clock.businessDate();
      return app.queue.accuracy({ id: office.id, name: office.name }, date);
    },
  );

  // 签到 at the hall (step 5): its check-in code, the day's appointments, a clerk's check-in.
  await app.register(officeCheckInRoutes);
};

export default offices;
