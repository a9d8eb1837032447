// 好差评 (issue 16; DESIGN.md §5): rate a finished handling (one per handling per channel per
// round), what I may rate now, the reasons for levels 1–2, and — for a clerk — the ratings about
// their window without who rated.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, RatingAboutMeListSchema, RatingAboutMeQuerySchema, RatingCreateBodySchema, RatingPendingListSchema, RatingReasonListSchema, RatingSchema } from '@palm/shared/server';
import { perPersonLimit } from '../../../plugins/external/rate-limit';

const ratings: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.ratings;
  const tags = ['ratings'];
  const security = [{ bearerAuth: [] }];

  app.get(
    '/reasons',
    { schema: { tags, summary: '不满意原因（GB/T 39734）', response: { 200: RatingReasonListSchema } } },
    async (request) => {
      await app.policy.authorize(request, 'rating.reasons');
      return { items: await service.reasons() };
    },
  );

    app.post(
      '/',
      {
        preValidation: app.authenticate,
        config: perPersonLimit('rating', 20),
        schema: { tags, security, summary: '评价一次办理（已办结的排队号、已完成的预约、已办结的反映）', body: RatingCreateBodySchema, response: { 201: RatingSchema, ...errorResponses(400, 401, 403, 404, 409, 422, 429) } },
      },
      async (request, reply) => reply.code(201).send(await service.create(request, request.body)),
    );
    app.get(
      '/pending',
      { preValidation: app.authenticate, schema: { tags, security, summary: '待评价的办理', response: { 200: RatingPendingListSchema, ...errorResponses(401, 403) } } },
      async (request) => {
        const { subjectId } = await app.policy.authorize(request, 'rating.pending', { type: 'rating' });
        return { items: await service.pending(subjectId!) };
      },
    );
    app.get(
      '/about-me',
      { preValidation: app.authenticate, schema: { tags, security, summary: '对我窗口的评价（不显示评价人）', querystring: RatingAboutMeQuerySchema, response: { 200: RatingAboutMeListSchema, ...errorResponses(400, 401, 403) } } },
      async (request) => {
        await app.policy.authorize(request, 'rating.about-me', { type: 'rating' });
        return service.aboutMe(request.auth!.userId, request.query.cursor);
      },
    );
};

export default ratings;
