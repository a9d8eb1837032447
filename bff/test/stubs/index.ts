// Local stand-ins for WeChat, Alipay, the SMS gateway, the real-name platform and the e-licence platform (DESIGN.md §2):
// real HTTP servers on 127.0.0.1 with random ports, speaking each party's protocol, for the
// integration clients' own tests and for route tests that log people in (or bind real names) end
// to end.
import { startAlipayStub } from './alipay-stub';
import type { AlipayStub } from './alipay-stub';
import { startLicenceIssuerStub } from './licence-issuer-stub';
import type { LicenceIssuerStub } from './licence-issuer-stub';
import { startRealNameStub } from './realname-stub';
import type { RealNameStub } from './realname-stub';
import { startSmsStub } from './sms-stub';
import type { SmsStub } from './sms-stub';
import { startWechatStub } from './wechat-stub';
import type { WechatStub } from './wechat-stub';

export * from './alipay-stub';
export * from './licence-issuer-stub';
export * from './realname-stub';
export * from './sms-stub';
export * from './wechat-stub';

/** Failures below the protocol: never answer, drop the connection, or answer a bare HTTP error. */
export type TransportFault = 'hang' | 'close-socket' | { httpStatus: number };

export interface AllStubs {
  wechat: WechatStub;
  alipay: AlipayStub;
  sms: SmsStub;
  realName: RealNameStub;
  licenceIssuer: LicenceIssuerStub;
  /** The configuration variables that point the BFF's clients at these stubs. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startAllStubs(): Promise<AllStubs> {
  const [wechat, alipay, sms, realName, licenceIssuer] = await Promise.all([startWechatStub(), startAlipayStub(), startSmsStub(), startRealNameStub(), startLicenceIssuerStub()]);
  return {
    wechat,
    alipay,
    sms,
    realName,
    licenceIssuer,
    env: {
      WECHAT_API_BASE: wechat.baseUrl,
      WECHAT_APP_ID: wechat.appId,
      WECHAT_APP_SECRET: wechat.appSecret,
      ALIPAY_GATEWAY: alipay.baseUrl,
      ALIPAY_APP_ID: alipay.appId,
      ALIPAY_PRIVATE_KEY: alipay.appKeys.privateKeyPem,
      ALIPAY_PUBLIC_KEY: alipay.alipayKeys.publicKeyPem,
      SMS_API_BASE: sms.baseUrl,
      SMS_ACCESS_KEY_ID: sms.accessKeyId,
      SMS_ACCESS_KEY_SECRET: sms.accessKeySecret,
      SMS_SIGN_NAME: sms.signName,
      SMS_TEMPLATE_CODE: sms.templateCode,
      REAL_NAME_API_BASE: realName.baseUrl,
      REAL_NAME_APP_KEY: realName.appKey,
      REAL_NAME_APP_SECRET: realName.appSecret,
      LICENCE_ISSUER_API_BASE: licenceIssuer.baseUrl,
      LICENCE_ISSUER_APP_KEY: licenceIssuer.appKey,
      LICENCE_ISSUER_APP_SECRET: licenceIssuer.appSecret,
    },
    close: async () => {
      await Promise.all([wechat.close(), alipay.close(), sms.close(), realName.close(), licenceIssuer.close()]);
    },
  };
}
