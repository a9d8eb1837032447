// The policy module's plugin: `app.policy` (policy/), the route table the BOLA matrix reads, and the
// one hook that logs how each act done on someone's behalf ended and tells the person what was done —
// after the request succeeded, so a booking refused after the decision (a full slot) is never reported as done.
import fp from 'fastify-plugin';
import { Policy } from '../../policy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id of what a creating request made: the top-level `id` of its JSON answer. */
function createdIdOf(payload: unknown): string | null {
  if (typeof payload !== 'string' || !payload.startsWith('{')) return null;
  try {
    const id = (JSON.parse(payload) as { id?: unknown }).id;
    return typeof id === 'string' && UUID.test(id) ? id : null;
  } catch {
    return null;
  }
}

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
    app.decorateRequest('actsOnBehalf', null);
    // Before the answer is sent, so the person's message exists by the time the actor sees "done";
    // every answer, so an act refused after the decision (a full slot) is logged as not done.
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.actsOnBehalf) await policy.actsDone(request, createdIdOf(payload), reply.statusCode);
      return payload;
    });
  },
  { name: 'policy', dependencies: ['audit'] },
);
