// /.well-known/jwks.json (DESIGN.md §4): the public keys that sign 亮证 tokens — the current one
// and, during a rotation, the previous — so a verifier can check a token's signature offline with
// nothing but this JWK Set (RFC 7517). Public; cached briefly by clients and proxies.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, JwksSchema } from '@palm/shared/server';

const JWKS_MAX_AGE_SECONDS = 300;

const wellKnown: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/.well-known/jwks.json',
    { schema: { tags: ['licences'], summary: '亮证签名公钥（JWK Set：当前及轮换前的上一把）', response: { 200: JwksSchema, ...errorResponses(503) } } },
    async (_request, reply) => {
      const { keys } = await app.licenceKeys.jwks();
      // Every published key has kid, kty, alg and use (keys.ts publicOf).
      return reply.header('cache-control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`).send({ keys: keys as Array<{ kid: string; kty: string; alg: string; use: string }> });
    },
  );
};

export default wellKnown;
