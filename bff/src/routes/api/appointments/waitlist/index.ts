// 候补 (issue 5 step 3): join a full slot's waitlist (for oneself, or for someone one may book for),
// one's entries, leave the line. Its own folder under appointments/, so autoload serves it at
// /api/appointments/waitlist: a static path, which the router prefers to /api/appointments/:id.
// Every by-id access goes through the policy; someone else's entry is the same 404 as a missing one.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { personalObjectsOf } from '../../../../policy';
import {
  errorResponses,
  IdempotencyHeadersSchema,
  IdParamsSchema,
  WaitlistCancelBodySchema,
  WaitlistEntryListSchema,
  WaitlistEntrySchema,
  WaitlistJoinBodySchema,
} from '@palm/shared/server';
import { refuseWhileSuspended } from '../../../../appointments/suspensions';
import { perAddressLimit, perPersonLimit } from '../../../../plugins/external/rate-limit';

// As booking (OWASP API6): far beyond honest use (3 entries at most), and one account cannot
// hammer a release's full slots.
const JOINS_PER_MINUTE = 20;

const waitlist: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const service = app.waitlist;
  // Per address too, counted with bookings and moves (the same key): many accounts behind one
  // address must not fill a release's waitlists either.
  const perAddress = perAddressLimit(app, 'appointment-ip', app.config.BOOKING_IP_PER_MINUTE);
  const tags = ['appointments'];
  const security = [{ bearerAuth: [] }];

  app.post(
    '/',
    {
      config: perPersonLimit('waitlist', JOINS_PER_MINUTE),
      onRequest: perAddress,
      schema: {
        tags,
        security,
        summary: '候补已约满的时段（本人，或凭预约授权为他人候补：X-On-Behalf-Of）',
        headers: IdempotencyHeadersSchema,
        body: WaitlistJoinBodySchema,
        response: { 201: WaitlistEntrySchema, 200: WaitlistEntrySchema, ...errorResponses(400, 401, 403, 404, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const { subjectId } = await app.policy.authorize(request, 'waitlist.join', { type: 'waitlist', serviceId: request.body.serviceId });
      // Waiting is booking later: suspended online booking (no-shows) refuses it too, a grid worker's excepted.
      await refuseWhileSuspended(app, subjectId!, request.auth!);
      const { entry, created } = await service.join({
        slotId: request.body.slotId,
        serviceId: request.body.serviceId,
        subjectId: subjectId!,
        actorId: request.auth!.userId,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.code(created ? 201 : 200).send(await service.view(entry));
    },
  );

  app.get('/', { schema: { tags, security, summary: '我的候补（本人的和我代为候补的）', response: { 200: WaitlistEntryListSchema, ...errorResponses(400, 401, 403) } } }, async (request) => {
    const auth = await app.policy.authorize(request, 'waitlist.read', { type: 'waitlist', ownerIds: [request.auth!.userId] });
    return { items: await service.views(await service.listFor(personalObjectsOf(auth))) };
  });

  app.post(
    '/:id/cancel',
    {
      schema: {
        tags,
        security,
        summary: '取消候补（留给时段的名额交给下一位候补，无人候补则放出）',
        params: IdParamsSchema,
        body: WaitlistCancelBodySchema,
        response: { 200: WaitlistEntrySchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id } = request.params;
      await app.policy.authorizeOwned(request, 'waitlist.cancel', 'waitlist', id, await service.owners(id));
      const row = await service.load(id);
      return service.view(await service.cancel(row));
    },
  );
};

export default waitlist;
