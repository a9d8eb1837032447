// The part both provincial-platform stand-ins share (realname-stub.ts, licence-issuer-stub.ts):
// one signed-gateway path (integrations/signed-gateway.ts) on a local Fastify server that plays a
// queued fault, checks the app key, the timestamp window, the nonce's form and reuse and the
// HMAC-SHA256 request signature the way the platforms do, parses the JSON body and hands it to the
// stub's own handler, which answers with `answer` — signed with the request's nonce, or spoilt the
// way a tampered, stale or replayed answer would be.
import { randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyReply } from 'fastify';
import type { AddressInfo } from 'node:net';
import { gatewaySignature, requestStringToSign, responseStringToSign, sameSignature } from '../../src/integrations/signed-gateway';
import type { TransportFault } from './index';

/** A platform error code (with its HTTP status) instead of the answer. */
export type GatewayCodeFault = { code: string; httpStatus?: number };
/** How an answer's signature is spoilt: signed with another secret, left out, or signed for another request. */
export type GatewaySignatureFault = 'wrong' | 'missing' | 'replayed';

export interface GatewayRequest<F> {
  fields: Record<string, unknown>;
  /** The fault queued for this request, when it is not one this module plays itself. */
  fault: F | undefined;
  /** A 200 answer with `body`, signed with the request's nonce (or spoilt as `signature` says). */
  answer(body: unknown, signature?: GatewaySignatureFault): FastifyReply;
  /** A platform error. */
  error(status: number, code: string, message?: string): FastifyReply;
}

export interface GatewayServer {
  baseUrl: string;
  close(): Promise<void>;
}

const TIMESTAMP_WINDOW_MS = 5 * 60_000;

export async function startSignedGatewayStub<F>(opts: {
  path: string;
  appKey: string;
  appSecret: string;
  faults: (F | TransportFault | GatewayCodeFault)[];
  handle: (request: GatewayRequest<F>) => FastifyReply;
}): Promise<GatewayServer> {
  const { appKey, appSecret, faults } = opts;
  const nonces = new Set<string>();
  const app = Fastify({ logger: false, forceCloseConnections: true });
  // The signature covers the exact bytes sent, so the body is read as text and parsed here.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const error = (reply: FastifyReply, status: number, code: string, message = 'stub'): FastifyReply =>
    reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify({ code, message, requestId: randomUUID() }));

  app.post(opts.path, async (request, reply) => {
    const fault = faults.shift();
    if (fault === 'hang') {
      reply.hijack(); // never answered; forceCloseConnections ends the socket at close()
      return reply;
    }
    if (fault === 'close-socket') {
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (typeof fault === 'object' && fault !== null && 'httpStatus' in fault && !('code' in fault)) return reply.code(Number(fault.httpStatus)).type('text/html').send('<html>bad gateway</html>');
    if (typeof fault === 'object' && fault !== null && 'code' in fault && typeof fault.code === 'string') {
      const status = 'httpStatus' in fault && typeof fault.httpStatus === 'number' ? fault.httpStatus : 200;
      return error(reply, status, fault.code, 'stub fault');
    }

    const header = (name: string): string => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : '';
    };
    const body = typeof request.body === 'string' ? request.body : '';
    const timestamp = header('x-timestamp');
    const nonce = header('x-nonce');
    if (header('x-app-key') !== appKey) return error(reply, 401, 'APP_KEY_INVALID', 'unknown app key');
    if (!/^\d{13}$/.test(timestamp) || Math.abs(Number(timestamp) - Date.now()) > TIMESTAMP_WINDOW_MS) return error(reply, 401, 'TIMESTAMP_EXPIRED', 'timestamp outside the window');
    if (!/^[0-9a-f]{32}$/.test(nonce)) return error(reply, 400, 'PARAM_INVALID', 'x-nonce must be 32 hex characters');
    const expected = gatewaySignature(appSecret, requestStringToSign('POST', request.url.split('?')[0] ?? '', timestamp, nonce, body));
    if (!sameSignature(header('x-signature'), expected)) return error(reply, 401, 'SIGNATURE_INVALID', 'signature does not match');
    if (nonces.has(nonce)) return error(reply, 401, 'NONCE_REUSED', 'nonce used already');
    nonces.add(nonce);

    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    const answer = (value: unknown, signature?: GatewaySignatureFault): FastifyReply => {
      const text = JSON.stringify(value);
      const answeredAt = String(Date.now());
      const signedNonce = signature === 'replayed' ? randomBytes(16).toString('hex') : nonce;
      const secret = signature === 'wrong' ? `${appSecret}-rotated` : appSecret;
      if (signature !== 'missing') void reply.header('x-signature', gatewaySignature(secret, responseStringToSign(signedNonce, answeredAt, text)));
      return reply.code(200).header('x-timestamp', answeredAt).type('application/json; charset=utf-8').send(text);
    };
    return opts.handle({
      fields: (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>,
      fault: fault as F | undefined,
      answer,
      error: (status, code, message) => error(reply, status, code, message),
    });
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}
