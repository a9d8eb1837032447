// 预约暂停 (issue 5 step 5): one's booking suspensions for no-shows and the one appeal against
// each; supervisors see the appeals of the halls in their region and decide them. Every by-id
// access goes through the policy: someone else's suspension, or one of a hall outside the
// supervisor's region, is the same 404 as a missing one, and every supervisor action is in the
// audit log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BookingSuspensionListSchema,
  BookingSuspensionSchema,
  errorResponses,
  IdParamsSchema,
  SuspensionAppealBodySchema,
  SuspensionAppealListQuerySchema,
  SuspensionAppealListSchema,
  SuspensionDecisionBodySchema,
} from '@palm/shared/server';
import { suspensionView } from '../../../appointments/suspensions';
import { AppError } from '../../../lib/errors';

const suspensions: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const service = app.appeals;
  const tags = ['appointments'];
  const security = [{ bearerAuth: [] }];
  const now = () => app.resources.clock.now();

  app.get(
    '/',
    { schema: { tags, security, summary: '我的预约暂停记录（生效中的在前）', response: { 200: BookingSuspensionListSchema, ...errorResponses(400, 401, 403) } } },
    async (request) => {
      const { subjectId } = await app.policy.authorize(request, 'suspension.read', { type: 'suspension', ownerIds: [request.auth!.userId] });
      const at = now();
      return { items: (await service.listFor(subjectId!)).map((s) => suspensionView(s, at)) };
    },
  );

  app.post(
    '/:id/appeal',
    {
      schema: {
        tags,
        security,
        summary: '对预约暂停提出申诉（暂停期间，限一次）',
        params: IdParamsSchema,
        body: SuspensionAppealBodySchema,
        response: { 200: BookingSuspensionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      // Only the person's own (or, with an APPOINTMENT grant, the grantor's): anyone else's is a 404.
      // Nobody "booked" a suspension: it has its person only.
      const { id } = request.params;
      await app.policy.authorizeOwned(request, 'suspension.appeal', 'suspension', id, await service.facts(id));
      const text = request.body.text.trim();
      if ([...text].length < 5) throw new AppError('VALIDATION_FAILED', '请写明申诉理由（至少5个字）', [{ field: 'body.text', rule: 'minLength' }]);
      return suspensionView(await service.appeal({ id }, text), now());
    },
  );

  app.get(
    '/appeals',
    {
      schema: {
        tags: ['appointments', 'supervisor'],
        security,
        summary: '本辖区大厅的预约暂停申诉（主管；默认待处理）',
        querystring: SuspensionAppealListQuerySchema,
        response: { 200: SuspensionAppealListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { regionCode } = await app.users.posting(request.auth!.userId);
      // The supervisor's own region stands for "the halls inside it"; the list is then filtered to them.
      await app.policy.authorize(request, 'office.supervise', { type: 'suspension', officeRegionCode: regionCode ?? undefined });
      const isAdmin = request.auth!.roles.includes('ADMIN');
      const prefix = isAdmin ? null : (regionCode ?? '').replace(/0+$/, '');
      return { items: await service.appeals(prefix, request.query.status ?? 'PENDING') };
    },
  );

  app.post(
    '/:id/decide',
    {
      schema: {
        tags: ['appointments', 'supervisor'],
        security,
        summary: '处理预约暂停申诉（主管）：GRANTED 解除暂停，UPHELD 维持',
        params: IdParamsSchema,
        body: SuspensionDecisionBodySchema,
        response: { 200: BookingSuspensionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id } = request.params;
      await app.policy.authorizeFound(request, 'office.supervise', 'suspension', id, await service.facts(id), (found) => ({
        officeId: found.officeId,
        officeRegionCode: found.regionCode,
      }));
      const note = request.body.note.trim();
      if ([...note].length < 2) throw new AppError('VALIDATION_FAILED', '请写明处理意见', [{ field: 'body.note', rule: 'minLength' }]);
      return suspensionView(await service.decide({ id }, request.body.decision, note, request.auth!.userId), now());
    },
  );
};

export default suspensions;
