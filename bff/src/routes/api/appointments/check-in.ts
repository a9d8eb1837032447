// 签到 by the person: POST /api/appointments/:id/check-in with the hall's code of the day, as
// scanned from the QR on the hall's screen (Taro.scanCode) or typed in (appointments/hall-code.ts).
// Registered by ./index.ts inside its scope (sign-in required); the person or whoever booked for
// them, through the policy. Too many tries at a hall in a day: 429 with retry-after.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppointmentSchema, CheckInBodySchema, errorResponses, IdParamsSchema } from '@palm/shared/server';

export const checkInRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { booking, checkIn } = app;

  app.post(
    '/:id/check-in',
    {
      schema: {
        tags: ['appointments'],
        security: [{ bearerAuth: [] }],
        summary: '签到：在预约大厅扫或输入当天的签到码（开始前30分钟至开始后15分钟），转为优先排队号；每人每大厅每天输错有上限',
        params: IdParamsSchema,
        body: CheckInBodySchema,
        response: { 200: AppointmentSchema, ...errorResponses(400, 401, 403, 404, 409, 422, 429) },
      },
    },
    async (request) => {
      const { id } = request.params;
      await app.policy.authorizeOwned(request, 'appointment.checkIn', 'appointment', id, await booking.owners(id));
      const row = await booking.load(id);
      const done = await checkIn.checkIn(row, { actorId: request.auth!.userId, method: 'SCAN', hallCode: request.body.hallCode, request });
      return booking.view(done);
    },
  );
};
