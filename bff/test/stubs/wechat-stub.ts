// A local stand-in for api.weixin.qq.com speaking the same protocol: GET /sns/jscode2session,
// GET /cgi-bin/token, POST /cgi-bin/message/subscribe/send. It enforces what WeChat enforces
// (credentials, single-use codes, token validity, field lengths) so client bugs show up here.
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { TransportFault } from './index';

export interface WechatStubUser {
  openid: string;
  unionid?: string;
}

export type WechatEndpoint = 'jscode2session' | 'token' | 'send';
export type WechatFault = TransportFault | { errcode: number; errmsg?: string };

export interface SentSubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
}

export interface WechatStub {
  baseUrl: string;
  appId: string;
  appSecret: string;
  /** A code that `wx.login` would have handed the mini-program; usable once, like WeChat's. */
  registerCode(code: string, user: WechatStubUser): void;
  /** The next request to `endpoint` gets `fault` instead of its normal answer (queued, FIFO). */
  failNext(endpoint: WechatEndpoint, fault: WechatFault): void;
  /** Sends to this user answer 43101, as when they never accepted the template. */
  refuseSubscription(openId: string): void;
  /** Every token issued so far stops working with 40001 (replaced) or 42001 (expired). */
  invalidateTokens(errcode?: 40001 | 42001): void;
  /** `expires_in` of tokens issued from now on (WeChat: 7200). */
  tokenExpiresIn: number;
  tokensIssued: number;
  sent: SentSubscribeMessage[];
  close(): Promise<void>;
}

const THING_MAX = 20;

export async function startWechatStub(opts: { appId?: string; appSecret?: string } = {}): Promise<WechatStub> {
  const appId = opts.appId ?? 'wx-stub-app';
  const appSecret = opts.appSecret ?? randomBytes(16).toString('hex');
  const codes = new Map<string, WechatStubUser | 'used'>();
  const faults: Record<WechatEndpoint, WechatFault[]> = { jscode2session: [], token: [], send: [] };
  const refused = new Set<string>();
  // token → 0 when valid, else the errcode it now answers with.
  const tokens = new Map<string, number>();
  const app = Fastify({ logger: false, forceCloseConnections: true });

  // WeChat serves some answers as text/plain; clients must not rely on the content type.
  const answer = (reply: FastifyReply, body: object): FastifyReply => reply.type('text/plain').send(JSON.stringify(body));
  const err = (reply: FastifyReply, errcode: number, errmsg: string): FastifyReply => answer(reply, { errcode, errmsg: `${errmsg} rid: ${randomBytes(4).toString('hex')}` });

  /** Returns true when a fault was applied and the handler must stop. */
  function applyFault(endpoint: WechatEndpoint, request: FastifyRequest, reply: FastifyReply): boolean {
    const fault = faults[endpoint].shift();
    if (fault === undefined) return false;
    if (fault === 'hang') {
      reply.hijack(); // never answered; forceCloseConnections ends the socket at close()
    } else if (fault === 'close-socket') {
      reply.hijack();
      request.raw.socket.destroy();
    } else if ('httpStatus' in fault) {
      void reply.code(fault.httpStatus).type('text/html').send('<html><body>upstream error</body></html>');
    } else {
      void err(reply, fault.errcode, fault.errmsg ?? 'stub fault');
    }
    return true;
  }

  function checkCredentials(query: Record<string, string | undefined>, reply: FastifyReply): boolean {
    if (query['appid'] !== appId) {
      void err(reply, 40013, 'invalid appid');
      return false;
    }
    if (query['secret'] !== appSecret) {
      void err(reply, 40125, 'invalid appsecret');
      return false;
    }
    return true;
  }

  app.get('/sns/jscode2session', async (request, reply) => {
    if (applyFault('jscode2session', request, reply)) return reply;
    const query = request.query as Record<string, string | undefined>;
    if (!checkCredentials(query, reply)) return reply;
    if (query['grant_type'] !== 'authorization_code') return err(reply, 40002, 'invalid grant_type');
    const code = query['js_code'];
    if (!code) return err(reply, 41008, 'missing code');
    const user = codes.get(code);
    if (user === undefined) return err(reply, 40029, 'invalid code');
    if (user === 'used') return err(reply, 40163, 'code been used');
    codes.set(code, 'used');
    return answer(reply, { session_key: randomBytes(16).toString('base64'), ...user });
  });

  app.get('/cgi-bin/token', async (request, reply) => {
    if (applyFault('token', request, reply)) return reply;
    const query = request.query as Record<string, string | undefined>;
    if (query['grant_type'] !== 'client_credential') return err(reply, 40002, 'invalid grant_type');
    if (!checkCredentials(query, reply)) return reply;
    const token = `STUB_TOKEN_${++stub.tokensIssued}_${randomBytes(8).toString('hex')}`;
    tokens.set(token, 0);
    return reply.type('application/json').send({ access_token: token, expires_in: stub.tokenExpiresIn });
  });

  app.post('/cgi-bin/message/subscribe/send', async (request, reply) => {
    if (applyFault('send', request, reply)) return reply;
    const token = (request.query as Record<string, string | undefined>)['access_token'] ?? '';
    const tokenState = tokens.get(token);
    if (tokenState === undefined) return err(reply, 40001, 'invalid credential, access_token is invalid or not latest');
    if (tokenState !== 0) return err(reply, tokenState, tokenState === 42001 ? 'access_token expired' : 'invalid credential, access_token is invalid or not latest');
    const body = request.body as Partial<SentSubscribeMessage> | undefined;
    if (!body?.touser || !body.template_id || typeof body.data !== 'object') return err(reply, 47001, 'data format error');
    for (const [key, field] of Object.entries(body.data)) {
      if (/^thing\d+$/.test(key) && [...(field?.value ?? '')].length > THING_MAX) return err(reply, 47003, `argument invalid! data.${key}.value`);
    }
    if (refused.has(body.touser)) return err(reply, 43101, 'user refuse to accept the msg');
    stub.sent.push(body as SentSubscribeMessage);
    return answer(reply, { errcode: 0, errmsg: 'ok', msgid: stub.sent.length });
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;

  const stub: WechatStub = {
    baseUrl: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    registerCode: (code, user) => void codes.set(code, user),
    failNext: (endpoint, fault) => void faults[endpoint].push(fault),
    refuseSubscription: (openId) => void refused.add(openId),
    invalidateTokens: (errcode = 40001) => {
      for (const token of tokens.keys()) tokens.set(token, errcode);
    },
    tokenExpiresIn: 7200,
    tokensIssued: 0,
    sent: [],
    close: () => app.close(),
  };
  return stub;
}
