import { createPrivateKey, createPublicKey } from 'node:crypto';
import { alipaySignContent, checkAlipayTemplateData, createAlipayClient, shanghaiTimestamp, topLevelRawValues } from '../../src/integrations/alipay';
import type { AlipayClient } from '../../src/integrations/alipay';
import { generateRsaKeyPair, startAlipayStub } from '../stubs';
import type { AlipayStub } from '../stubs';
import { closedPort, upstreamFailure } from './helpers';

/** The bare base64 body of a PEM, as Alipay's console and key tool hand keys out. */
const barePem = (pem: string): string => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

let stub: AlipayStub;
let client: AlipayClient;
let codeSeq = 0;
const freshCode = (): string => `auth-code-${++codeSeq}-${Date.now()}`;
const clientFor = (over: Partial<Parameters<typeof createAlipayClient>[0]> = {}): AlipayClient =>
  createAlipayClient({
    baseUrl: stub.baseUrl,
    appId: stub.appId,
    privateKeyPem: stub.appKeys.privateKeyPem,
    alipayPublicKeyPem: stub.alipayKeys.publicKeyPem,
    timeoutMs: 10_000,
    ...over,
  });

beforeAll(async () => {
  stub = await startAlipayStub();
  client = clientFor();
});
afterAll(() => stub.close());

