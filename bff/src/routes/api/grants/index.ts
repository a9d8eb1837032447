// 授权 (DESIGN.md §5): invite someone to act for me or ask someone to let me act for them (by
// phone), my grants on either side, and accept / reject / revoke. Grants are only personal: acting
// for someone (X-On-Behalf-Of) none of this is allowed — a grantee cannot re-delegate. A grant is
// its two people's; to anyone else it is the same 404 as a missing one (policy).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { errorResponses, GrantActionBodySchema, GrantCreateBodySchema, GrantListQuerySchema, GrantListSchema, GrantSchema, IdParamsSchema } from '@palm/shared/server';
import { perPersonLimit } from '../../../plugins/external/rate-limit';

// Per person (OWASP API6): an invitation names a phone, and "no account with this phone" is an
// answer; 10 a minute is far beyond honest use and keeps anyone from sweeping numbers.
const CREATES_PER_MINUTE = 10;

const grants: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const service = app.grants;
  const tags = ['grants'];
  const security = [{ bearerAuth: [] }];

  app.post(
    '/',
    {
      config: perPersonLimit('grant', CREATES_PER_MINUTE),
      schema: {
        tags,
        security,
        summary: '邀请亲友代办（granteePhone：我是授权人）或申请为他人代办（grantorPhone：我是代办人），待对方确认',
        body: GrantCreateBodySchema,
        response: { 201: GrantSchema, ...errorResponses(400, 401, 403, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const { subjectId } = await app.policy.authorize(request, 'grant.create', { type: 'grant' });
      return reply.code(201).send(await service.create(request, subjectId!, request.body));
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags,
        security,
        summary: '我的授权：as=grantor 谁可以代我办理，as=grantee 我可以代谁办理',
        querystring: GrantListQuerySchema,
        response: { 200: GrantListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { subjectId } = await app.policy.authorize(request, 'grant.read', { type: 'grant', ownerIds: [request.auth!.userId] });
      return service.list(subjectId!, request.query.as, request.query.state, request.query.cursor);
    },
  );

  /** Decided on the grant's two people alone (as cheap for a missing id); the grant once allowed. */
  const authorizeOn = async (request: FastifyRequest, action: 'grant.view' | 'grant.respond' | 'grant.revoke', id: string) => {
    await app.policy.authorizeFound(request, action, 'grant', id, await service.facts(id), (found) => ({ ownerIds: [found.grantorId, found.granteeId] }));
  };
  app.get(
    '/:id',
    {
      schema: {
        tags,
        security,
        summary: '一项授权现在的状态（仅授权人和代办人可见；他人与不存在的一样是404）',
        params: IdParamsSchema,
        response: { 200: GrantSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      await authorizeOn(request, 'grant.view', id);
      return service.get(id, request.auth!.userId);
    },
  );

  const step = (path: string, summary: string, action: 'grant.respond' | 'grant.revoke', run: (request: FastifyRequest, id: string, me: string) => ReturnType<typeof service.accept>) =>
    app.post(
      `/:id/${path}`,
      {
        schema: { tags, security, summary, params: IdParamsSchema, body: GrantActionBodySchema, response: { 200: GrantSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      },
      async (request) => {
        const { id } = request.params;
        await authorizeOn(request, action, id);
        return run(request, id, request.auth!.userId);
      },
    );

  step('accept', '接受代办邀请或同意代办申请（由未发起的一方）', 'grant.respond', (request, id, me) => service.accept(request, id, me));
  step('reject', '拒绝代办邀请或代办申请（由未发起的一方）', 'grant.respond', (request, id, me) => service.reject(request, id, me));
  step('revoke', '撤销授权（授权人随时可撤销；代办人可退出；待确认的可撤回）', 'grant.revoke', (request, id, me) => service.revoke(request, id, me));
};

export default grants;
