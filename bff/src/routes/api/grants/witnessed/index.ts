// 见证授权 at a window (issue 14 item 5): a clerk records a grant for a resident without a phone,
// reads a resident's grants by ID number and ends a witnessed one at the resident's request — at
// any window. The ID number travels in POST bodies only (never a URL, so never an access log), is
// looked up by its HMAC and answered masked. Clerks posted to a hall only (grants/policy.ts);
// nothing here is done on anyone's behalf.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  errorResponses,
  IdParamsSchema,
  WitnessedGrantBodySchema,
  WitnessedGrantSchema,
  WitnessGrantSchema,
  WitnessLookupBodySchema,
  WitnessRecordSchema,
  WitnessRevokeBodySchema,
} from '@palm/shared/server';
import { perPersonLimit } from '../../../../plugins/external/rate-limit';

// Per clerk (OWASP API6): a look-up answers whether an ID number is a resident's. A window serves
// one person at a time; 20 a minute is far beyond that and keeps a clerk's account from sweeping numbers.
const LOOKUPS_PER_MINUTE = 20;
const CREATES_PER_MINUTE = 10;

const witnessed: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const service = app.witnessed;
  const tags = ['grants'];
  const security = [{ bearerAuth: [] }];

  app.post(
    '/',
    {
      config: perPersonLimit('grant-witness', CREATES_PER_MINUTE),
      schema: {
        tags,
        security,
        summary: '窗口见证授权（工作人员）：居民持身份证当面签署授权书，为家人或网格员登记代办授权，立即生效',
        body: WitnessedGrantBodySchema,
        response: { 201: WitnessedGrantSchema, ...errorResponses(400, 401, 403, 404, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      await app.policy.authorize(request, 'grant.witness', { type: 'grant' });
      return reply.code(201).send(await service.create(request, request.auth!.userId, request.body));
    },
  );

  app.post(
    '/lookup',
    {
      config: perPersonLimit('grant-witness-lookup', LOOKUPS_PER_MINUTE),
      schema: {
        tags,
        security,
        summary: '按身份证号查询居民的授权（工作人员）：居民信息打码显示',
        body: WitnessLookupBodySchema,
        response: { 200: WitnessRecordSchema, ...errorResponses(400, 401, 403, 404, 422, 429) },
      },
    },
    async (request) => {
      await app.policy.authorize(request, 'grant.witness-lookup', { type: 'grant' });
      return service.lookup(request, request.body.residentIdNumber);
    },
  );

  app.post(
    '/:id/revoke',
    {
      schema: {
        tags,
        security,
        summary: '应居民本人申请，在任一窗口撤销见证授权（工作人员；在手机上授权的由本人在手机上撤销）',
        params: IdParamsSchema,
        body: WitnessRevokeBodySchema,
        response: { 200: WitnessGrantSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id } = request.params;
      await app.policy.authorizeFound(request, 'grant.witness-revoke', 'grant', id, await service.facts(id), () => ({}));
      return service.revoke(request, id, request.auth!.userId, request.body?.formNumber);
    },
  );
};

export default witnessed;
