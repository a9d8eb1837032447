import { checkSubscribeData, createWechatClient } from '../../src/integrations/wechat';
import type { SubscribeMessage, WechatClient } from '../../src/integrations/wechat';
import { startWechatStub } from '../stubs';
import type { WechatStub } from '../stubs';
import { closedPort, upstreamFailure } from './helpers';

let stub: WechatStub;
let client: WechatClient;
let codeSeq = 0;
const freshCode = (): string => `wx-code-${++codeSeq}-${Date.now()}`;

beforeAll(async () => {
  stub = await startWechatStub();
});
afterAll(() => stub.close());
beforeEach(() => {
  // A new client per test: the token cache starts empty.
  client = createWechatClient({ baseUrl: stub.baseUrl, appId: stub.appId, appSecret: stub.appSecret, timeoutMs: 10_000 });
  stub.tokenExpiresIn = 7200;
  stub.tokensIssued = 0;
  stub.sent.length = 0;
});

describe('WeChat code2Session', () => {
  it('exchanges a login code for the openid and unionid and never returns the session_key', async () => {
    const code = freshCode();
    stub.registerCode(code, { openid: 'o-citizen-1', unionid: 'u-citizen-1' });
    const result = await client.code2Session(code);
    expect(result).toStrictEqual({ openId: 'o-citizen-1', unionId: 'u-citizen-1' });
    expect(JSON.stringify(result)).not.toMatch(/session/i);
  });

  it('leaves unionId out when WeChat sends none', async () => {
    const code = freshCode();
    stub.registerCode(code, { openid: 'o-citizen-2' });
    expect(await client.code2Session(code)).toStrictEqual({ openId: 'o-citizen-2' });
  });

  it('rejects an unknown code with 40029', async () => {
    const code = freshCode();
    const err = await upstreamFailure(client.code2Session(code));
    expect(err).toMatchObject({ upstream: 'wechat', kind: 'REJECTED', upstreamCode: '40029', retryable: false });
    expect(err.message).not.toContain(code);
  });

  it('rejects a code used a second time (40163)', async () => {
    const code = freshCode();
    stub.registerCode(code, { openid: 'o-citizen-3' });
    await client.code2Session(code);
    expect(await upstreamFailure(client.code2Session(code))).toMatchObject({ kind: 'REJECTED', upstreamCode: '40163' });
  });

  it('rejects a high-risk user (40226)', async () => {
    stub.failNext('jscode2session', { errcode: 40226, errmsg: 'high risk user' });
    expect(await upstreamFailure(client.code2Session(freshCode()))).toMatchObject({ kind: 'REJECTED', upstreamCode: '40226', retryable: false });
  });

  it('reports the frequency limit (45011) as RATE_LIMITED, not retryable at once', async () => {
    stub.failNext('jscode2session', { errcode: 45011, errmsg: 'api minute-quota reach limit' });
    expect(await upstreamFailure(client.code2Session(freshCode()))).toMatchObject({ kind: 'RATE_LIMITED', upstreamCode: '45011', retryable: false });
  });

  it('reports "system busy" (-1) as UNAVAILABLE and retryable', async () => {
    stub.failNext('jscode2session', { errcode: -1, errmsg: 'system error' });
    expect(await upstreamFailure(client.code2Session(freshCode()))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: '-1', retryable: true });
  });

  it('reports a wrong app secret as UNAVAILABLE, not retryable, without the secret in the message', async () => {
    const wrongSecret = 'not-the-secret-0123456789';
    const misconfigured = createWechatClient({ baseUrl: stub.baseUrl, appId: stub.appId, appSecret: wrongSecret });
    const err = await upstreamFailure(misconfigured.code2Session(freshCode()));
    expect(err).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: '40125', retryable: false });
    expect(err.message).not.toContain(wrongSecret);
  });

  it('gives up with UNAVAILABLE within the configured timeout when WeChat does not answer', async () => {
    stub.failNext('jscode2session', 'hang');
    const quick = createWechatClient({ baseUrl: stub.baseUrl, appId: stub.appId, appSecret: stub.appSecret, timeoutMs: 300 });
    const started = Date.now();
    const err = await upstreamFailure(quick.code2Session(freshCode()));
    const elapsed = Date.now() - started;
    expect(err).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'TIMEOUT', retryable: true });
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1_500); // the stub never answers: only our deadline ends the call
  });

  it('reports a dropped connection as UNAVAILABLE', async () => {
    stub.failNext('jscode2session', 'close-socket');
    expect(await upstreamFailure(client.code2Session(freshCode()))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'NETWORK', retryable: true });
  });

  it('reports a refused connection as UNAVAILABLE without the URL (which holds the secret)', async () => {
    const port = await closedPort();
    const offline = createWechatClient({ baseUrl: `http://127.0.0.1:${port}`, appId: stub.appId, appSecret: stub.appSecret });
    const err = await upstreamFailure(offline.code2Session(freshCode()));
    expect(err).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'NETWORK' });
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.message).not.toContain(stub.appSecret);
    expect(err.cause).toBeUndefined();
  });

  it('reports a 502 page from a proxy as UNAVAILABLE', async () => {
    stub.failNext('jscode2session', { httpStatus: 502 });
    expect(await upstreamFailure(client.code2Session(freshCode()))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'HTTP_502' });
  });
});

