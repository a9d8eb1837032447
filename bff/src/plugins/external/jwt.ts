// Access tokens: HS256 with the algorithm pinned, `iss`/`aud` checked and `typ` = at+jwt
// (RFC 9068) so no other token this system signs can pass as an access token.
import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';

export const ACCESS_TOKEN_TYP = 'at+jwt';

export default fp(
  async (app) => {
    await app.register(jwt, {
      secret: app.config.PALM_JWT_SECRET,
      sign: {
        algorithm: 'HS256',
        iss: app.config.JWT_ISSUER,
        aud: app.config.JWT_AUDIENCE,
        expiresIn: app.config.ACCESS_TOKEN_TTL_SECONDS,
        header: { alg: 'HS256', typ: ACCESS_TOKEN_TYP },
      },
      verify: {
        algorithms: ['HS256'],
        allowedIss: app.config.JWT_ISSUER,
        allowedAud: app.config.JWT_AUDIENCE,
        checkTyp: ACCESS_TOKEN_TYP,
        // Verified tokens are cached (fast-jwt LRU): ≈ 2× on authenticated hot reads (TOOLCHAIN.md).
        cache: true,
        cacheTTL: 60_000,
      },
    });
  },
  { name: 'jwt' },
);
