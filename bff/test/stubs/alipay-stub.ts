// A local stand-in for Alipay's OpenAPI gateway (openapi.alipay.com/gateway.do) answering
// `alipay.system.oauth.token` and `alipay.open.app.mini.templatemessage.send`. Like the real gateway it checks the public parameters, the
// timestamp window and the app's RSA2 signature, and signs every answer with "Alipay's" key,
// so a client that signs or verifies wrongly fails here exactly as it would in production.
import { createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyReply } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { TransportFault } from './index';

export interface RsaKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

export interface AlipayStubUser {
  /** 2088… id of the classic scheme. */
  userId?: string;
  /** OpenID scheme (apps created since 2023). */
  openId?: string;
}

export interface AlipayErrorFault {
  code: string;
  msg: string;
  subCode?: string;
  subMsg?: string;
}

/** `tamper-response` changes the answer after signing it, as a man in the middle would. */
export type AlipayFault = TransportFault | AlipayErrorFault | 'tamper-response' | 'unsigned-error';

/** A template message as the gateway accepted it (biz_content, with `data` parsed). */
export interface SentAlipayTemplateMessage {
  to_user_id?: string;
  to_open_id?: string;
  user_template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export interface AlipayStub {
  baseUrl: string;
  appId: string;
  /** The app's key pair: the client signs with the private key, the stub verifies with the public. */
  appKeys: RsaKeyPair;
  /** "Alipay's" key pair: the stub signs answers, the client verifies with the public key. */
  alipayKeys: RsaKeyPair;
  /** An auth code the mini-program's `my.getAuthCode` would have returned; usable once. */
  registerCode(code: string, user: AlipayStubUser): void;
  failNext(fault: AlipayFault): void;
  /** Template messages to this user id / OpenID are refused, as when they never subscribed. */
  refuseSubscription(userId: string): void;
  /** Template messages accepted so far (each request's signature was verified first). */
  sentMessages: SentAlipayTemplateMessage[];
  /** Every request's parameters as received (query and form body merged). */
  requests: Record<string, string>[];
  /** The URL query part of each request, to check what would end up in access logs. */
  requestQueries: Record<string, string>[];
  close(): Promise<void>;
}

const OAUTH_METHOD = 'alipay.system.oauth.token';
const TEMPLATE_METHOD = 'alipay.open.app.mini.templatemessage.send';
const METHODS = new Set([OAUTH_METHOD, TEMPLATE_METHOD]);
const responseNodeOf = (method: string) => `${method.replace(/\./g, '_')}_response`;
/** The gateway's limit on a template keyword's value. */
const KEYWORD_MAX = 50;
const TIMESTAMP_WINDOW_MS = 15 * 60_000;

export function generateRsaKeyPair(): RsaKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

export async function startAlipayStub(opts: { appId?: string } = {}): Promise<AlipayStub> {
  const appId = opts.appId ?? '2021000000000001';
  const appKeys = generateRsaKeyPair();
  const alipayKeys = generateRsaKeyPair();
  const codes = new Map<string, AlipayStubUser | 'used'>();
  const faults: AlipayFault[] = [];
  const refused = new Set<string>();
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  // Alipay's own serialiser escapes differently from JSON.stringify; escaping slashes and
  // non-ASCII here means a client that re-serialises instead of verifying the raw text fails.
  const toWireJson = (value: object): string =>
    JSON.stringify(value)
      .replace(/\//g, '\\/')
      .replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const signText = (text: string): string => createSign('RSA-SHA256').update(text, 'utf8').sign(alipayKeys.privateKeyPem, 'base64');

  function respond(reply: FastifyReply, node: string, value: object, mode: 'signed' | 'unsigned' | 'tampered' = 'signed'): FastifyReply {
    const nodeText = toWireJson(value);
    const sign = signText(nodeText);
    const sent = mode === 'tampered' ? nodeText.replace(/"(open_id|user_id)":"([^"]*)"/, '"$1":"$2666"') : nodeText;
    const body = mode === 'unsigned' ? `{"${node}":${sent}}` : `{"${node}":${sent},"sign":"${sign}"}`;
    return reply.type('text/html;charset=utf-8').send(body);
  }
  const fail = (reply: FastifyReply, e: AlipayErrorFault, mode: 'signed' | 'unsigned' = 'signed'): FastifyReply =>
    respond(reply, 'error_response', { code: e.code, msg: e.msg, ...(e.subCode ? { sub_code: e.subCode, sub_msg: e.subMsg ?? '' } : {}) }, mode);
  const invalid = (subCode: string, subMsg: string): AlipayErrorFault => ({ code: '40002', msg: 'Invalid Arguments', subCode, subMsg });
  const missing = (subCode: string, subMsg: string): AlipayErrorFault => ({ code: '40001', msg: 'Missing Required Arguments', subCode, subMsg });

  function checkPublicParams(p: Record<string, string>): AlipayErrorFault | undefined {
    if (!p['app_id']) return missing('isv.missing-app-id', '缺少AppID参数');
    if (!p['method']) return missing('isv.missing-method', '缺少方法名参数');
    if (!p['sign']) return missing('isv.missing-signature', '缺少签名参数');
    if (!p['sign_type']) return missing('isv.missing-signature-type', '缺少签名类型参数');
    if (!p['timestamp']) return missing('isv.missing-timestamp', '缺少时间戳参数');
    if (!p['version']) return missing('isv.missing-version', '缺少版本参数');
    if (p['app_id'] !== appId) return invalid('isv.invalid-app-id', '无效的AppID参数');
    if (!METHODS.has(p['method'])) return invalid('isv.invalid-method', '不存在的方法名');
    if (p['format'] && p['format'].toUpperCase() !== 'JSON') return invalid('isv.invalid-format', '无效的数据格式');
    if (p['charset'] && p['charset'].toLowerCase() !== 'utf-8') return invalid('isv.invalid-charset', '字符集错误');
    if (p['sign_type'] !== 'RSA2') return invalid('isv.invalid-signature-type', '无效的签名类型');
    if (p['version'] !== '1.0') return invalid('isv.invalid-version', '无效的版本');
    // The gateway reads the timestamp as Beijing time and refuses clocks that are far off.
    const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(p['timestamp']);
    const at = match ? Date.parse(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}+08:00`) : NaN;
    if (!(Math.abs(at - Date.now()) <= TIMESTAMP_WINDOW_MS)) return invalid('isv.invalid-timestamp', '非法的时间戳参数');
    // Signing string per Alipay: non-empty params except sign, sorted, raw values.
    const content = Object.keys(p)
      .filter((k) => k !== 'sign' && p[k] !== '')
      .sort()
      .map((k) => `${k}=${p[k]}`)
      .join('&');
    const valid = createVerify('RSA-SHA256').update(content, 'utf8').verify(appKeys.publicKeyPem, p['sign'], 'base64');
    if (!valid) return invalid('isv.invalid-signature', '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配');
    return undefined;
  }

  app.route({
    method: ['GET', 'POST'],
    url: '/gateway.do',
    handler: async (request, reply) => {
      const params: Record<string, string> = {
        ...(request.query as Record<string, string>),
        ...((request.body as Record<string, string> | undefined) ?? {}),
      };
      stub.requests.push(params);
      stub.requestQueries.push({ ...(request.query as Record<string, string>) });
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
      if (typeof fault === 'object' && 'httpStatus' in fault) return reply.code(fault.httpStatus).type('text/html').send('<html>bad gateway</html>');
      if (typeof fault === 'object') return fail(reply, fault);
      if (fault === 'unsigned-error') return fail(reply, { code: '20000', msg: 'Service Currently Unavailable', subCode: 'isp.unknow-error', subMsg: '系统繁忙' }, 'unsigned');

      const publicError = checkPublicParams(params);
      if (publicError) return fail(reply, publicError);
      if (params['method'] === TEMPLATE_METHOD) return sendTemplateMessage(reply, params['biz_content']);
      if (params['grant_type'] !== 'authorization_code') return fail(reply, invalid('isv.grant-type-invalid', 'grant_type参数不正确'));
      const user = codes.get(params['code'] ?? '');
      if (user === undefined || user === 'used') return fail(reply, invalid('isv.code-invalid', '授权码code无效'));
      codes.set(params['code'] ?? '', 'used');
      const token = randomBytes(16).toString('hex');
      return respond(
        reply,
        responseNodeOf(OAUTH_METHOD),
        {
          access_token: `authusrB${token}`,
          ...(user.userId ? { user_id: user.userId, alipay_user_id: `20881${token.slice(0, 11)}` } : {}),
          ...(user.openId ? { open_id: user.openId } : {}),
          expires_in: 1296000,
          re_expires_in: 2592000,
          refresh_token: `authusrB${randomBytes(16).toString('hex')}`,
          auth_start: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' '), // Beijing time
        },
        fault === 'tamper-response' ? 'tampered' : 'signed',
      );
    },
  });

  const business = (subCode: string, subMsg: string): AlipayErrorFault => ({ code: '40004', msg: 'Business Failed', subCode, subMsg });

  // Checks what the real gateway checks of a subscription message: a recipient, a template, and
  // `data` as a JSON string of keywordN → { value } with non-empty values of at most 50 characters.
  function sendTemplateMessage(reply: FastifyReply, bizContent: string | undefined): FastifyReply {
    let biz: Record<string, unknown>;
    try {
      biz = JSON.parse(bizContent ?? '') as Record<string, unknown>;
    } catch {
      return fail(reply, invalid('isv.invalid-biz-content', 'biz_content格式错误'));
    }
    const to = (biz['to_user_id'] ?? biz['to_open_id']) as unknown;
    if (typeof to !== 'string' || !to) return fail(reply, missing('isv.missing-to-user-id', '缺少接收者'));
    if (typeof biz['user_template_id'] !== 'string' || !biz['user_template_id']) return fail(reply, missing('isv.missing-user-template-id', '缺少模板ID'));
    let data: unknown;
    try {
      data = typeof biz['data'] === 'string' ? JSON.parse(biz['data']) : undefined;
    } catch {
      data = undefined;
    }
    if (typeof data !== 'object' || data === null) return fail(reply, business('INVALID_PARAMETER', 'data格式错误'));
    for (const [key, field] of Object.entries(data as Record<string, { value?: unknown }>)) {
      const value = field?.value;
      if (!/^keyword\d+$/.test(key) || typeof value !== 'string' || value === '' || [...value].length > KEYWORD_MAX) {
        return fail(reply, business('INVALID_PARAMETER', `data.${key} 不合法`));
      }
    }
    if (refused.has(to)) return fail(reply, business('USER_NOT_SUBSCRIBED', '用户未订阅该消息模板'));
    stub.sentMessages.push({ ...(biz as object), data } as SentAlipayTemplateMessage);
    return respond(reply, responseNodeOf(TEMPLATE_METHOD), { code: '10000', msg: 'Success' });
  }

  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const stub: AlipayStub = {
    baseUrl: `http://127.0.0.1:${port}/gateway.do`,
    appId,
    appKeys,
    alipayKeys,
    registerCode: (code, user) => void codes.set(code, user),
    failNext: (fault) => void faults.push(fault),
    refuseSubscription: (userId) => void refused.add(userId),
    sentMessages: [],
    requests: [],
    requestQueries: [],
    close: () => app.close(),
  };
  return stub;
}
