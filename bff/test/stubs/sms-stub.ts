// A local stand-in for Aliyun Dysmsapi (dysmsapi.aliyuncs.com) answering `SendSms`, version
// 2017-05-25, by GET query or POST form. It checks the POP common parameters, the timestamp
// window, nonce reuse and the HMAC-SHA1 signature, then the SMS rules (signature name, template,
// number), and records what a phone would have received so tests can read the OTP.
import { randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyReply } from 'fastify';
import type { AddressInfo } from 'node:net';
import { popSignature } from '../../src/integrations/sms';
import type { TransportFault } from './index';

export type SmsFault = TransportFault | { code: string; message?: string; httpStatus?: number };

export interface SmsSent {
  phone: string;
  templateParam: Record<string, string>;
  signName: string;
  templateCode: string;
  bizId: string;
}

export interface SmsStub {
  baseUrl: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  /** Messages accepted, oldest first. */
  sent: SmsSent[];
  /** The `code` variable of the newest message to `phone` (what the citizen would type in). */
  lastCodeFor(phone: string): string | undefined;
  failNext(fault: SmsFault): void;
  close(): Promise<void>;
}

export interface SmsStubOptions {
  accessKeyId?: string;
  accessKeySecret?: string;
  signName?: string;
  templateCode?: string;
  /** Aliyun's default per-number minute limit is 1; off unless set, so tests opt in. */
  perPhonePerMinute?: number;
}

const TIMESTAMP_WINDOW_MS = 15 * 60_000;
const MAINLAND_MOBILE = /^(?:\+?86|0086)?1[3-9]\d{9}$/;

export async function startSmsStub(opts: SmsStubOptions = {}): Promise<SmsStub> {
  const accessKeyId = opts.accessKeyId ?? 'LTAIstubAccessKeyId';
  const accessKeySecret = opts.accessKeySecret ?? randomBytes(15).toString('base64');
  const signName = opts.signName ?? '掌上办';
  const templateCode = opts.templateCode ?? 'SMS_000000001';
  const faults: SmsFault[] = [];
  const nonces = new Set<string>();
  const recentByPhone = new Map<string, number[]>();
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const answer = (reply: FastifyReply, status: number, code: string, message: string, extra: object = {}): FastifyReply =>
    reply.code(status).type('application/json;charset=utf-8').send({ RequestId: randomUUID().toUpperCase(), Code: code, Message: message, ...extra });
  // POP-level failures carry HostId and Recommend and a 4xx status; business failures are 200.
  const popError = (reply: FastifyReply, status: number, code: string, message: string): FastifyReply =>
    answer(reply, status, code, message, { HostId: 'dysmsapi.aliyuncs.com', Recommend: 'https://api.aliyun.com/troubleshoot' });

  app.route({
    method: ['GET', 'POST'],
    url: '/',
    handler: async (request, reply) => {
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
      if (fault && 'httpStatus' in fault && !('code' in fault)) return reply.code(fault.httpStatus).type('text/html').send('<html>bad gateway</html>');
      if (fault && 'code' in fault) return answer(reply, fault.httpStatus ?? 200, fault.code, fault.message ?? 'stub fault');

      const method = request.method === 'GET' ? 'GET' : 'POST';
      const p: Record<string, string> = method === 'GET' ? (request.query as Record<string, string>) : ((request.body as Record<string, string> | undefined) ?? {});
      for (const name of ['AccessKeyId', 'Action', 'Signature', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp', 'Version']) {
        if (!p[name]) return popError(reply, 400, 'MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
      }
      if (p['Version'] !== '2017-05-25') return popError(reply, 400, 'InvalidVersion', 'Specified parameter Version is not valid.');
      if (p['Action'] !== 'SendSms') return popError(reply, 404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
      if (p['Format'] && p['Format'] !== 'JSON') return popError(reply, 400, 'InvalidParameter', 'This stub speaks Format=JSON only.');
      if (p['SignatureMethod'] !== 'HMAC-SHA1' || p['SignatureVersion'] !== '1.0') return popError(reply, 400, 'InvalidSignatureMethod', 'Specified signature method is not valid.');
      if (p['AccessKeyId'] !== accessKeyId) return popError(reply, 404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
      const ts = p['Timestamp'] ?? '';
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(ts)) return popError(reply, 400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
      if (!(Math.abs(Date.parse(ts) - Date.now()) <= TIMESTAMP_WINDOW_MS)) return popError(reply, 400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
      const expected = popSignature(method, p, accessKeySecret);
      if (p['Signature'] !== expected) {
        // Aliyun really does echo its string-to-sign (phone and OTP included); the client must
        // never copy this message anywhere.
        return popError(reply, 400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${JSON.stringify(p)}`);
      }
      const nonce = p['SignatureNonce'] ?? '';
      if (nonces.has(nonce)) return popError(reply, 400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
      nonces.add(nonce);

      const phone = p['PhoneNumbers'] ?? '';
      if (p['SignName'] !== signName) return answer(reply, 200, 'isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
      if (p['TemplateCode'] !== templateCode) return answer(reply, 200, 'isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
      if (!MAINLAND_MOBILE.test(phone)) return answer(reply, 200, 'isv.MOBILE_NUMBER_ILLEGAL', `${phone}invalid`);
      let templateParam: unknown;
      try {
        templateParam = JSON.parse(p['TemplateParam'] ?? '{}');
      } catch {
        return answer(reply, 200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
      }
      if (typeof templateParam !== 'object' || templateParam === null || Object.values(templateParam).some((v) => typeof v !== 'string')) {
        return answer(reply, 200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
      }
      if (opts.perPhonePerMinute !== undefined) {
        const now = Date.now();
        const recent = (recentByPhone.get(phone) ?? []).filter((t) => now - t < 60_000);
        if (recent.length >= opts.perPhonePerMinute) return answer(reply, 200, 'isv.BUSINESS_LIMIT_CONTROL', `触发分钟级流控Permits:${opts.perPhonePerMinute}`);
        recentByPhone.set(phone, [...recent, now]);
      }
      const bizId = `${Date.now()}${randomBytes(3).readUIntBE(0, 3)}^0`;
      stub.sent.push({ phone, templateParam: templateParam as Record<string, string>, signName, templateCode, bizId });
      return answer(reply, 200, 'OK', 'OK', { BizId: bizId });
    },
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const stub: SmsStub = {
    baseUrl: `http://127.0.0.1:${port}`,
    accessKeyId,
    accessKeySecret,
    signName,
    templateCode,
    sent: [],
    lastCodeFor: (phone) => stub.sent.filter((m) => m.phone === phone).at(-1)?.templateParam['code'],
    failNext: (fault) => void faults.push(fault),
    close: () => app.close(),
  };
  return stub;
}
