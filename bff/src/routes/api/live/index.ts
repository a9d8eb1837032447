// WS /api/live?officeId=… (a hall board: public) or ?ticketId=… (its holder: token in the
// Authorization header or an access_token query parameter, since browsers cannot set headers on a
// WebSocket). The server only talks: a fresh view on connect, then after every change at the
// office, at most once a second (queue/live.ts, queue/live-views.ts). One client address keeps at
// most LIVE_SOCKETS_PER_ADDRESS sockets open on an instance (queue/live-sockets.ts): one more is
// refused before the upgrade with 429 in the error shape, and the app polls instead. A holder's
// socket closes when its session ends (4401); a grantee's, opened on the grantor's behalf
// (`onBehalfOf`), when the grant ends, on every instance (4403, grants/ends.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { UuidSchema } from '@palm/shared/server';
import { Type } from '@sinclair/typebox';
import type { WebSocket } from 'ws';
import { AppError } from '../../../lib/errors';
import { BOARD_TOPIC, ticketTopic } from '../../../queue/live-views';

const LiveQuerySchema = Type.Object(
  { officeId: Type.Optional(UuidSchema), ticketId: Type.Optional(UuidSchema), access_token: Type.Optional(Type.String({ maxLength: 2048 })), onBehalfOf: Type.Optional(UuidSchema) },
  { additionalProperties: false, minProperties: 1 },
);

/** Close code (application range 4000–4999) for a socket whose session has ended. */
const SESSION_ENDED = 4401;
/** Close code for a socket a grantee opened on the grantor's behalf once the grant has ended. */
const GRANT_ENDED = 4403;

/** A refused socket's client retries later on its own (it polls meanwhile): a hint, not a promise. */
const RETRY_AFTER_SECONDS = 30;

const live: FastifyPluginAsyncTypebox = async (app) => {
  const { tickets, liveSockets: sockets } = app;
  /** Each request's place under the cap, given back when its socket or connection closes. */
  const places = new WeakMap<FastifyRequest, () => void>();

  app.get(
    '/',
    {
      websocket: true,
      schema: { tags: ['queue'], summary: '实时排队更新（WebSocket）', querystring: LiveQuerySchema },
      // First, before sign-in and look-ups: an address at the cap costs nothing more.
      onRequest: async (request) => {
        const release = sockets.take(request.ip);
        if (!release) {
          throw new AppError('RATE_LIMITED', '同一网络打开的实时连接太多，请关闭不用的页面后再试', { retryAfterSeconds: RETRY_AFTER_SECONDS });
        }
        // The connection's end gives the place back whatever happens to the upgrade after this
        // (a handshake the ws server rejects, the socket closing later). In-process injections
        // (tests) have no connection: their socket's close gives it back.
        const connection = request.raw.socket as Socket | undefined;
        connection?.once('close', release);
        places.set(request, () => {
          // A keep-alive connection may carry many refused requests: none leaves a listener behind.
          connection?.off('close', release);
          release();
        });
      },
      // A refusal after the place was taken (not found, not signed in): an HTTP reply, no socket.
      onResponse: async (request) => places.get(request)?.(),
      preValidation: async (request) => {
        if (!request.query.ticketId) return;
        // Browsers cannot send headers with a WebSocket: the token may come as a query parameter.
        if (!request.headers.authorization && request.query.access_token) request.headers.authorization = `Bearer ${request.query.access_token}`;
        // Nor X-On-Behalf-Of: a grantee watching the grantor's ticket names her here (a ticket for
        // someone else is theirs — the policy lets it only under an active grant).
        if (!request.headers['x-on-behalf-of'] && request.query.onBehalfOf) request.headers['x-on-behalf-of'] = request.query.onBehalfOf;
        await app.authenticate(request);
      },
      preHandler: async (request) => {
        const { ticketId, officeId } = request.query;
        if (ticketId) {
          await app.policy.authorizeOwned(request, 'ticket.read', 'ticket', ticketId, await tickets.owners(ticketId));
        } else if (officeId) {
          if (!(await app.catalogue.hall(officeId))) throw new AppError('NOT_FOUND', '没有找到该办事大厅');
        }
      },
    },
    async (socket: WebSocket, request) => {
      const { ticketId, officeId: boardOfficeId } = request.query;
      // preHandler found the ticket (or office); its office is where its place can move.
      const officeId = ticketId ? (await tickets.owners(ticketId))?.officeId : boardOfficeId;
      if (!officeId) {
        places.get(request)?.();
        return socket.close(1011);
      }
      const unsubscribe = app.live.subscribe({
        officeId,
        topic: ticketId ? ticketTopic(ticketId) : BOARD_TOPIC,
        send: (message) => {
          if (socket.readyState === socket.OPEN) socket.send(message);
        },
      });
      const release = places.get(request);
      // A holder's socket ends with the session that opened it (logout, a reused refresh token, an
      // admin's block): 4401 tells the app to sign in again rather than reconnect.
      const sessionId = request.auth?.sessionId;
      const endSocket = () => socket.close(SESSION_ENDED, 'session ended');
      const unwatch = sessionId ? app.sessions.watch(sessionId, endSocket) : undefined;
      // Watching the grantor's ticket on her behalf (the policy allowed it under an active grant):
      // the socket ends with the grant — revoked, disputed, expired — on whichever instance it ends.
      const grantorId = ticketId && request.auth ? app.policy.subjectOf(request) : null;
      const pair = grantorId && request.auth && grantorId !== request.auth.userId ? { grantorId, granteeId: request.auth.userId } : null;
      const endGrant = () => socket.close(GRANT_ENDED, 'grant ended');
      const unwatchGrant = pair ? app.grantEnds.watch(pair, endGrant) : undefined;
      // The message above can be lost (Redis down when the grant ended), and a grant that simply
      // runs out ends without one until the expiry job's next minute: an on-behalf socket also reads
      // its grant again every LIVE_GRANT_RECHECK_MS. A failed read keeps it open (the next one decides).
      const recheck = pair
        ? setInterval(() => {
            void app.grants.inForce(pair).then((inForce) => inForce || endGrant(), () => undefined);
          }, app.config.LIVE_GRANT_RECHECK_MS).unref()
        : undefined;
      socket.on('close', () => {
        if (recheck) clearInterval(recheck);
        unsubscribe();
        unwatch?.();
        unwatchGrant?.();
        release?.();
      });
      socket.on('error', unsubscribe);
      // The session may have ended between the token check and the watch: look once more.
      if (sessionId && (await app.sessions.isRevoked(sessionId).catch(() => false))) endSocket();
      // And the grant too.
      if (pair && !(await app.grants.inForce(pair).catch(() => true))) endGrant();
    },
  );
};

export default live;