describe('WeChat subscribe message', () => {
  const message = (over: Partial<SubscribeMessage> = {}): SubscribeMessage => ({
    openId: 'o-citizen-1',
    templateId: 'TPL-queue-near',
    page: 'pages/ticket/index?id=t1',
    data: { thing1: { value: '不动产登记' }, character_string2: { value: 'A023' }, time3: { value: '2026-11-23 09:30' } },
    ...over,
  });

  it('sends with an access token, the formal mini-program state and zh_CN', async () => {
    await client.sendSubscribeMessage(message());
    expect(stub.sent).toEqual([
      {
        touser: 'o-citizen-1',
        template_id: 'TPL-queue-near',
        page: 'pages/ticket/index?id=t1',
        data: { thing1: { value: '不动产登记' }, character_string2: { value: 'A023' }, time3: { value: '2026-11-23 09:30' } },
        miniprogram_state: 'formal',
        lang: 'zh_CN',
      },
    ]);
    expect(stub.tokensIssued).toBe(1);
  });

  it('reuses the cached token for later sends', async () => {
    await client.sendSubscribeMessage(message());
    await client.sendSubscribeMessage(message({ miniprogramState: 'trial' }));
    expect(stub.tokensIssued).toBe(1);
    expect(stub.sent.map((m) => m.miniprogram_state)).toEqual(['formal', 'trial']);
  });

  it('does not use a token within five minutes of its expiry', async () => {
    stub.tokenExpiresIn = 300;
    await client.sendSubscribeMessage(message());
    await client.sendSubscribeMessage(message());
    expect(stub.tokensIssued).toBe(2);
  });

  it('fetches one token for concurrent sends', async () => {
    await Promise.all([client.sendSubscribeMessage(message()), client.sendSubscribeMessage(message()), client.sendSubscribeMessage(message())]);
    expect(stub.tokensIssued).toBe(1);
    expect(stub.sent).toHaveLength(3);
  });

  it.each([40001, 42001] as const)('refreshes the token once and retries when WeChat answers %d', async (errcode) => {
    await client.sendSubscribeMessage(message());
    stub.invalidateTokens(errcode);
    await client.sendSubscribeMessage(message());
    expect(stub.tokensIssued).toBe(2);
    expect(stub.sent).toHaveLength(2);
  });

  it('refreshes only once when the new token is refused too', async () => {
    stub.failNext('send', { errcode: 40001 });
    stub.failNext('send', { errcode: 40001 });
    const err = await upstreamFailure(client.sendSubscribeMessage(message()));
    expect(err).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: '40001', retryable: true });
    expect(stub.tokensIssued).toBe(2);
  });

  it('rejects a send to a user who did not subscribe (43101)', async () => {
    stub.refuseSubscription('o-refuser');
    expect(await upstreamFailure(client.sendSubscribeMessage(message({ openId: 'o-refuser' })))).toMatchObject({ kind: 'REJECTED', upstreamCode: '43101', retryable: false });
  });

  it('passes on WeChat rejecting template data (47003)', async () => {
    stub.failNext('send', { errcode: 47003, errmsg: 'argument invalid!' });
    expect(await upstreamFailure(client.sendSubscribeMessage(message()))).toMatchObject({ kind: 'REJECTED', upstreamCode: '47003' });
  });

  it('reports a token refused for a wrong secret as UNAVAILABLE, not retryable', async () => {
    const misconfigured = createWechatClient({ baseUrl: stub.baseUrl, appId: stub.appId, appSecret: 'wrong' });
    expect(await upstreamFailure(misconfigured.sendSubscribeMessage(message()))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: '40125', retryable: false });
    expect(stub.sent).toHaveLength(0);
  });

  it('shortens a long thing value to 20 characters ending in … (WeChat would answer 47003)', async () => {
    const long = '不动产登记（转移登记、抵押登记、变更登记）一窗受理';
    await client.sendSubscribeMessage(message({ data: { thing1: { value: long } } }));
    const sent = stub.sent[0]?.data['thing1']?.value ?? '';
    expect([...sent]).toHaveLength(20);
    expect(sent).toBe(`${[...long].slice(0, 19).join('')}…`);
  });

  it('rejects a value WeChat would refuse before fetching a token or sending', async () => {
    const err = await upstreamFailure(client.sendSubscribeMessage(message({ data: { character_string1: { value: 'X'.repeat(33) } } })));
    expect(err).toMatchObject({ kind: 'REJECTED', upstreamCode: '47003', retryable: false });
    expect(err.message).toContain('character_string1');
    expect(stub.tokensIssued).toBe(0);
    expect(stub.sent).toHaveLength(0);
  });
});

