// The signed-in person: profile (masked), preferences that follow them across platforms, and
// real-name binding (checked locally, then verified at the identity platform).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, MeSchema, PreferencesPatchSchema, RealNameBodySchema } from '@palm/shared/server';
import { toMe } from '../../../identity/users';
import { perPersonLimit } from '../../../plugins/external/rate-limit';

const me: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const tags = ['me'];
  const security = [{ bearerAuth: [] }];
  if (!app.resources.integrations.realName) app.log.warn('real-name binding is off: no identity platform configured (REAL_NAME_API_BASE, REAL_NAME_APP_KEY, REAL_NAME_APP_SECRET)');

  app.get('/', { schema: { tags, security, response: { 200: MeSchema, ...errorResponses(401, 403) } } }, async (request) => {
    const { subjectId } = await app.policy.authorize(request, 'profile.read', { type: 'user', id: request.auth!.userId });
    return toMe(await app.users.active(subjectId!), app.resources.clock.businessDate());
  });

  // PATCH is the contract (DESIGN.md §5); POST does the same for clients without PATCH
  // (wx.request and my.request offer GET/POST/PUT/DELETE only).
  app.route({
    method: ['PATCH', 'POST'],
    url: '/preferences',
    schema: { tags, security, body: PreferencesPatchSchema, response: { 200: MeSchema, ...errorResponses(400, 401, 403) } },
    handler: async (request) => {
      const { subjectId } = await app.policy.authorize(request, 'profile.update', { type: 'user', id: request.auth!.userId });
      const user = await app.users.updatePreferences(await app.users.active(subjectId!), request.body);
      return toMe(user, app.resources.clock.businessDate());
    },
  });

  // Validate → verify at the identity platform → bind (identity/real-name.ts) → sync the e-licences. A refusal says only
  // that the pair did not verify, never whether another account holds the number.
  app.post(
    '/real-name',
    {
      config: perPersonLimit('real-name', app.config.REAL_NAME_ATTEMPTS_PER_MINUTE),
      schema: { tags, security, body: RealNameBodySchema, response: { 200: MeSchema, ...errorResponses(400, 401, 403, 409, 422, 429, 503) } },
    },
    async (request) => {
      const { subjectId } = await app.policy.authorize(request, 'profile.verify', { type: 'user', id: request.auth!.userId });
      const user = await app.realName.bind(request, subjectId!, request.body.name, request.body.idNumber);
      // The verified name and number open the e-licence wallet: fetched now (a failure there never
      // fails the binding; 证照 → 同步 tries again).
      await app.licences.syncQuietly(request, subjectId!);
      return toMe(user, app.resources.clock.businessDate());
    },
  );
};

export default me;
