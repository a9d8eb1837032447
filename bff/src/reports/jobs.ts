// The 办不成事 / 好差评 job's steps (lib/job-steps.ts), run every REPORT_JOBS_INTERVAL_MS by
// ./index.ts's timer. Each is idempotent and safe on several instances: escalation is a
// conditional UPDATE per level, the default rating an INSERT … ON CONFLICT DO NOTHING on the
// rating's unique key, the invitation an outbox row with a unique key;
// photos never attached are deleted a day after upload (a DELETE of rows nobody can attach any more).
import type { FastifyInstance } from 'fastify';
import { runJobSteps, type JobStep } from '../lib/job-steps';

export const REPORT_JOB_STEPS: readonly JobStep[] = [
  { name: 'escalate', run: (app) => app.desk.escalateDue() },
  { name: 'default-ratings', run: (app) => app.ratings.defaultDue() },
  { name: 'invite-ratings', run: (app) => app.ratings.inviteDue() },
  { name: 'stale-photos', run: (app) => app.reportPhotos.deleteStale() },
];

export function runReportJobs(app: FastifyInstance): Promise<Record<string, unknown>> {
  return runJobSteps(app, REPORT_JOB_STEPS, 'report job');
}
