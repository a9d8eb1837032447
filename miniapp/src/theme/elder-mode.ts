// 长辈版 actions: switch it (instantly on every page, then saved), take the server's preference on
// sign-in, answer the one-time offer, follow the platform's text size (DESIGN.md §4).
import Taro from '@tarojs/taro';
import type { Me } from '@palm/shared/server';
import { updatePreferences } from '../api/me';
import { getSession, setMe } from '../api/session';
import { getElderState, updateElderState } from './elder-store';

const clampScale = (scale: number): number => Math.round(Math.min(2, Math.max(1, scale)) * 100) / 100;

/**
 * One tap: every mounted page re-renders at once from the store; local storage keeps the choice
 * for people who are not signed in; signed-in people get it saved to their profile so it follows
 * them to WeChat, Alipay and H5. A failed save leaves the switch where the person put it.
 */
export async function setElderMode(isOn: boolean): Promise<void> {
  updateElderState({ elderMode: isOn });
  if (!getSession().isSignedIn) return;
  try {
    await updatePreferences({ elderMode: isOn }, { isQuiet: true, shouldRedirectToLogin: false });
  } catch {
    // Offline or signed out meanwhile: the local choice stands and is sent again on the next switch.
  }
}

export function toggleElderMode(): Promise<void> {
  return setElderMode(!getElderState().elderMode);
}

/**
 * The platform's text-size factor: WeChat's fontSizeScaleFactor (关怀模式 / 字体大小), which
 * wx.getAppBaseInfo reports (getSystemInfoSync, deprecated, is only a fallback); else 1.
 */
export function readSystemFontScale(): number {
  if (process.env.TARO_ENV !== 'weapp') return 1;
  try {
    const taro = Taro as unknown as { getAppBaseInfo?: () => { fontSizeScaleFactor?: unknown } };
    const info = (taro.getAppBaseInfo ? taro.getAppBaseInfo() : Taro.getSystemInfoSync()) as { fontSizeScaleFactor?: unknown };
    return typeof info.fontSizeScaleFactor === 'number' && info.fontSizeScaleFactor > 0 ? clampScale(info.fontSizeScaleFactor) : 1;
  } catch {
    return 1;
  }
}

/**
 * On sign-in (and at launch for a stored session) the server's preference wins over the local one.
 * Where the platform reports a text size (WeChat), that size is saved as fontScale so H5 and Alipay
 * follow it too.
 */
export function applyServerPreferences(me: Me): void {
  const systemFontScale = readSystemFontScale();
  updateElderState({ elderMode: me.preferences.elderMode, fontScale: me.preferences.fontScale, systemFontScale });
  if (process.env.TARO_ENV === 'weapp' && Math.abs(systemFontScale - me.preferences.fontScale) >= 0.01) {
    updatePreferences({ fontScale: systemFontScale }, { isQuiet: true, shouldRedirectToLogin: false }).catch(() => undefined);
  }
}

/** "暂不需要" on the one-time offer: never offered again, on any platform. */
export async function dismissElderOffer(): Promise<void> {
  const { me } = getSession();
  if (me) setMe({ ...me, offerElderMode: false });
  try {
    await updatePreferences({ elderModeOffered: true }, { isQuiet: true, shouldRedirectToLogin: false });
  } catch {
    // Shown again next time: better than never recording the answer silently.
  }
}
