// The notification domain (DESIGN.md §3): the outbox writers, the worker that sends, and the
// person's inbox, decorated as `app.notify`. The worker runs on an unref'd interval when enabled
// (NOTIFY_WORKER_ENABLED; off under NODE_ENV=test, where tests call runOnce()), and closing the
// app stops it and waits for the pass and the near evaluations in flight. The kinds are declared
// by the domains that send them (kinds.ts); its own policy actions: policy.ts.
import fp from 'fastify-plugin';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import type { AppResources } from '../resources';
import { NotificationEnqueuer } from './enqueue';
import { Inbox } from './inbox';
import { templateTable, type TemplateTable } from './templates';
import { NotificationWorker } from './worker';

export interface Notify {
  templates: TemplateTable;
  enqueuer: NotificationEnqueuer;
  worker: NotificationWorker;
  inbox: Inbox;
}

export function createNotify(config: Config, resources: AppResources, log: FastifyBaseLogger): Notify {
  const templates = templateTable(config, resources.integrations);
  const prisma = resources.db.prisma;
  return {
    templates,
    enqueuer: new NotificationEnqueuer(prisma, resources.clock, templates, log),
    worker: new NotificationWorker(prisma, resources.integrations, resources.clock, log, {
      batchSize: config.NOTIFY_BATCH_SIZE,
      maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
      miniprogramState: config.WECHAT_MINIPROGRAM_STATE,
    }),
    inbox: new Inbox(prisma, resources.clock, templates),
  };
}

// The service this domain adds to the app (typed here, where it is decorated).
declare module 'fastify' {
  interface FastifyInstance {
    notify: Notify;
  }
}

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