describe('WeChat subscribe field limits', () => {
  it.each([
    ['thing1', '不动产登记'],
    ['thing1', '𠀀'.repeat(20)], // 20 code points, 40 UTF-16 units: within the limit
    ['short_thing2', '已受理'],
    ['phrase3', '已受理'],
    ['number4', '3'],
    ['number4', '12.50'],
    ['letter5', 'ABC'],
    ['symbol6', '%'],
    ['character_string7', 'A023'],
    ['character_string7', 'X'.repeat(32)],
    ['time8', '15:01'],
    ['time8', '2026年11月23日 09:30'],
    ['time8', '2026-11-23 09:30 ~ 2026-11-23 10:00'],
    ['date9', '2026年11月23日'],
    ['date9', '2026-11-23 09:30'],
    ['amount10', '¥12.50'],
    ['amount10', '12元'],
    ['phone_number11', '+86-0766-66888866'],
    ['car_number12', '京A12345'],
    ['name13', '张三'],
    ['name13', 'Zhang San'],
    ['enum99', 'anything: unknown types are WeChat\u2019s to judge'],
  ])('accepts %s = %j unchanged', (key, value) => {
    expect(checkSubscribeData({ [key]: { value } })).toEqual({ [key]: { value } });
  });

  it.each([
    ['thing1', ''],
    ['phrase2', '已受理了吗啊'],
    ['phrase2', 'done'],
    ['number3', '12a'],
    ['number3', '1'.repeat(33)],
    ['letter4', 'A1'],
    ['symbol5', '%%%%%%'],
    ['character_string6', 'X'.repeat(33)],
    ['character_string6', '甲023'],
    ['time7', '明天上午'],
    ['time7', '2026-11-23'],
    ['date8', '09:30'],
    ['amount9', '十二元'],
    ['phone_number10', '138-call-me'],
    ['phone_number10', '1'.repeat(18)],
    ['car_number11', '京A123456789'],
    ['name12', '欧阳张王李赵钱孙周吴郑'],
  ])('rejects %s = %j with 47003', (key, value) => {
    expect(() => checkSubscribeData({ [key]: { value } })).toThrow(expect.objectContaining({ kind: 'REJECTED', upstreamCode: '47003' }));
  });

  it('shortens short_thing to 5 characters', () => {
    expect(checkSubscribeData({ short_thing1: { value: '预约已成功受理' } })).toEqual({ short_thing1: { value: '预约已成…' } });
  });
});
