// A local stand-in for a provincial identity platform's 二要素核验 gateway, speaking the protocol of
// integrations/realname.ts (README there): it checks the app key, the timestamp window, nonce
// reuse and the HMAC-SHA256 request signature the way the platform does, answers by the demo
// register's rule (integrations/realname-demo.ts: seeded people match their own name only, other
// numbers match any name not ending in 不符, plus whatever a test registers) and signs its answer
// with the request's nonce.
import { randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyReply } from 'fastify';
import type { AddressInfo } from 'node:net';
import {
  REAL_NAME_SUCCESS_CODE,
  REAL_NAME_VERIFY_PATH,
  realNameSignature,
  requestStringToSign,
  responseStringToSign,
  sameSignature,
  type RealNameResult,
} from '../../src/integrations/realname';
import { demoRegister, registerVerdict } from '../../src/integrations/realname-demo';
import type { TransportFault } from './index';

/**
 * What the next request gets instead of its normal answer: a transport fault, a platform error
 * code (with its HTTP status), a verdict regardless of the register, or a verdict whose signature
 * is wrong or missing (as if changed in transit, or from a platform whose key was rotated).
 */
export type RealNameFault =
  | TransportFault
  | { code: string; httpStatus?: number }
  | { result: RealNameResult }
  | { result: RealNameResult; signature: 'wrong' | 'missing' | 'replayed' };

export interface RealNameCheck {
  name: string;
  idNumber: string;
  result: RealNameResult;
  verifyId: string;
}

export interface RealNameStub {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  /** Adds a person to the register: from now on `idNumber` matches `name` only. */
  register(idNumber: string, name: string): void;
  failNext(fault: RealNameFault): void;
  /** Checks answered with a verdict, oldest first (what the platform would bill). */
  checks: RealNameCheck[];
  close(): Promise<void>;
}

const TIMESTAMP_WINDOW_MS = 5 * 60_000;

export async function startRealNameStub(opts: { appKey?: string; appSecret?: string } = {}): Promise<RealNameStub> {
  const appKey = opts.appKey ?? 'palm-stub-app-key';
  const appSecret = opts.appSecret ?? randomBytes(24).toString('base64');
  const register = demoRegister();
  const faults: RealNameFault[] = [];
  const nonces = new Set<string>();
  const app = Fastify({ logger: false, forceCloseConnections: true });
  // The signature covers the exact bytes sent, so the body is read as text and parsed here.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const error = (reply: FastifyReply, status: number, code: string, message: string): FastifyReply =>
    reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify({ code, message, requestId: randomUUID() }));

  /** A signed verdict; `signature` spoils it the way a tampered or replayed answer would be. */
  const verdict = (reply: FastifyReply, nonce: string, result: RealNameResult, verifyId: string, signature?: 'wrong' | 'missing' | 'replayed'): FastifyReply => {
    const body = JSON.stringify({ code: REAL_NAME_SUCCESS_CODE, message: '成功', data: { result, verifyId } });
    const timestamp = String(Date.now());
    const signedNonce = signature === 'replayed' ? randomBytes(16).toString('hex') : nonce;
    const secret = signature === 'wrong' ? `${appSecret}-rotated` : appSecret;
    if (signature !== 'missing') void reply.header('x-signature', realNameSignature(secret, responseStringToSign(signedNonce, timestamp, body)));
    return reply.code(200).header('x-timestamp', timestamp).type('application/json; charset=utf-8').send(body);
  };

  app.post(REAL_NAME_VERIFY_PATH, async (request, reply) => {
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
    if (fault && 'httpStatus' in fault && !('code' in fault)) return reply.code(fault.httpStatus).type('text/html').send('<html>bad gateway</html>');
    if (fault && 'code' in fault) return error(reply, fault.httpStatus ?? 200, fault.code, 'stub fault');

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
    const expected = realNameSignature(appSecret, requestStringToSign('POST', request.url.split('?')[0] ?? '', timestamp, nonce, body));
    if (!sameSignature(header('x-signature'), expected)) return error(reply, 401, 'SIGNATURE_INVALID', 'signature does not match');
    if (nonces.has(nonce)) return error(reply, 401, 'NONCE_REUSED', 'nonce used already');
    nonces.add(nonce);

    let fields: unknown;
    try {
      fields = JSON.parse(body);
    } catch {
      fields = undefined;
    }
    const { name, idNumber, serialNo } = (typeof fields === 'object' && fields !== null ? fields : {}) as Record<string, unknown>;
    if (typeof name !== 'string' || !name || typeof idNumber !== 'string' || !/^\d{17}[\dX]$/.test(idNumber) || typeof serialNo !== 'string' || !serialNo) {
      return error(reply, 400, 'PARAM_INVALID', 'name, idNumber (18 characters, upper-case X) and serialNo are required');
    }
    const result = fault && 'result' in fault ? fault.result : registerVerdict(register, name, idNumber);
    const verifyId = randomUUID();
    stub.checks.push({ name, idNumber, result, verifyId });
    return verdict(reply, nonce, result, verifyId, fault && 'signature' in fault ? fault.signature : undefined);
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const stub: RealNameStub = {
    baseUrl: `http://127.0.0.1:${port}`,
    appKey,
    appSecret,
    register: (idNumber, name) => void register.set(idNumber, name),
    failNext: (fault) => void faults.push(fault),
    checks: [],
    close: () => app.close(),
  };
  return stub;
}