describe('Alipay alipay.system.oauth.token', () => {
  it('exchanges an auth code for the open_id', async () => {
    const code = freshCode();
    stub.registerCode(code, { openId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' });
    expect(await client.exchangeAuthCode(code)).toStrictEqual({ userId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' });
  });

  it('falls back to the 2088 user_id for apps on the classic scheme', async () => {
    const code = freshCode();
    stub.registerCode(code, { userId: '2088102150477652' });
    expect(await client.exchangeAuthCode(code)).toStrictEqual({ userId: '2088102150477652' });
  });

  it('prefers open_id when both are present', async () => {
    const code = freshCode();
    stub.registerCode(code, { userId: '2088102150477652', openId: 'open-1' });
    expect(await client.exchangeAuthCode(code)).toStrictEqual({ userId: 'open-1' });
  });

  it('sends the public parameters with a Beijing-time timestamp, signed over the sorted parameters', async () => {
    const code = freshCode();
    stub.registerCode(code, { openId: 'open-2' });
    stub.requests.length = 0;
    stub.requestQueries.length = 0;
    await client.exchangeAuthCode(code);
    // The auth code travels in the body; the URL (which proxies log) carries only public parameters.
    expect(Object.keys(stub.requestQueries[0] ?? {}).sort()).toEqual(['app_id', 'charset', 'format', 'method', 'sign', 'sign_type', 'timestamp', 'version']);
    const sent = stub.requests[0] ?? {};
    expect(sent).toMatchObject({
      app_id: stub.appId,
      method: 'alipay.system.oauth.token',
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      version: '1.0',
      grant_type: 'authorization_code',
      code,
    });
    const beijingNow = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(sent['timestamp']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(sent['timestamp']?.slice(0, 16)).toBe(beijingNow);
  });

  it('builds the signing string from non-empty parameters except sign, sorted, with raw values', () => {
    expect(alipaySignContent({ method: 'm', app_id: '1', sign: 'x', empty: '', code: 'a b&c', sign_type: 'RSA2' })).toBe('app_id=1&code=a b&c&method=m&sign_type=RSA2');
    expect(shanghaiTimestamp(new Date('2026-11-23T16:30:05Z'))).toBe('2026-11-24 00:30:05');
  });

  it('rejects an unknown auth code with isv.code-invalid, without the code in the message', async () => {
    const code = freshCode();
    const err = await upstreamFailure(client.exchangeAuthCode(code));
    expect(err).toMatchObject({ upstream: 'alipay', kind: 'REJECTED', upstreamCode: 'isv.code-invalid', retryable: false });
    expect(err.message).not.toContain(code);
  });

  it('rejects an auth code used a second time', async () => {
    const code = freshCode();
    stub.registerCode(code, { openId: 'open-3' });
    await client.exchangeAuthCode(code);
    expect(await upstreamFailure(client.exchangeAuthCode(code))).toMatchObject({ kind: 'REJECTED', upstreamCode: 'isv.code-invalid' });
  });

  it('reports a request signed with the wrong app key (isv.invalid-signature) as UNAVAILABLE, not retryable', async () => {
    const code = freshCode();
    stub.registerCode(code, { openId: 'open-4' });
    // Any real key that is not the app's (RSA key generation is slow; reuse one we have).
    const wrongKey = clientFor({ privateKeyPem: stub.alipayKeys.privateKeyPem });
    expect(await upstreamFailure(wrongKey.exchangeAuthCode(code))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'isv.invalid-signature', retryable: false });
  });

  it('reports an unknown app id as UNAVAILABLE, not retryable', async () => {
    expect(await upstreamFailure(clientFor({ appId: '2021999999999999' }).exchangeAuthCode(freshCode()))).toMatchObject({
      kind: 'UNAVAILABLE',
      upstreamCode: 'isv.invalid-app-id',
      retryable: false,
    });
  });

  // A signature that fails is UNAVAILABLE, not REJECTED: nothing says the citizen's code was bad,
  // we just cannot trust what came back (wrong key configured, key rotation, or tampering).
  it('refuses a tampered answer as UNAVAILABLE (RESPONSE_SIGNATURE_INVALID), never returning its user id', async () => {
    const code = freshCode();
    stub.registerCode(code, { userId: '2088102150477652' });
    stub.failNext('tamper-response');
    expect(await upstreamFailure(client.exchangeAuthCode(code))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'RESPONSE_SIGNATURE_INVALID', retryable: false });
  });

  it('refuses answers signed by a key other than the configured Alipay public key', async () => {
    const code = freshCode();
    stub.registerCode(code, { openId: 'open-5' });
    const otherKey = clientFor({ alipayPublicKeyPem: stub.appKeys.publicKeyPem });
    expect(await upstreamFailure(otherKey.exchangeAuthCode(code))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'RESPONSE_SIGNATURE_INVALID' });
  });

  it('verifies signed error answers too (escaped non-ASCII text verified as sent)', async () => {
    stub.failNext({ code: '40004', msg: 'Business Failed', subCode: 'isv.user-not-authorized', subMsg: '用户未授权/已取消' });
    expect(await upstreamFailure(client.exchangeAuthCode(freshCode()))).toMatchObject({ kind: 'REJECTED', upstreamCode: 'isv.user-not-authorized' });
  });

  it('reports Alipay being unavailable (20000 isp.unknow-error) as UNAVAILABLE and retryable, signed or not', async () => {
    stub.failNext({ code: '20000', msg: 'Service Currently Unavailable', subCode: 'isp.unknow-error', subMsg: '系统繁忙' });
    expect(await upstreamFailure(client.exchangeAuthCode(freshCode()))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'isp.unknow-error', retryable: true });
    stub.failNext('unsigned-error');
    expect(await upstreamFailure(client.exchangeAuthCode(freshCode()))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'isp.unknow-error', retryable: true });
  });

  it('gives up with UNAVAILABLE within the configured timeout when the gateway does not answer', async () => {
    stub.failNext('hang');
    const started = Date.now();
    const err = await upstreamFailure(clientFor({ timeoutMs: 300 }).exchangeAuthCode(freshCode()));
    const elapsed = Date.now() - started;
    expect(err).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'TIMEOUT', retryable: true });
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1_500); // the stub never answers: only our deadline ends the call
  });

  it('reports a dropped connection, a refused connection and a 502 as UNAVAILABLE', async () => {
    stub.failNext('close-socket');
    expect(await upstreamFailure(client.exchangeAuthCode(freshCode()))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'NETWORK' });
    stub.failNext({ httpStatus: 502 });
    expect(await upstreamFailure(client.exchangeAuthCode(freshCode()))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'HTTP_502' });
    const port = await closedPort();
    const err = await upstreamFailure(clientFor({ baseUrl: `http://127.0.0.1:${port}/gateway.do` }).exchangeAuthCode(freshCode()));
    expect(err).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'NETWORK' });
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('accepts keys as bare base64 (PKCS#8 and PKCS#1) the way Alipay hands them out', async () => {
    const pkcs1 = createPrivateKey(stub.appKeys.privateKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString();
    for (const privateKeyPem of [barePem(stub.appKeys.privateKeyPem), barePem(pkcs1), pkcs1.replace(/\n/g, '\\n')]) {
      const code = freshCode();
      stub.registerCode(code, { openId: 'open-6' });
      const bare = clientFor({ privateKeyPem, alipayPublicKeyPem: barePem(stub.alipayKeys.publicKeyPem) });
      expect(await bare.exchangeAuthCode(code)).toStrictEqual({ userId: 'open-6' });
    }
    expect(createPublicKey(stub.alipayKeys.publicKeyPem).asymmetricKeyType).toBe('rsa');
  });

  it('fails at creation, not at first login, when a key cannot be read', () => {
    expect(() => clientFor({ privateKeyPem: 'not a key' })).toThrow();
  });
});

