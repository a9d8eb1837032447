// Every reply says the BFF's time, `x-server-time` in epoch milliseconds from the one clock
// (lib/clock.ts, pinned by PALM_CLOCK outside production), so the app shows the hall's time and
// "today" and never the device's (DESIGN.md §4 "Time shown to people"). A header rather than a
// time route: every answer the app already waits for keeps its offset fresh at no extra request.
// `Date` is whole seconds and not readable by H5 across origins; CORS exposes this one (cors.ts).
import fp from 'fastify-plugin';

export const SERVER_TIME_HEADER = 'x-server-time';

export default fp(
  async (app) => {
    // onSend: as close to the bytes leaving as a hook gets, and it runs for errors and 404s too.
    app.addHook('onSend', (_request, reply, payload, done) => {
      reply.header(SERVER_TIME_HEADER, String(app.resources.clock.now().getTime()));
      done(null, payload);
    });
  },
  { name: 'server-time' },
);
