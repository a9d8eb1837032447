// WeChat: wx.login gives a one-time code; the BFF exchanges it (code2Session) for the openId. Only
// on a tap of the sign-in button, never at launch.
import Taro from '@tarojs/taro';
import type { Me } from '@palm/shared/server';
import { signInWithWechatCode } from './auth';
import { ApiError } from './errors';

export const PLATFORM_LOGIN_LABEL: string | null = '微信一键登录';

export async function signInWithPlatform(): Promise<Me> {
  const { code } = await Taro.login().catch(() => ({ code: '' }));
  if (!code) throw new ApiError('PLATFORM_LOGIN_FAILED', 401);
  return signInWithWechatCode(code);
}
