// Notifications (DESIGN.md §3): the outbox writers, the worker that sends, and the person's inbox.
// One instance per app, decorated as `app.notify` by plugins/app/notify.ts.
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
