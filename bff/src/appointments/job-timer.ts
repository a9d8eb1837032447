// Runs the appointment minute job (./jobs.ts) every APPOINTMENT_JOBS_INTERVAL_MS
// once the app is ready. Every instance runs it; each step claims its rows in SQL, so they cannot
// double anything. Runs never overlap on one instance; the timer is unref'd and cleared on close.
// Off under NODE_ENV=test (tests call runAppointmentJobs or the step itself).
import fp from 'fastify-plugin';
import { runAppointmentJobs } from './jobs';

export default fp(
  async (app) => {
    if (!app.config.appointmentJobsEnabled) return;
    const log = app.log.child({ module: 'appointment-jobs' });
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<unknown> | null = null;
    let closing = false;

    const tick = async () => {
      running = runAppointmentJobs(app).then((results) => log.debug({ results }, 'appointment jobs done'));
      await running;
      running = null;
      if (!closing) {
        timer = setTimeout(() => void tick(), app.config.APPOINTMENT_JOBS_INTERVAL_MS);
        timer.unref();
      }
    };

    app.addHook('onReady', async () => {
      timer = setTimeout(() => void tick(), 1000);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      closing = true;
      if (timer) clearTimeout(timer);
      await running;
    });
  },
  { name: 'appointment-jobs', dependencies: ['slots'] },
);
