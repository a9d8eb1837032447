// The catalogue domain: services and their guides, halls, their hours and the working-day
// calendar. Its services are decorators (`app.catalogue`, service.ts; `app.calendarReloads` and
// `app.searchReloads`, reloads.ts: every instance drops its cached calendar after an import, its
// cached search results after a guide edit); its policy (the public `catalogue.read` and the
// office as an object by id): policy.ts. At start it warns in the log when any of the next 60
// days falls in a year whose holiday notice is not loaded (calendar.ts).
import fp from 'fastify-plugin';
import { calendarCacheFor } from './calendar';
import { CacheReloads, CALENDAR_CHANNEL, SEARCH_CHANNEL } from './reloads';
import { Catalogue } from './service';

// The services this domain adds to the app (typed here, where they are decorated).
declare module 'fastify' {
  interface FastifyInstance {
    catalogue: Catalogue;
    calendarReloads: CacheReloads;
    searchReloads: CacheReloads;
  }
}

export default fp(
  async (app) => {
    const catalogue = new Catalogue(app);
    app.decorate('catalogue', catalogue);
    const onError = (err: unknown, context: string) => app.log.warn({ err }, context);
    const calendar = new CacheReloads(app.resources, CALENDAR_CHANNEL, 'calendar', () => calendarCacheFor(app.resources).invalidate(), onError);
    const search = new CacheReloads(app.resources, SEARCH_CHANNEL, 'service search', () => catalogue.clearSearches(), onError);
    for (const reloads of [calendar, search]) {
      reloads.start();
      app.addHook('onClose', async () => reloads.close());
    }
    app.decorate('calendarReloads', calendar);
    app.decorate('searchReloads', search);
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
