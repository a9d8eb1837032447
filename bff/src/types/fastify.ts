// Cross-cutting decorators every plugin and route may rely on. Each domain types the services it
// decorates in its own index.ts (a `declare module 'fastify'` beside the `app.decorate`).
import type { Config } from '../config';
import type { AppResources } from '../resources';
import type { ActOnBehalf, Policy } from '../policy';
import type { Audit } from '../plugins/app/audit';
import type { AuthContext } from '../plugins/app/auth';
import type { PrismaClient } from '@palm/db/client';
import type { Sessions } from '../identity/sessions';

declare module 'fastify' {
  interface FastifyInstance {
    // app.ts and plugins/app (cross-cutting).
    config: Config;
    resources: AppResources;
    /** For the domains' services: routes never query the database themselves. */
    prisma: PrismaClient;
    policy: Policy;
    audit: Audit;
    sessions: Sessions;
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    /** Set by `authenticate` (or left null on public routes). */
    auth: AuthContext | null;
    /** Acts done for someone that the policy allowed in this request: told to them once it succeeds. */
    actsOnBehalf: ActOnBehalf[] | null;
  }
}

export {};
