// The appointment minute job's steps, in the order they run (job-timer.ts runs them every
// APPOINTMENT_JOBS_INTERVAL_MS). Each step is idempotent and safe on several instances at once:
// it claims its rows in SQL (conditional UPDATE, row locks), so two instances never double a
// promotion, a reminder or a no-show. A failing step is logged and the next run retries it. A new
// step is one entry here; a step reaches its service through the app's decorators.
import type { FastifyInstance } from 'fastify';
import { runJobSteps, type JobStep } from '../lib/job-steps';
import { enqueueReminders } from '../notify/appointments';
import { markNoShows } from './no-shows';
import { closeCheckedInDays } from './ticket-end';

export type AppointmentJobStep = JobStep;

export const APPOINTMENT_JOB_STEPS: readonly AppointmentJobStep[] = [
  // 候补: promote, free and expire what the routes' promotions left (waitlist/).
  { name: 'waitlist', run: (app) => app.waitlist.runJob() },
  // Reminders the day before and 1 hour before, through the notification outbox (../notify/appointments.ts).
  { name: 'reminders', run: (app) => enqueueReminders(app) },
  // No-shows once the check-in window has closed (+ suspensions), and checked-in appointments whose
  // day is over with their number never finished (./no-shows.ts, ./ticket-end.ts).
  { name: 'no-shows', run: (app) => markNoShows(app) },
  { name: 'checked-in-day-end', run: (app) => closeCheckedInDays(app) },
];

/** One pass of every step; returns what each reported (for logs and tests). */
export function runAppointmentJobs(app: FastifyInstance): Promise<Record<string, unknown>> {
  return runJobSteps(app, APPOINTMENT_JOB_STEPS, 'appointment job');
}
