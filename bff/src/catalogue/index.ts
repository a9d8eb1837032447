// The catalogue domain: services and their guides, halls, their hours and the working-day
// calendar. Its services are decorators (`app.catalogue`, service.ts; `app.calendarReloads`,
// calendar-reload.ts: every instance reloads the calendar after an import); its policy (the public
// `catalogue.read` and the office as an object by id): policy.ts. At start it warns in the log
// when any of the next 60 days falls in a year whose holiday notice is not loaded (calendar.ts).
import fp from 'fastify-plugin';
import { CalendarReloads } from './calendar-reload';
import { Catalogue } from './service';

// The services this domain adds to the app (typed here, where they are decorated).
declare module 'fastify' {
  interface FastifyInstance {
    catalogue: Catalogue;
    calendarReloads: CalendarReloads;
  }
}

export default fp(
  async (app) => {
    app.decorate('catalogue', new Catalogue(app));
    const reloads = new CalendarReloads(app.resources, (err, context) => app.log.warn({ err }, context));
    reloads.start();
    app.decorate('calendarReloads', reloads);
    app.addHook('onClose', async () => reloads.close());
    app.addHook('onReady', async () => {
      const coverage = await app.catalogue.calendarCoverage().catch((err: unknown) => {
        app.log.warn({ err }, 'holiday calendar coverage could not be checked at start');
        return null;
      });
      if (coverage?.warning) app.log.warn({ calendar: coverage }, coverage.warning);
    });
  },
  { name: 'catalogue' },
);
