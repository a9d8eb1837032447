// The appointment slot job (./slots.ts): once when the app is ready — so a fresh
// `npm start` has slots to show — and then every day at 00:05 Asia/Shanghai, well before the 08:00
// 放号 of any rule. Every instance runs it; the job is idempotent, so they cannot double a slot.
// The timer is unref'd and cleared on close; off under NODE_ENV=test (tests call generateSlots).
import fp from 'fastify-plugin';
import { addDays, zonedDateTimeToInstant } from '@palm/shared';
import { generateSlots } from './slots';

const DAILY_AT = '00:05';

export default fp(
  async (app) => {
    if (!app.config.slotJobEnabled) return;
    const clock = app.resources.clock;
    const log = app.log.child({ module: 'slots' });
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<unknown> | null = null;
    let closing = false;

    const run = async () => {
      running = generateSlots({ prisma: app.prisma, resources: app.resources, log })
        .then((summary) => log.info({ summary }, 'slot job done'))
        .catch((err: unknown) => log.warn({ err }, 'slot job failed; the next run retries'));
      await running;
      running = null;
    };
    const scheduleNext = () => {
      if (closing) return;
      const now = clock.now();
      let next = zonedDateTimeToInstant(clock.businessDate(now), DAILY_AT);
      if (next <= now) next = zonedDateTimeToInstant(addDays(clock.businessDate(now), 1), DAILY_AT);
      timer = setTimeout(() => {
        void run().finally(scheduleNext);
      }, next.getTime() - now.getTime());
      timer.unref();
    };

    app.addHook('onReady', async () => {
      await run();
      scheduleNext();
    });
    app.addHook('onClose', async () => {
      closing = true;
      if (timer) clearTimeout(timer);
      await running;
    });
  },
  { name: 'slots' },
);
