// The queue domain (排队叫号): taking and holding numbers (tickets/), working a window
// (calling.ts), the window's panel (counter-panel.ts), a hall's board, preview and accuracy
// (hall-queue.ts), and live updates to boards and holders (live.ts, live-views.ts; the sockets an
// address may hold, live-sockets.ts). Its services are decorators (`app.tickets`, `app.calling`,
// `app.counterPanel`, `app.queue`, `app.live`, `app.liveSockets`); its policy actions: policy.ts;
// its notification kinds: notifications.ts.
import fp from 'fastify-plugin';
import { CallingService } from './calling';
import { CounterPanel } from './counter-panel';
import { HallQueue } from './hall-queue';
import { LiveHub } from './live';
import { AddressSockets } from './live-sockets';
import { liveRenderer } from './live-views';
import { TicketService } from './tickets';

// The services this domain adds to the app (typed here, where they are decorated).
declare module 'fastify' {
  interface FastifyInstance {
    tickets: TicketService;
    calling: CallingService;
    counterPanel: CounterPanel;
    queue: HallQueue;
    live: LiveHub;
    liveSockets: AddressSockets;
  }
}

export default fp(
  async (app) => {
    const tickets = new TicketService(app);
    app.decorate('tickets', tickets);
    app.decorate('calling', new CallingService(app, tickets));
    app.decorate('counterPanel', new CounterPanel(app.prisma));
    app.decorate('queue', new HallQueue(app));
    // Counted per instance: a socket's cost and life are this process's (live-sockets.ts).
    app.decorate('liveSockets', new AddressSockets(app.config.LIVE_SOCKETS_PER_ADDRESS));

    const hub = new LiveHub(app.resources.redis, liveRenderer(app), (err) => app.log.warn({ err }, 'live updates'));
    await hub.start();
    app.decorate('live', hub);
    app.addHook('onClose', async () => hub.close());
  },
  // Every change at an office has "turn is near" evaluated (notify's enqueuer).
  { name: 'queue', dependencies: ['notify'] },
);
