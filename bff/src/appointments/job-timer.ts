// Runs the appointment minute job (./jobs.ts) every APPOINTMENT_JOBS_INTERVAL_MS once the app is
// ready (lib/job-timer.ts). Every instance runs it; each step claims its rows in SQL, so they
// cannot double anything. Off under NODE_ENV=test (tests call runAppointmentJobs or the step itself).
import { jobTimer } from '../lib/job-timer';
import { runAppointmentJobs } from './jobs';

export default jobTimer({
  name: 'appointment-jobs',
  dependencies: ['slots'],
  enabled: (app) => app.config.appointmentJobsEnabled,
  intervalMs: (app) => app.config.APPOINTMENT_JOBS_INTERVAL_MS,
  run: runAppointmentJobs,
});
