// The appointment minute job's steps (plugins/app/appointment-jobs.ts runs them in order, every
// APPOINTMENT_JOBS_INTERVAL_MS). Each step is idempotent and safe on several instances at once:
// it claims its rows in SQL (conditional UPDATE, row locks), so two instances never double a
// promotion, a reminder or a no-show. A failing step is logged and the next run retries it.
import type { FastifyInstance } from 'fastify';

export interface AppointmentJobStep {
  name: string;
  run(app: FastifyInstance): Promise<unknown>;
}

export const APPOINTMENT_JOB_STEPS: AppointmentJobStep[] = [];

/** One pass of every step; returns what each reported (for logs and tests). */
export async function runAppointmentJobs(app: FastifyInstance): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const step of APPOINTMENT_JOB_STEPS) {
    try {
      results[step.name] = await step.run(app);
    } catch (err) {
      app.log.warn({ err, step: step.name }, 'appointment job step failed; the next run retries');
      results[step.name] = { error: true };
    }
  }
  return results;
}
