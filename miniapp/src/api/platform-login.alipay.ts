// Alipay: my.getAuthCode with the silent auth_base scope (user id only, no profile), exchanged by
// the BFF (alipay.system.oauth.token). Only on a tap of the sign-in button, never on the first screen.
import type { Me } from '@palm/shared/server';
import { signInWithAlipayAuthCode } from './auth';
import { ApiError } from './errors';

declare const my: {
  getAuthCode(options: { scopes: string; success: (result: { authCode?: string }) => void; fail: () => void }): void;
};

export const PLATFORM_LOGIN_LABEL: string | null = '支付宝授权登录';

function getAuthCode(): Promise<string> {
  return new Promise((resolve) => {
    my.getAuthCode({ scopes: 'auth_base', success: (result) => resolve(result.authCode ?? ''), fail: () => resolve('') });
  });
}

export async function signInWithPlatform(): Promise<Me> {
  const authCode = await getAuthCode();
  if (!authCode) throw new ApiError('PLATFORM_LOGIN_FAILED', 401);
  return signInWithAlipayAuthCode(authCode);
}