describe('topLevelRawValues', () => {
  it('returns each member exactly as written, whatever the spacing, nesting and escapes', () => {
    const body = '{ "a_response" : {"x":"}\\"{","y":[1,{"z":"\\u6388"}]} ,\n"sign":"abc==", "n": -1.5e3, "t":true }';
    const raw = topLevelRawValues(body);
    expect(raw?.get('a_response')).toBe('{"x":"}\\"{","y":[1,{"z":"\\u6388"}]}');
    expect(raw?.get('sign')).toBe('"abc=="');
    expect(raw?.get('n')).toBe('-1.5e3');
    expect(raw?.get('t')).toBe('true');
  });

  it('does not mistake a member name inside a string value for a member', () => {
    const raw = topLevelRawValues('{"error_response":{"msg":"x\\"alipay_system_oauth_token_response\\":{}"},"sign":"s"}');
    expect(raw?.has('alipay_system_oauth_token_response')).toBe(false);
    expect(raw?.get('error_response')).toBe('{"msg":"x\\"alipay_system_oauth_token_response\\":{}"}');
  });

  it('refuses text that is not a JSON object', () => {
    expect(topLevelRawValues('<html>')).toBeUndefined();
    expect(topLevelRawValues('[1]')).toBeUndefined();
  });
});

describe('Alipay alipay.open.app.mini.templatemessage.send (订阅消息)', () => {
  const message = { templateId: 'tmpl-near', page: 'pages/ticket/index?id=1', data: { keyword1: { value: 'B007' }, keyword2: { value: '社会保障卡申领' } } };

  it('sends biz_content with to_user_id for a 2088 id and to_open_id otherwise, signed and accepted', async () => {
    stub.sentMessages.length = 0;
    await client.sendTemplateMessage({ ...message, toUserId: '2088102150477652' });
    await client.sendTemplateMessage({ ...message, toUserId: '074a1CcTG1LelxKe4xQC0' });
    expect(stub.sentMessages).toEqual([
      { to_user_id: '2088102150477652', user_template_id: 'tmpl-near', page: 'pages/ticket/index?id=1', data: message.data },
      { to_open_id: '074a1CcTG1LelxKe4xQC0', user_template_id: 'tmpl-near', page: 'pages/ticket/index?id=1', data: message.data },
    ]);
  });

  it('shortens values to Alipay’s 50 characters before sending (the gateway refuses longer) and refuses bad keys locally', async () => {
    stub.sentMessages.length = 0;
    await client.sendTemplateMessage({ ...message, toUserId: '2088102150477652', data: { keyword1: { value: '办'.repeat(80) } } });
    const value = stub.sentMessages[0]!.data['keyword1']!.value;
    expect([...value]).toHaveLength(50);
    expect(value.endsWith('…')).toBe(true);
    expect(() => checkAlipayTemplateData({ thing1: { value: 'x' } })).toThrow(/thing1/);
    expect(() => checkAlipayTemplateData({ keyword1: { value: '' } })).toThrow(/keyword1/);
  });

  it('is refused as our set-up (not retryable) when signed with a key Alipay does not know', async () => {
    const wrongKey = clientFor({ privateKeyPem: generateRsaKeyPair().privateKeyPem });
    const err = await upstreamFailure(wrongKey.sendTemplateMessage({ ...message, toUserId: '2088102150477652' }));
    expect(err).toMatchObject({ kind: 'UNAVAILABLE', retryable: false, upstreamCode: 'isv.invalid-signature' });
  });

  it('reports a person who did not subscribe as REJECTED', async () => {
    stub.refuseSubscription('2088000000000999');
    const err = await upstreamFailure(client.sendTemplateMessage({ ...message, toUserId: '2088000000000999' }));
    expect(err).toMatchObject({ kind: 'REJECTED', retryable: false, upstreamCode: 'USER_NOT_SUBSCRIBED' });
  });
});
