// A hall's side of 签到, registered by ./index.ts: the check-in code of the day for its screen
// (appointments/hall-code.ts) and the day's appointments (its clerks, supervisors of its region: 'counter.read'), and
// checking someone in by the appointment code they read out at a window (its clerks:
// 'office.operate', audited). Sign-in required on every route here.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isIsoDate } from '@palm/shared';
import {
  AppointmentSchema,
  ClerkCheckInBodySchema,
  errorResponses,
  HallCheckInCodeSchema,
  IdParamsSchema,
  OfficeAppointmentListSchema,
  OfficeAppointmentsQuerySchema,
} from '@palm/shared/server';
import { AppError } from '../../../lib/errors';

export const officeCheckInRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const { booking, checkIn, hallCodes } = app;
  const tags = ['appointments', 'clerk'];
  const security = [{ bearerAuth: [] }];

  /** The hall, authorized for `action`; an unknown hall is refused like one the caller may not see, then 404. */
  const authorizeOffice = async (request: Parameters<typeof app.policy.authorize>[0], action: 'counter.read' | 'office.operate', id: string) => {
    const office = await app.catalogue.hall(id);
    await app.policy.authorize(request, action, { type: 'office', id, officeId: id, officeRegionCode: office?.regionCode });
    if (!office) throw new AppError('NOT_FOUND', '没有找到该办事大厅');
    return office;
  };

  app.get(
    '/:id/check-in-code',
    {
      schema: {
        tags,
        security,
        summary: '大厅当天的签到码（窗口屏幕显示：二维码图片、二维码内容与手输签到码；每天零点更换）',
        params: IdParamsSchema,
        response: { 200: HallCheckInCodeSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const office = await authorizeOffice(request, 'counter.read', request.params.id);
      const today = hallCodes.today(office.id);
      const expiresInSeconds = Math.max(0, Math.ceil((today.validUntil.getTime() - app.resources.clock.now().getTime()) / 1000));
      return {
        officeId: office.id,
        officeName: office.name,
        date: today.date,
        validUntil: today.validUntil.toISOString(),
        expiresInSeconds,
        code: today.code,
        qr: today.qr,
        qrImage: await hallCodes.qrImage(today.qr),
      };
    },
  );

  app.get(
    '/:id/appointments',
    {
      schema: {
        tags,
        security,
        summary: '本大厅某天的预约（默认今天）：姓名已脱敏、状态、预约码、排队号',
        params: IdParamsSchema,
        querystring: OfficeAppointmentsQuerySchema,
        response: { 200: OfficeAppointmentListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const office = await authorizeOffice(request, 'counter.read', request.params.id);
      const date = request.query.date ?? app.resources.clock.businessDate();
      // The schema keeps the year to 2000–2099 (BusinessDateSchema); the calendar day is checked again.
      if (!isIsoDate(date)) throw new AppError('VALIDATION_FAILED', undefined, [{ field: 'querystring.date', rule: 'format' }]);
      return { date, items: await checkIn.dayList(office.id, date) };
    },
  );

  app.post(
    '/:id/appointments/check-in',
    {
      schema: {
        tags,
        security,
        summary: '窗口代签到：按预约码为到场群众签到（开始前30分钟至开始后15分钟），转为优先排队号',
        params: IdParamsSchema,
        body: ClerkCheckInBodySchema,
        response: { 200: AppointmentSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const office = await authorizeOffice(request, 'office.operate', request.params.id);
      const row = await checkIn.findByCode(office.id, request.body.code);
      if (!row) throw new AppError('NOT_FOUND', '本大厅没有这个预约码，请核对');
      return booking.view(await checkIn.checkIn(row, { actorId: request.auth!.userId, method: 'CLERK' }));
    },
  );
};
