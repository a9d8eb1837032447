// An action POST (…/cancel, …/call-next, …/read, …/decide) names its object in the path and may
// take a few optional fields. A client may send no body at all, an empty one with or without
// `Content-Type: application/json`, or `{}`: all four mean "no fields", on every route alike. An
// empty JSON body parses to nothing (Fastify's parser refuses it), and a route that declares a body
// schema then gets `{}` to validate — so a missing required field is still a 400 naming the field.
import fp from 'fastify-plugin';

export default fp(
  async (app) => {
    // The default parser, with the server's prototype-poisoning settings, for every non-empty body.
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      const text = body.toString();
      if (text === '') done(null, undefined);
      else parseJson(request, text, done);
    });

    app.addHook('preValidation', (request, _reply, done) => {
      if (request.body === undefined && request.routeOptions.schema?.body) request.body = {};
      done();
    });
  },
  { name: 'empty-body' },
);
