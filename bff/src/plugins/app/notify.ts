// `app.notify`: the notification outbox (bff/src/notify). The worker runs on an unref'd interval
// when enabled (NOTIFY_WORKER_ENABLED; off under NODE_ENV=test, where tests call runOnce()), and
// closing the app stops it and waits for the pass and the near evaluations in flight.
import fp from 'fastify-plugin';
import { createNotify } from '../../notify';

export default fp(
  async (app) => {
    const notify = createNotify(app.config, app.resources, app.log.child({ module: 'notify' }));
    app.decorate('notify', notify);
    let timer: NodeJS.Timeout | null = null;
    if (app.config.notifyWorkerEnabled) {
      app.addHook('onReady', async () => {
        timer = setInterval(() => {
          notify.worker.runOnce().catch((err: unknown) => app.log.warn({ err }, 'notification worker pass failed'));
        }, app.config.NOTIFY_WORKER_INTERVAL_MS);
        timer.unref();
      });
    }
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
      await Promise.all([notify.worker.idle(), notify.enqueuer.settled()]);
    });
  },
  { name: 'notify' },
);
