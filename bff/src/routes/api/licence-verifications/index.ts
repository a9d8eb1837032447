// 核验 (DESIGN.md §4): a clerk at a window scans (or pastes) a 亮证 token and sees only the fields
// its purpose needs and the holder masked. Each refusal has its own code (tampered, expired, wrong
// audience or type, a refused algorithm, an unknown key, already used, licence revoked or expired);
// the holder sees each check in 使用记录 and is told at once.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, LicenceVerificationBodySchema, LicenceVerificationSchema } from '@palm/shared/server';

const verifications: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  app.post(
    '/',
    {
      schema: {
        tags: ['licences'],
        security: [{ bearerAuth: [] }],
        summary: '窗口核验亮证码（仅窗口工作人员）：只返回该事由所需的信息',
        body: LicenceVerificationBodySchema,
        response: { 200: LicenceVerificationSchema, ...errorResponses(400, 401, 403, 409, 422, 503) },
      },
    },
    async (request) => {
      await app.policy.authorize(request, 'licence.verify');
      return app.licenceVerifier.verify(request, request.body.token);
    },
  );
};

export default verifications;
