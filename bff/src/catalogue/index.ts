// The catalogue domain: services and their guides, halls, their hours and the working-day
// calendar. Its service is a decorator (`app.catalogue`, service.ts); its policy (the public
// `catalogue.read` and the office as an object by id): policy.ts.
import fp from 'fastify-plugin';
import { Catalogue } from './service';

// The service this domain adds to the app (typed here, where it is decorated).
declare module 'fastify' {
  interface FastifyInstance {
    catalogue: Catalogue;
  }
}

export default fp(
  async (app) => {
    app.decorate('catalogue', new Catalogue(app));
  },
  { name: 'catalogue' },
);
