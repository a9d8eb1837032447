// Decorators every plugin and route may rely on. Declared once here so the types cannot drift.
import type { Config } from '../config';
import type { AppResources } from '../resources';
import type { Policy } from '../policy';
import type { Audit } from '../plugins/app/audit';
import type { AuthContext } from '../plugins/app/auth';
import type { PrismaClient } from '@palm/db/client';
import type { LiveHub } from '../queue/live';
import type { Notify } from '../notify';
import type { Sessions } from '../identity/sessions';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    resources: AppResources;
    prisma: PrismaClient;
    policy: Policy;
    audit: Audit;
    live: LiveHub;
    notify: Notify;
    sessions: Sessions;
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    /** Set by `authenticate` (or left null on public routes). */
    auth: AuthContext | null;
  }
}

export {};
