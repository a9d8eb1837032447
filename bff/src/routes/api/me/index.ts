// The signed-in person: profile (masked), preferences that follow them across platforms, and
// real-name binding (GB 11643 checksum and a real birth date).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isValidPersonName, isValidResidentId, normalizeResidentId, parseResidentId } from '@palm/shared';
import { errorResponses, MeSchema, PreferencesPatchSchema, RealNameBodySchema } from '@palm/shared/server';
import { AppError } from '../../../lib/errors';
import { toMe } from '../../../identity/users';

const me: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const tags = ['me'];
  const security = [{ bearerAuth: [] }];

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

  app.post(
    '/real-name',
    { schema: { tags, security, body: RealNameBodySchema, response: { 200: MeSchema, ...errorResponses(400, 401, 403, 409, 422) } } },
    async (request) => {
      const { subjectId } = await app.policy.authorize(request, 'profile.verify', { type: 'user', id: request.auth!.userId });
      const name = request.body.name.trim();
      if (!isValidPersonName(name)) throw new AppError('NAME_INVALID');
      const idNumber = normalizeResidentId(request.body.idNumber);
      const today = app.resources.clock.businessDate();
      const parsed = parseResidentId(idNumber);
      if (!isValidResidentId(idNumber, today) || !parsed) throw new AppError('ID_NUMBER_INVALID');

      const current = await load(subjectId!);
      if (current.realNameVerifiedAt) throw new AppError('ALREADY_VERIFIED');
      const { pii } = app.resources;
      const taken = await app.prisma.user.findUnique({ where: { idNumberHash: pii.lookupHash('id', idNumber) }, select: { id: true } });
      if (taken) throw new AppError('ID_NUMBER_TAKEN');
      try {
        const user = await app.prisma.user.update({
          where: { id: current.id },
          data: {
            name,
            ...pii.protectIdNumber(idNumber),
            birthDate: new Date(`${parsed.birthDate}T00:00:00Z`),
            sex: parsed.sex,
            realNameVerifiedAt: app.resources.clock.now(),
          },
        });
        return toMe(user, today);
      } catch (err) {
        // Lost a race with another account binding the same ID number.
        if ((err as { code?: string }).code === 'P2002') throw new AppError('ID_NUMBER_TAKEN');
        throw err;
      }
    },
  );
};

export default me;
