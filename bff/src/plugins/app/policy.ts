import fp from 'fastify-plugin';
import { Policy } from '../../policy';

export default fp(
  async (app) => {
    app.decorate('policy', new Policy(app.prisma, app.audit, app.resources.clock));
  },
  { name: 'policy', dependencies: ['audit'] },
);
