import fp from 'fastify-plugin';
import { Policy } from '../../policy';

export default fp(
  async (app) => {
    const policy = new Policy(app.prisma, app.audit, app.resources.clock);
    // Every route registered from here on (all of routes/), as declared: the BOLA matrix test holds
    // each one against its row in routes/access-matrix.ts, so no route goes without one.
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        policy.routes.push({ method, url: route.url, schema: route.schema, websocket: route.websocket === true });
      }
    });
    app.decorate('policy', policy);
  },
  { name: 'policy', dependencies: ['audit'] },
);
