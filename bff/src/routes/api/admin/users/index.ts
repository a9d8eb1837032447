// An admin blocks or unblocks a person's account. A block stops every way in at once: the account
// is disabled (no new sign-in, no refresh), all of its refresh tokens are revoked, and all of its
// access tokens stop working on every instance within a second (identity/sessions.ts). Unblocking
// lets the person sign in again; it brings no ended session back. Both are audited, as is a
// refused attempt. Action POSTs: no body needed. While blocked, the person's grants act for no one
// (policy), and the live sockets their grantees opened on their behalf close (grants/ends.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { errorResponses, IdParamsSchema } from '@palm/shared/server';
import { Type } from '@sinclair/typebox';
import { AppError, isAppError } from '../../../../lib/errors';

const UserBlockReplySchema = Type.Object({
  id: Type.String(),
  disabled: Type.Boolean(),
  /** Sessions this request ended (0 for an unblock or an account already blocked). */
  sessionsEnded: Type.Integer({ minimum: 0 }),
});

const users: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', app.authenticate);
  const tags = ['admin'];
  const security = [{ bearerAuth: [] }];
  const schema = { tags, security, params: IdParamsSchema, response: { 200: UserBlockReplySchema, ...errorResponses(400, 401, 403, 404, 409) } };

  const setBlocked = async (request: FastifyRequest, userId: string, block: boolean) => {
    const id = userId.toLowerCase();
    const actorId = request.auth!.userId;
    const action = block ? 'user.block' : 'user.unblock';
    try {
      await app.policy.authorize(request, 'user.block', { type: 'user', id });
    } catch (err) {
      // The policy audits staff and on-behalf refusals itself; a non-admin's try is recorded here.
      if (isAppError(err) && err.code === 'FORBIDDEN') {
        await app.audit.record({ actorId, subjectId: id, action, resourceType: 'user', resourceId: id, result: 'DENY', reason: 'admins only' }, request);
      }
      throw err;
    }
    if (block && id === actorId) throw new AppError('CONFLICT', '不能停用自己的账号');
    const done = await app.users.setBlocked(request, id, block);
    if (!done) throw new AppError('NOT_FOUND', '没有找到该用户');
    if (block) app.grantEnds.ended(await app.grants.pairsInForce(id));
    return done;
  };

  app.post('/:id/block', { schema: { ...schema, summary: '停用账号并结束其全部登录' } }, async (request) => setBlocked(request, request.params.id, true));
  app.post('/:id/unblock', { schema: { ...schema, summary: '恢复账号（需重新登录）' } }, async (request) => setBlocked(request, request.params.id, false));
};

export default users;
