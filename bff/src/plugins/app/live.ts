import fp from 'fastify-plugin';
import { LiveHub } from '../../queue/live';
import { liveRenderer } from '../../queue/live-views';

export default fp(
  async (app) => {
    const hub = new LiveHub(app.resources.redis, liveRenderer(app), (err) => app.log.warn({ err }, 'live updates'));
    await hub.start();
    app.decorate('live', hub);
    app.addHook('onClose', async () => hub.close());
  },
  { name: 'live' },
);
