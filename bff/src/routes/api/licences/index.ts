// 电子证照 (DESIGN.md §3 Licence, §4 亮证, §5): my licences (masked; ?reveal=true shows one's
// number, logged), a sync from the issuer platform, 亮证 — a signed single-use token for a
// purpose — and 使用记录. Acting for the holder (X-On-Behalf-Of) needs a LICENCE_PRESENT grant and
// reaches only listing, opening (masked), presenting (代 X 出示, the holder is told) and the uses.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  errorResponses,
  IdParamsSchema,
  LicenceCaptureBodySchema,
  LicenceCaptureSchema,
  LicenceGetQuerySchema,
  LicenceListSchema,
  LicencePresentationBodySchema,
  LicencePresentationSchema,
  LicenceSchema,
  LicenceSyncBodySchema,
  LicenceUseListSchema,
  LicenceUsesQuerySchema,
} from '@palm/shared/server';
import { perPersonLimit } from '../../../plugins/external/rate-limit';

// Each sync is a billed call to the provincial platform.
const SYNCS_PER_MINUTE = 3;
// A capture is one row of the holder's 使用记录: a burst of screenshots is noted, a flood is not.
const CAPTURES_PER_MINUTE = 10;

const licences: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const service = app.licences;
  const tags = ['licences'];
  const security = [{ bearerAuth: [] }];

  app.get(
    '/',
    { schema: { tags, security, summary: '我的电子证照（号码部分隐藏）', response: { 200: LicenceListSchema, ...errorResponses(400, 401, 403) } } },
    async (request) => {
      const { subjectId } = await app.policy.authorize(request, 'licence.read', { type: 'licence', ownerIds: [request.auth!.userId] });
      return service.list(subjectId!);
    },
  );

  app.post(
    '/sync',
    {
      config: perPersonLimit('licence-sync', SYNCS_PER_MINUTE),
      schema: {
        tags,
        security,
        summary: '从省电子证照平台同步我的证照（须已实名认证；synced=false 表示未同步）',
        body: LicenceSyncBodySchema,
        response: { 200: Type.Composite([LicenceListSchema, Type.Object({ synced: Type.Boolean() })]), ...errorResponses(400, 401, 403, 429, 503) },
      },
    },
    async (request) => {
      const { subjectId } = await app.policy.authorize(request, 'licence.sync');
      return service.sync(request, subjectId!);
    },
  );

  /** Decided on the holder alone (as cheap for a missing id): the licence's 404 for anyone else. */
  const authorizeOn = async (request: FastifyRequest, action: 'licence.view' | 'licence.present' | 'licence.uses' | 'licence.capture', id: string, serviceId?: string | null) =>
    app.policy.authorizeFound(request, action, 'licence', id, await service.facts(id), (found) => ({ ownerIds: [found.holderId], personId: found.holderId, ...(serviceId ? { serviceId } : {}) }));

  app.get(
    '/:id',
    {
      schema: {
        tags,
        security,
        summary: '一个证照（号码部分隐藏；reveal=true 显示完整号码，仅本人，记入使用记录）',
        params: IdParamsSchema,
        querystring: LicenceGetQuerySchema,
        response: { 200: LicenceSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      await authorizeOn(request, 'licence.view', id);
      const reveal = request.query.reveal === true;
      if (reveal) await app.policy.authorize(request, 'licence.reveal', { type: 'licence' });
      return service.get(request, id, reveal);
    },
  );

  app.post(
    '/:id/presentations',
    {
      config: perPersonLimit('licence-present', app.config.LICENCE_PRESENTATIONS_PER_MINUTE),
      schema: {
        tags,
        security,
        summary: '亮证：为一项用证事由生成60秒有效、仅可核验一次的签名码（默认事由：身份核验）',
        params: IdParamsSchema,
        body: LicencePresentationBodySchema,
        response: { 201: LicencePresentationSchema, ...errorResponses(400, 401, 403, 404, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      // A purpose that is a service is the act's service: a grant limited to other services does not reach it.
      await authorizeOn(request, 'licence.present', id, await service.serviceOfPurpose(request.body.purpose));
      return reply.code(201).send(await service.present(request, id, request.auth!.userId, request.body.purpose));
    },
  );

  app.post(
    '/:id/captures',
    {
      config: perPersonLimit('licence-capture', CAPTURES_PER_MINUTE),
      schema: {
        tags,
        security,
        summary: '记下一次截屏：证照页面被截屏时记入持证人的使用记录（“截屏”）和审计日志（空请求体即可）',
        params: IdParamsSchema,
        body: LicenceCaptureBodySchema,
        response: { 201: LicenceCaptureSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      await authorizeOn(request, 'licence.capture', id);
      return reply.code(201).send(await service.capture(request, id, request.auth!.userId));
    },
  );

  app.get(
    '/:id/uses',
    {
      schema: {
        tags,
        security,
        summary: '使用记录：每次出示，何时、为何、在哪个大厅和窗口被核验、对方看到哪些信息（新的在前，每页50条）',
        params: IdParamsSchema,
        querystring: LicenceUsesQuerySchema,
        response: { 200: LicenceUseListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      await authorizeOn(request, 'licence.uses', id);
      return service.uses(id, request.query.cursor);
    },
  );
};

export default licences;
