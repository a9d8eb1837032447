// The grants domain (授权, DESIGN.md §3 Grant, §4 Grants): grants between two people — invited or
// asked by phone, answered, revoked, expired (service.ts, the SQL in statements.ts, the terms and
// limits in terms.ts) — and the grantor's side of acting for someone: the activity log with its
// disputes (activity.ts), the grants a clerk witnesses at a window (witness.ts), and the message for every act done on their behalf (acts.ts, which listens
// to the policy module); when a grant ends, what its grantee keeps open for the grantor ends on every
// instance (ends.ts). Its services are decorators (`app.grants`, `app.activity`, `app.grantEnds`); its policy
// actions: policy.ts; its notification kinds: notifications.ts; its job steps: jobs.ts.
import fp from 'fastify-plugin';
import { jobTimer } from '../lib/job-timer';
import { ProxyActs } from './acts';
import { ActivityService } from './activity';
import { GrantEnds } from './ends';
import { runGrantJobs } from './jobs';
import { GrantService } from './service';
import { WitnessService } from './witness';

// The services this domain adds to the app (typed here, where they are decorated).
declare module 'fastify' {
  interface FastifyInstance {
    grants: GrantService;
    activity: ActivityService;
    witnessed: WitnessService;
    grantEnds: GrantEnds;
  }
}

export default fp(
  async (app) => {
    const ends = new GrantEnds(app.resources.redis, (err, context) => app.log.warn({ err }, context));
    ends.start();
    app.decorate('grantEnds', ends);
    app.addHook('onClose', async () => ends.close());
    app.decorate('grants', new GrantService(app));
    app.decorate('activity', new ActivityService(app));
    app.decorate('witnessed', new WitnessService(app));
    const acts = new ProxyActs(app);
    app.policy.onActDone(async (act) => {
      await acts.tell(act);
    });
    await app.register(
      jobTimer({
        name: 'grant-jobs',
        enabled: (instance) => instance.config.grantJobsEnabled,
        intervalMs: (instance) => instance.config.GRANT_JOBS_INTERVAL_MS,
        run: runGrantJobs,
      }),
    );
  },
  // Messages go through notify; the policy module hands over the acts done for someone.
  { name: 'grants', dependencies: ['notify', 'policy', 'audit', 'rate-limit'] },
);
