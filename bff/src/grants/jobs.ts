// The grant job's steps (lib/job-steps.ts), run every GRANT_JOBS_INTERVAL_MS by ./index.ts's timer.
// Housekeeping only: the policy already refuses a grant past its end on the very next request
// (it reads validUntil), whether or not this has run. Idempotent and safe on several instances.
import type { FastifyInstance } from 'fastify';
import { runJobSteps, type JobStep } from '../lib/job-steps';

export const GRANT_JOB_STEPS: readonly JobStep[] = [
  // PENDING and ACTIVE grants past validUntil → EXPIRED, in one statement (statements.ts expireDue).
  { name: 'expire', run: (app) => app.grants.expire() },
];

export function runGrantJobs(app: FastifyInstance): Promise<Record<string, unknown>> {
  return runJobSteps(app, GRANT_JOB_STEPS, 'grant job');
}
