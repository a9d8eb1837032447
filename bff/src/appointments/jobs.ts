// The appointment minute job's steps (plugins/app/appointment-jobs.ts runs them in order, every
// APPOINTMENT_JOBS_INTERVAL_MS). Each step is idempotent and safe on several instances at once:
// it claims its rows in SQL (conditional UPDATE, row locks), so two instances never double a
// promotion, a reminder or a no-show. A failing step is logged and the next run retries it.
import type { FastifyInstance } from 'fastify';
import { markNoShows } from './no-shows';
import { closeCheckedInDays } from './ticket-end';
import { waitlistJobStep } from './waitlist';
import { enqueueReminders } from '../notify/appointments';

export interface AppointmentJobStep {
  name: string;
  run(app: FastifyInstance): Promise<unknown>;
}

export const APPOINTMENT_JOB_STEPS: AppointmentJobStep[] = [waitlistJobStep];

// Reminders the day before and 1 hour before, through the notification outbox (../notify/appointments.ts).
APPOINTMENT_JOB_STEPS.push({ name: 'reminders', run: (app) => enqueueReminders(app) });

// No-shows once the check-in window has closed (+ suspensions), and checked-in appointments whose
// day is over with their number never finished (./no-shows.ts, ./ticket-end.ts).
APPOINTMENT_JOB_STEPS.push({ name: 'no-shows', run: (app) => markNoShows(app) });
APPOINTMENT_JOB_STEPS.push({ name: 'checked-in-day-end', run: (app) => closeCheckedInDays(app) });

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
