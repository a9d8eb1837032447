// External parties, built from config. A client is null when its credentials are not configured:
// the matching login route then answers 503 UPSTREAM_UNAVAILABLE instead of failing at start. The
// real-name verifier falls back to the demo register outside production (realname-demo.ts), so the
// embedded default binds without any outside server; in production it is null and binding is off.
import type { Config } from '../config';
import { createWechatClient } from './wechat';
import { createAlipayClient } from './alipay';
import { createSmsClient } from './sms';
import { createRealNameClient, type RealNameVerifier } from './realname';
import { createDemoVerifier } from './realname-demo';
import { createLicenceIssuerClient, type LicenceIssuer } from './licence-issuer';
import { createDemoLicenceIssuer } from './licence-issuer-demo';

export interface Integrations {
  wechat: ReturnType<typeof createWechatClient> | null;
  alipay: ReturnType<typeof createAlipayClient> | null;
  sms: ReturnType<typeof createSmsClient> | null;
  realName: RealNameVerifier | null;
  /** The provincial e-licence platform; the demo register outside production when not configured; null in production without it (no sync). */
  licenceIssuer: LicenceIssuer | null;
}

const pem = (value: string) => value.replace(/\\n/g, '\n');

export function createIntegrations(config: Config): Integrations {
  return {
    wechat:
      config.WECHAT_APP_ID && config.WECHAT_APP_SECRET
        ? createWechatClient({ baseUrl: config.WECHAT_API_BASE, appId: config.WECHAT_APP_ID, appSecret: config.WECHAT_APP_SECRET })
        : null,
    alipay:
      config.ALIPAY_APP_ID && config.ALIPAY_PRIVATE_KEY && config.ALIPAY_PUBLIC_KEY
        ? createAlipayClient({
            baseUrl: config.ALIPAY_GATEWAY,
            appId: config.ALIPAY_APP_ID,
            privateKeyPem: pem(config.ALIPAY_PRIVATE_KEY),
            alipayPublicKeyPem: pem(config.ALIPAY_PUBLIC_KEY),
          })
        : null,
    sms:
      config.SMS_ACCESS_KEY_ID && config.SMS_ACCESS_KEY_SECRET
        ? createSmsClient({
            baseUrl: config.SMS_API_BASE,
            accessKeyId: config.SMS_ACCESS_KEY_ID,
            accessKeySecret: config.SMS_ACCESS_KEY_SECRET,
            signName: config.SMS_SIGN_NAME,
            templateCode: config.SMS_TEMPLATE_CODE,
          })
        : null,
    realName: createRealNameVerifier(config),
    licenceIssuer:
      config.LICENCE_ISSUER_API_BASE && config.LICENCE_ISSUER_APP_KEY && config.LICENCE_ISSUER_APP_SECRET
        ? createLicenceIssuerClient({ baseUrl: config.LICENCE_ISSUER_API_BASE, appKey: config.LICENCE_ISSUER_APP_KEY, appSecret: config.LICENCE_ISSUER_APP_SECRET, timeoutMs: config.LICENCE_ISSUER_TIMEOUT_MS })
        : config.isProduction
          ? null
          : createDemoLicenceIssuer(),
  };
}

function createRealNameVerifier(config: Config): RealNameVerifier | null {
  // loadConfig has made sure the three come together or not at all.
  if (config.REAL_NAME_API_BASE && config.REAL_NAME_APP_KEY && config.REAL_NAME_APP_SECRET) {
    return createRealNameClient({
      baseUrl: config.REAL_NAME_API_BASE,
      appKey: config.REAL_NAME_APP_KEY,
      appSecret: config.REAL_NAME_APP_SECRET,
      timeoutMs: config.REAL_NAME_TIMEOUT_MS,
    });
  }
  return config.isProduction ? null : createDemoVerifier();
}
