// The identity domain: people and how they sign in (users.ts), sessions' tokens (tokens.ts),
// SMS codes (otp.ts) and real-name binding (real-name.ts). Its services are decorators
// (`app.users`, `app.tokens`, `app.otp`, `app.realName`); `app.sessions`, which every request
// asks, is the auth plugin's (plugins/app/auth.ts). Its policy actions: policy.ts; its
// notification kinds: notifications.ts.
import fp from 'fastify-plugin';
import { OtpService } from './otp';
import { RealNameService } from './real-name';
import { TokenService } from './tokens';
import { UserService } from './users';

// The services this domain adds to the app (typed here, where they are decorated).
declare module 'fastify' {
  interface FastifyInstance {
    users: UserService;
    tokens: TokenService;
    otp: OtpService;
    realName: RealNameService;
  }
}

export default fp(
  async (app) => {
    app.decorate('users', new UserService(app));
    app.decorate('tokens', new TokenService(app));
    app.decorate('otp', new OtpService(app));
    app.decorate('realName', new RealNameService(app));
  },
  // Tokens sign with jwt and end sessions through auth's `app.sessions`; a moved ID number is told
  // through notify; real-name checks are counted by the rate limiter.
  { name: 'identity', dependencies: ['jwt', 'auth', 'audit', 'rate-limit', 'notify'] },
);
