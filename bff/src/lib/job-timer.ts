// A domain's periodic job as a plugin: runs `run` every `intervalMs` once the app is ready (the
// first run a second after), never two runs at once on one instance, the timer unref'd and cleared
// on close (which waits for a run in flight). Every instance runs it: each step claims its rows in
// SQL (lib/job-steps.ts), so instances cannot double anything. Off when `enabled` says so (under
// NODE_ENV=test the tests call the steps themselves).
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

export interface JobTimerOptions {
  /** The plugin's name (e.g. 'grant-jobs'). */
  name: string;
  /** Plugins it needs registered first. */
  dependencies?: string[];
  enabled(app: FastifyInstance): boolean;
  intervalMs(app: FastifyInstance): number;
  /** One pass of the job's steps; what it returns is logged at debug level. */
  run(app: FastifyInstance): Promise<unknown>;
}

export function jobTimer(options: JobTimerOptions) {
  return fp(
    async (app) => {
      if (!options.enabled(app)) return;
      const log = app.log.child({ module: options.name });
      let timer: NodeJS.Timeout | null = null;
      let running: Promise<unknown> | null = null;
      let closing = false;

      const tick = async () => {
        running = options.run(app).then((results) => log.debug({ results }, `${options.name} done`));
        await running;
        running = null;
        if (!closing) {
          timer = setTimeout(() => void tick(), options.intervalMs(app));
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
    { name: options.name, ...(options.dependencies ? { dependencies: options.dependencies } : {}) },
  );
}
