// The grid domain (网格员 / 代办员, DESIGN.md §1): the roster of a grid worker's residents with
// their grant state (roster.ts, grant-state.ts), asking a resident for consent (through the grants domain: `app.grants.askAsGridWorker`),
// and door-to-door tasks with their visits and the numbers and bookings made for them (tasks/).
// Its services are decorators (`app.gridRoster`, `app.gridTasks`); its policy actions: policy.ts.
import fp from 'fastify-plugin';
import { GridRoster } from './roster';
import { GridTaskService } from './tasks/service';

// The services this domain adds to the app (typed here, where they are decorated).
declare module 'fastify' {
  interface FastifyInstance {
    gridRoster: GridRoster;
    gridTasks: GridTaskService;
  }
}

export default fp(
  async (app) => {
    app.decorate('gridRoster', new GridRoster(app));
    app.decorate('gridTasks', new GridTaskService(app));
  },
  { name: 'grid', dependencies: ['policy'] },
);
