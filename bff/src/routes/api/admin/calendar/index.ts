// The working-day calendar in the admin console (issue 17): a year's holidays and 调休 days with
// the 60-day coverage, and importing a year's notice. Admins only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AdminCalendarImportResultSchema, AdminCalendarImportSchema, AdminCalendarQuerySchema, AdminCalendarSchema, errorResponses } from '@palm/shared/server';

const calendar: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const tags = ['admin'];
  const security = [{ bearerAuth: [] }];

  app.get('/', { schema: { tags, security, querystring: AdminCalendarQuerySchema, summary: '节假日安排（某年）与未来60天的覆盖', response: { 200: AdminCalendarSchema, ...errorResponses(400, 401, 403) } } }, async (request) =>
    app.adminCalendar.get(request, request.query.year),
  );
  app.post(
    '/import',
    { schema: { tags, security, body: AdminCalendarImportSchema, summary: '导入一年的节假日和调休上班日', response: { 200: AdminCalendarImportResultSchema, ...errorResponses(400, 401, 403) } } },
    async (request) => app.adminCalendar.import(request, request.body),
  );
};

export default calendar;
