import { createAlipayClient } from '../../src/integrations/alipay';
import { createRealNameClient } from '../../src/integrations/realname';
import { createSmsClient } from '../../src/integrations/sms';
import { createWechatClient } from '../../src/integrations/wechat';
import { startAllStubs } from '../stubs';
import type { AllStubs } from '../stubs';

let stubs: AllStubs;
beforeAll(async () => {
  stubs = await startAllStubs();
});
afterAll(() => stubs.close());

describe('startAllStubs', () => {
  it('gives configuration variables that point all four clients at working stubs', async () => {
    const env = stubs.env;
    const need = (name: string): string => {
      const value = env[name];
      if (value === undefined) throw new Error(`missing ${name}`);
      return value;
    };
    stubs.wechat.registerCode('wx-1', { openid: 'o-1' });
    stubs.alipay.registerCode('ali-1', { openId: 'a-1' });

    const wechat = createWechatClient({ baseUrl: need('WECHAT_API_BASE'), appId: need('WECHAT_APP_ID'), appSecret: need('WECHAT_APP_SECRET') });
    const alipay = createAlipayClient({
      baseUrl: need('ALIPAY_GATEWAY'),
      appId: need('ALIPAY_APP_ID'),
      privateKeyPem: need('ALIPAY_PRIVATE_KEY'),
      alipayPublicKeyPem: need('ALIPAY_PUBLIC_KEY'),
    });
    const sms = createSmsClient({
      baseUrl: need('SMS_API_BASE'),
      accessKeyId: need('SMS_ACCESS_KEY_ID'),
      accessKeySecret: need('SMS_ACCESS_KEY_SECRET'),
      signName: need('SMS_SIGN_NAME'),
      templateCode: need('SMS_TEMPLATE_CODE'),
    });

    const realName = createRealNameClient({ baseUrl: need('REAL_NAME_API_BASE'), appKey: need('REAL_NAME_APP_KEY'), appSecret: need('REAL_NAME_APP_SECRET') });

    expect(await wechat.code2Session('wx-1')).toEqual({ openId: 'o-1' });
    expect(await alipay.exchangeAuthCode('ali-1')).toEqual({ userId: 'a-1' });
    await sms.sendCode('13800000005', '654321');
    expect(stubs.sms.lastCodeFor('13800000005')).toBe('654321');
    expect(await realName.verify('王芳', '11010519491231002X')).toMatchObject({ result: 'MATCH' });
  });
});
