// 预约 (DESIGN.md §5, issue 5 step 2): book a slot for oneself or someone one may act for, see one's
// appointments, cancel, reschedule. Every by-id access goes through the policy; someone else's
// appointment is a 404.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AppointmentCancelBodySchema,
  AppointmentCreateBodySchema,
  AppointmentListSchema,
  AppointmentRescheduleBodySchema,
  AppointmentSchema,
  errorResponses,
  IdempotencyHeadersSchema,
  IdParamsSchema,
} from '@palm/shared/server';
import { BookingService, type AppointmentRow } from '../../../appointments/booking';
import { perPersonLimit } from '../../../plugins/external/rate-limit';

// Per person (OWASP API6 "reserve all time slots"): 20 bookings or moves a minute is far beyond
// honest use (3 active at most) and stops one account hammering a release.
const BOOKINGS_PER_MINUTE = 20;

const appointments: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const service = new BookingService(app);
  const tags = ['appointments'];
  const security = [{ bearerAuth: [] }];

  const authorizeOn = async (
    request: Parameters<typeof app.policy.authorize>[0],
    action: 'appointment.read' | 'appointment.cancel' | 'appointment.reschedule',
    id: string,
  ): Promise<AppointmentRow> => app.policy.authorizeOwned(request, action, 'appointment', await service.find(id), '没有找到该预约');

  app.post(
    '/',
    {
      config: perPersonLimit('appointment', BOOKINGS_PER_MINUTE),
      schema: {
        tags,
        security,
        summary: '预约（本人，或凭预约授权为他人预约：X-On-Behalf-Of）',
        headers: IdempotencyHeadersSchema,
        body: AppointmentCreateBodySchema,
        response: { 201: AppointmentSchema, 200: AppointmentSchema, ...errorResponses(400, 401, 403, 404, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const { subjectId } = await app.policy.authorize(request, 'appointment.book', { type: 'appointment', serviceId: request.body.serviceId });
      const { appointment, created } = await service.book({
        slotId: request.body.slotId,
        serviceId: request.body.serviceId,
        subjectId: subjectId!,
        actorId: request.auth!.userId,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.code(created ? 201 : 200).send(service.view(appointment));
    },
  );

  app.get('/', { schema: { tags, security, summary: '我的预约（本人的和我代约的）', response: { 200: AppointmentListSchema, ...errorResponses(400, 401, 403) } } }, async (request) => {
    const { subjectId } = await app.policy.authorize(request, 'appointment.read', { type: 'appointment', ownerIds: [request.auth!.userId] });
    const rows = await service.listFor(subjectId!);
    return { items: rows.map((row) => service.view(row)) };
  });

  app.get(
    '/:id',
    { schema: { tags, security, summary: '预约详情', params: IdParamsSchema, response: { 200: AppointmentSchema, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => service.view(await authorizeOn(request, 'appointment.read', request.params.id)),
  );

  app.post(
    '/:id/cancel',
    {
      schema: {
        tags,
        security,
        summary: '取消预约（开始前30分钟以前），释放名额',
        params: IdParamsSchema,
        body: AppointmentCancelBodySchema,
        response: { 200: AppointmentSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const row = await authorizeOn(request, 'appointment.cancel', request.params.id);
      // The body is optional: a POST without one (and without a content type) reaches here bodiless.
      const body = request.body as { reason?: string } | undefined;
      return service.view(await service.cancel(row, request.auth!.userId, body?.reason));
    },
  );

  app.post(
    '/:id/reschedule',
    {
      config: perPersonLimit('appointment-move', BOOKINGS_PER_MINUTE),
      schema: {
        tags,
        security,
        summary: '改约到同一事项的其他时段（新时段约上才释放原时段）',
        params: IdParamsSchema,
        body: AppointmentRescheduleBodySchema,
        response: { 200: AppointmentSchema, ...errorResponses(400, 401, 403, 404, 409, 422, 429) },
      },
    },
    async (request) => {
      const row = await authorizeOn(request, 'appointment.reschedule', request.params.id);
      return service.view(await service.reschedule(row, request.body.slotId, request.auth!.userId));
    },
  );
};

export default appointments;
