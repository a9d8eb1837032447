// The signed-in person: profile (masked), preferences that follow them across platforms, and
// real-name binding (checked locally, then verified at the identity platform).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, MeSchema, PreferencesPatchSchema, RealNameBodySchema } from '@palm/shared/server';
import { AppError } from '../../../lib/errors';
import { RealNameService } from '../../../identity/real-name';
import { toMe } from '../../../identity/users';
import { perPersonLimit } from '../../../plugins/external/rate-limit';

const me: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const tags = ['me'];
  const security = [{ bearerAuth: [] }];
  const realName = new RealNameService(app);
  if (!app.resources.integrations.realName) app.log.warn('real-name binding is off: no identity platform configured (REAL_NAME_API_BASE, REAL_NAME_APP_KEY, REAL_NAME_APP_SECRET)');

  const load = async (userId: string) => {
    const user = await app.prisma.user.findUnique({ where: { id: userId } });
    // A token for a deleted or disabled person is as good as no token.
    if (!user || user.disabled) throw new AppError('UNAUTHENTICATED');
    return user;
  };

  app.get('/', { schema: { tags, security, response: { 200: MeSchema, ...errorResponses(401, 403) } } }, async (request) => {
    const { subjectId } = await app.policy.authorize(request, 'profile.read', { type: 'user', id: request.auth!.userId });
    return toMe(await load(subjectId!), app.resources.clock.businessDate());
  });

  // PATCH is the contract (DESIGN.md §5); POST does the same for clients without PATCH
  // (wx.request and my.request offer GET/POST/PUT/DELETE only).
  app.route({
    method: ['PATCH', 'POST'],
    url: '/preferences',
    schema: { tags, security, body: PreferencesPatchSchema, response: { 200: MeSchema, ...errorResponses(400, 401, 403) } },
    handler: async (request) => {
      const { subjectId } = await app.policy.authorize(request, 'profile.update', { type: 'user', id: request.auth!.userId });
      const { elderMode, fontScale, locale, elderModeOffered } = request.body;
      const current = await load(subjectId!);
      const user = await app.prisma.user.update({
        where: { id: current.id },
        data: {
          elderMode,
          fontScale,
          locale,
          // Switching 长辈版 either way, or dismissing the offer, counts as having been offered.
          ...((elderModeOffered || elderMode !== undefined) && !current.elderModeOfferedAt ? { elderModeOfferedAt: app.resources.clock.now() } : {}),
        },
      });
      return toMe(user, app.resources.clock.businessDate());
    },
  });

  // Validate → verify at the identity platform → bind (identity/real-name.ts). A refusal says only
  // that the pair did not verify, never whether another account holds the number.
  app.post(
    '/real-name',
    {
      config: perPersonLimit('real-name', app.config.REAL_NAME_ATTEMPTS_PER_MINUTE),
      schema: { tags, security, body: RealNameBodySchema, response: { 200: MeSchema, ...errorResponses(400, 401, 403, 409, 422, 429, 503) } },
    },
    async (request) => {
      const { subjectId } = await app.policy.authorize(request, 'profile.verify', { type: 'user', id: request.auth!.userId });
      const user = await realName.bind(request, subjectId!, request.body.name, request.body.idNumber);
      return toMe(user, app.resources.clock.businessDate());
    },
  );
};

export default me;
