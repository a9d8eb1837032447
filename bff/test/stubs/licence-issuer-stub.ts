// A local stand-in for the provincial e-licence platform, speaking the protocol of
// integrations/licence-issuer.ts: it checks the app key, the timestamp window, nonce reuse and the
// HMAC-SHA256 request signature the way the platform does, answers from the demo register
// (integrations/licence-issuer-demo.ts: the seeded people's licences, by ID number and matching
// name; anyone else has none) plus whatever a test sets, and signs its answer with the request's
// nonce. `failNext` spoils the next answer the ways a platform or the wire can.
import { randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyReply } from 'fastify';
import type { AddressInfo } from 'node:net';
import { LICENCE_QUERY_PATH, LICENCE_SUCCESS_CODE, type IssuedLicence } from '../../src/integrations/licence-issuer';
import { demoLicenceRegister } from '../../src/integrations/licence-issuer-demo';
import { realNameSignature, requestStringToSign, responseStringToSign, sameSignature } from '../../src/integrations/realname';
import type { TransportFault } from './index';

export type LicenceIssuerFault = TransportFault | { code: string; httpStatus?: number } | { signature: 'wrong' | 'missing' | 'replayed' } | { body: unknown };

export interface LicenceIssuerStub {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  /** From now on `idNumber` (with `name`) holds exactly these licences. */
  set(idNumber: string, name: string, licences: IssuedLicence[]): void;
  failNext(fault: LicenceIssuerFault): void;
  /** The queries answered, oldest first (ID numbers as asked). */
  queries: { name: string; idNumber: string }[];
  close(): Promise<void>;
}

const TIMESTAMP_WINDOW_MS = 5 * 60_000;

export async function startLicenceIssuerStub(opts: { appKey?: string; appSecret?: string } = {}): Promise<LicenceIssuerStub> {
  const appKey = opts.appKey ?? 'palm-stub-licence-key';
  const appSecret = opts.appSecret ?? randomBytes(24).toString('base64');
  const register = demoLicenceRegister();
  const faults: LicenceIssuerFault[] = [];
  const nonces = new Set<string>();
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const error = (reply: FastifyReply, status: number, code: string): FastifyReply =>
    reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify({ code, message: 'stub', requestId: randomUUID() }));

  app.post(LICENCE_QUERY_PATH, async (request, reply) => {
    const fault = faults.shift();
    if (fault === 'hang') {
      reply.hijack();
      return reply;
    }
    if (fault === 'close-socket') {
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (fault && typeof fault === 'object' && 'httpStatus' in fault && !('code' in fault)) return reply.code(fault.httpStatus).type('text/html').send('<html>bad gateway</html>');
    if (fault && typeof fault === 'object' && 'code' in fault) return error(reply, fault.httpStatus ?? 200, fault.code);

    const header = (name: string): string => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : '';
    };
    const body = typeof request.body === 'string' ? request.body : '';
    const timestamp = header('x-timestamp');
    const nonce = header('x-nonce');
    if (header('x-app-key') !== appKey) return error(reply, 401, 'APP_KEY_INVALID');
    if (!/^\d{13}$/.test(timestamp) || Math.abs(Number(timestamp) - Date.now()) > TIMESTAMP_WINDOW_MS) return error(reply, 401, 'TIMESTAMP_EXPIRED');
    if (!/^[0-9a-f]{32}$/.test(nonce)) return error(reply, 400, 'PARAM_INVALID');
    const expected = realNameSignature(appSecret, requestStringToSign('POST', request.url.split('?')[0] ?? '', timestamp, nonce, body));
    if (!sameSignature(header('x-signature'), expected)) return error(reply, 401, 'SIGNATURE_INVALID');
    if (nonces.has(nonce)) return error(reply, 401, 'NONCE_REUSED');
    nonces.add(nonce);

    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    const { name, idNumber } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
    if (typeof name !== 'string' || !name || typeof idNumber !== 'string' || !/^\d{17}[\dX]$/.test(idNumber)) return error(reply, 400, 'PARAM_INVALID');
    stub.queries.push({ name, idNumber });
    const entry = register.get(idNumber);
    const licences = entry && entry.name === name ? entry.licences : [];
    const answer = fault && typeof fault === 'object' && 'body' in fault ? fault.body : { code: LICENCE_SUCCESS_CODE, message: '成功', data: { licences } };
    const text = JSON.stringify(answer);
    const answeredAt = String(Date.now());
    const signature = fault && typeof fault === 'object' && 'signature' in fault ? fault.signature : undefined;
    const signedNonce = signature === 'replayed' ? randomBytes(16).toString('hex') : nonce;
    const secret = signature === 'wrong' ? `${appSecret}-rotated` : appSecret;
    if (signature !== 'missing') void reply.header('x-signature', realNameSignature(secret, responseStringToSign(signedNonce, answeredAt, text)));
    return reply.code(200).header('x-timestamp', answeredAt).type('application/json; charset=utf-8').send(text);
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const stub: LicenceIssuerStub = {
    baseUrl: `http://127.0.0.1:${port}`,
    appKey,
    appSecret,
    set: (idNumber, name, licences) => void register.set(idNumber, { name, licences }),
    failNext: (fault) => void faults.push(fault),
    queries: [],
    close: () => app.close(),
  };
  return stub;
}
