// 用证事由 (DESIGN.md §4): the purposes a licence may be presented for — a service (事项) or a named
// check — and exactly the fields each lets a verifier see. Public data, like the catalogue.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, LicencePurposeListSchema, LicencePurposeQuerySchema } from '@palm/shared/server';

const purposes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['licences'],
        summary: '用证事由及每项事由向核验方展示的信息（licenceType：只列可用该类证照的事由）',
        querystring: LicencePurposeQuerySchema,
        response: { 200: LicencePurposeListSchema, ...errorResponses(400) },
      },
    },
    async (request) => {
      await app.policy.authorize(request, 'licence.purposes');
      return app.licences.purposes(request.query.licenceType);
    },
  );
};

export default purposes;
