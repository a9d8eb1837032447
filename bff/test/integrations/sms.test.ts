import { createSmsClient, popPercentEncode, popSignature } from '../../src/integrations/sms';
import type { SmsClient, SmsConfig } from '../../src/integrations/sms';
import { startSmsStub } from '../stubs';
import type { SmsStub } from '../stubs';
import { closedPort, upstreamFailure } from './helpers';

const PHONE = '13800000001';
let stub: SmsStub;
let client: SmsClient;
const clientFor = (over: Partial<SmsConfig> = {}): SmsClient =>
  createSmsClient({
    baseUrl: stub.baseUrl,
    accessKeyId: stub.accessKeyId,
    accessKeySecret: stub.accessKeySecret,
    signName: stub.signName,
    templateCode: stub.templateCode,
    timeoutMs: 10_000,
    ...over,
  });

beforeAll(async () => {
  stub = await startSmsStub();
  client = clientFor();
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.sent.length = 0;
});

describe('Aliyun POP signature', () => {
  // Aliyun's worked example for SendSms (HTTP 协议及签名). Its credentials are `testId` /
  // `testSecret`: with lower-case `testid` / `testsecret` the documented signature does not come out.
  it("reproduces Aliyun's documented example signature", () => {
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(popSignature('GET', params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    // `Signature` itself is never part of what is signed.
    expect(popSignature('GET', { ...params, Signature: 'anything' }, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('percent-encodes per RFC 3986 the way Aliyun does', () => {
    expect(popPercentEncode('a b*c~d+e/f!\'()')).toBe('a%20b%2Ac~d%2Be%2Ff%21%27%28%29');
    expect(popPercentEncode('阿')).toBe('%E9%98%BF');
  });
});

describe('Aliyun SendSms', () => {
  it('sends the code to the phone and returns the BizId', async () => {
    const { bizId } = await client.sendCode(PHONE, '482913');
    expect(bizId).toMatch(/\^0$/);
    expect(stub.sent).toEqual([{ phone: PHONE, templateParam: { code: '482913' }, signName: stub.signName, templateCode: stub.templateCode, bizId }]);
    expect(stub.lastCodeFor(PHONE)).toBe('482913');
  });

  it('uses the configured template variable name', async () => {
    await clientFor({ templateParamName: 'otp' }).sendCode(PHONE, '111222');
    expect(stub.sent[0]?.templateParam).toEqual({ otp: '111222' });
  });

  it('reports a wrong secret (SignatureDoesNotMatch) as UNAVAILABLE, without the phone or code Aliyun echoes', async () => {
    const err = await upstreamFailure(clientFor({ accessKeySecret: 'wrong-secret' }).sendCode(PHONE, '482913'));
    expect(err).toMatchObject({ upstream: 'sms', kind: 'UNAVAILABLE', upstreamCode: 'SignatureDoesNotMatch', retryable: false });
    expect(err.message).not.toMatch(/13800000001|482913|wrong-secret/);
    expect(stub.sent).toHaveLength(0);
  });

  it('reports an unknown AccessKeyId as UNAVAILABLE, not retryable', async () => {
    expect(await upstreamFailure(clientFor({ accessKeyId: 'LTAInobody' }).sendCode(PHONE, '1'))).toMatchObject({
      kind: 'UNAVAILABLE',
      upstreamCode: 'InvalidAccessKeyId.NotFound',
      retryable: false,
    });
  });

  it('reports an unapproved sign name as UNAVAILABLE, not retryable', async () => {
    expect(await upstreamFailure(clientFor({ signName: '别的签名' }).sendCode(PHONE, '1'))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'isv.SMS_SIGNATURE_ILLEGAL', retryable: false });
  });

  it('rejects an invalid number (isv.MOBILE_NUMBER_ILLEGAL) without the number in the message', async () => {
    const err = await upstreamFailure(client.sendCode('1230000', '482913'));
    expect(err).toMatchObject({ kind: 'REJECTED', upstreamCode: 'isv.MOBILE_NUMBER_ILLEGAL', retryable: false });
    expect(err.message).not.toMatch(/1230000|482913/);
  });

  it('reports frequency control (isv.BUSINESS_LIMIT_CONTROL) as RATE_LIMITED', async () => {
    stub.failNext({ code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发分钟级流控Permits:1' });
    expect(await upstreamFailure(client.sendCode(PHONE, '1'))).toMatchObject({ kind: 'RATE_LIMITED', upstreamCode: 'isv.BUSINESS_LIMIT_CONTROL', retryable: false });
  });

  it("meets the stub's per-number minute limit like Aliyun's", async () => {
    const limited = await startSmsStub({ perPhonePerMinute: 1 });
    try {
      const limitedClient = createSmsClient({ ...limited, timeoutMs: 10_000 });
      await limitedClient.sendCode(PHONE, '1');
      expect(await upstreamFailure(limitedClient.sendCode(PHONE, '2'))).toMatchObject({ kind: 'RATE_LIMITED' });
      await limitedClient.sendCode('13800000002', '3');
      expect(limited.sent.map((m) => m.phone)).toEqual([PHONE, '13800000002']);
    } finally {
      await limited.close();
    }
  });

  it('reports an Aliyun system error (isp.SYSTEM_ERROR) as UNAVAILABLE and retryable', async () => {
    stub.failNext({ code: 'isp.SYSTEM_ERROR', message: 'isp.SYSTEM_ERROR' });
    expect(await upstreamFailure(client.sendCode(PHONE, '1'))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'isp.SYSTEM_ERROR', retryable: true });
  });

  it('gives up with UNAVAILABLE within the configured timeout when the gateway does not answer', async () => {
    stub.failNext('hang');
    const started = Date.now();
    const err = await upstreamFailure(clientFor({ timeoutMs: 300 }).sendCode(PHONE, '1'));
    const elapsed = Date.now() - started;
    expect(err).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'TIMEOUT', retryable: true });
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1_500); // the stub never answers: only our deadline ends the call
  });

  it('reports a dropped connection, a refused connection and a 503 as UNAVAILABLE', async () => {
    stub.failNext('close-socket');
    expect(await upstreamFailure(client.sendCode(PHONE, '1'))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'NETWORK' });
    stub.failNext({ httpStatus: 503 });
    expect(await upstreamFailure(client.sendCode(PHONE, '1'))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'HTTP_503' });
    const port = await closedPort();
    const err = await upstreamFailure(clientFor({ baseUrl: `http://127.0.0.1:${port}` }).sendCode(PHONE, '1'));
    expect(err).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'NETWORK' });
    expect(err.message).toContain('ECONNREFUSED');
  });
});
