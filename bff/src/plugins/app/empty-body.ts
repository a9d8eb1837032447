// An action POST (…/cancel, …/call-next, …/read, …/decide) names its object in the path and may
// take a few optional fields. A client may send no body at all, an empty one with any content type
// or none, or `{}`: all mean "no fields", on every route alike. An
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

    // An empty body means no fields whatever it is labelled (a client library that always sends
    // text/plain, say); a non-empty one that is not JSON is refused as 415 UNSUPPORTED_MEDIA_TYPE.
    // Fastify's own text/plain parser would hand a route the string '': the catch-all decides instead.
    app.removeContentTypeParser('text/plain');
    app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
      if (body.toString() === '') done(null, undefined);
      else done(Object.assign(new Error('unsupported media type'), { statusCode: 415 }), undefined);
    });

    app.addHook('preValidation', (request, _reply, done) => {
      if (request.body === undefined && request.routeOptions.schema?.body) request.body = {};
      done();
    });
  },
  { name: 'empty-body' },
);
