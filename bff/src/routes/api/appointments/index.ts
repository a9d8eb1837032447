// 预约 (DESIGN.md §5, issue 5 step 2): book a slot for oneself or someone one may act for, see one's
// appointments, cancel, reschedule. Every by-id access goes through the policy; someone else's
// appointment is the same 404 as a missing one.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { personalObjectsOf } from '../../../policy';
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
import type { AppointmentRow } from '../../../appointments/booking';
import { isSuspensionExempt, refuseWhileSuspended } from '../../../appointments/suspensions';
import { checkInRoutes } from './check-in';
import { perAddressLimit, perPersonLimit } from '../../../plugins/external/rate-limit';

// Per person (OWASP API6 "reserve all time slots"): 20 bookings or moves a minute is far beyond
// honest use (3 active at most) and stops one account hammering a release.
const BOOKINGS_PER_MINUTE = 20;

const appointments: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  // Per address as well, bookings and moves counted together: many accounts behind one address
  // must not book out a release either (config BOOKING_IP_PER_MINUTE).
  const perAddress = perAddressLimit(app, 'appointment-ip', app.config.BOOKING_IP_PER_MINUTE);
  const { booking: service, waitlist } = app;
  const tags = ['appointments'];
  const security = [{ bearerAuth: [] }];

  const authorizeOn = async (
    request: Parameters<typeof app.policy.authorize>[0],
    action: 'appointment.read' | 'appointment.cancel' | 'appointment.reschedule',
    id: string,
  ): Promise<AppointmentRow> => {
    // Decided on the owners alone (as cheap for a missing id); the full appointment once allowed.
    await app.policy.authorizeOwned(request, action, 'appointment', id, await service.owners(id));
    return service.load(id);
  };

  app.post(
    '/',
    {
      config: perPersonLimit('appointment', BOOKINGS_PER_MINUTE),
      onRequest: perAddress,
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
      // 免证办: the person's licences for guide materials — for someone else also under a
      // LICENCE_PRESENT grant — each checked before a place is won (a refusal books nothing).
      const choices = request.body.licenceMaterials ?? [];
      if (choices.length > 0) await app.policy.authorize(request, 'licence.cover', { type: 'licence', ownerIds: [subjectId!], personId: subjectId!, serviceId: request.body.serviceId });
      const covered = await service.coverMaterials({ serviceId: request.body.serviceId, subjectId: subjectId!, choices });
      const { appointment, created } = await service.book({
        slotId: request.body.slotId,
        serviceId: request.body.serviceId,
        subjectId: subjectId!,
        actorId: request.auth!.userId,
        idempotencyKey: request.headers['idempotency-key'],
        licenceMaterials: covered.materials,
        guideVersion: covered.guideVersion,
        // 3 no-shows in 30 days: no online booking for 7 days (decided in the booking statement).
        suspensionExempt: isSuspensionExempt(subjectId!, request.auth!),
        // When it arrived: under a release storm its turn may come well after. Rounded up: the
        // clock counts whole ms, so one that arrived on time is never judged a ms early.
        at: new Date(Math.ceil(app.resources.clock.now().getTime() - reply.elapsedTime)),
      });
      return reply.code(created ? 201 : 200).send(service.view(appointment));
    },
  );

  app.get('/', { schema: { tags, security, summary: '我的预约（本人的和我代约的）', response: { 200: AppointmentListSchema, ...errorResponses(400, 401, 403) } } }, async (request) => {
    const auth = await app.policy.authorize(request, 'appointment.read', { type: 'appointment', ownerIds: [request.auth!.userId] });
    const rows = await service.listFor(personalObjectsOf(auth));
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
      const cancelled = await service.cancel(row, request.auth!.userId, body?.reason);
      // A place held for the slot's waitlist goes to the first in line now, not at the next job run
      // (best effort: the cancel stands whatever happens; the job retries).
      await waitlist.promoteQuietly(row.slotId);
      return service.view(cancelled);
    },
  );

  app.post(
    '/:id/reschedule',
    {
      config: perPersonLimit('appointment-move', BOOKINGS_PER_MINUTE),
      onRequest: perAddress,
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
      await refuseWhileSuspended(app, row.subjectId, request.auth!);
      const moved = await service.reschedule(row, request.body.slotId, request.auth!.userId);
      // The old slot's place, when held for its waitlist, goes to the first in line (as after a cancel).
      await waitlist.promoteQuietly(row.slotId);
      return service.view(moved);
    },
  );

  // 签到: POST /:id/check-in, in this scope (signed in).
  await app.register(checkInRoutes);
};

export default appointments;
