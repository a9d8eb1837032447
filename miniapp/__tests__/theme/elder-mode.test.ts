// 长辈版 state: one tap switches every subscriber at once, is kept locally, saved to the profile
// when signed in; on sign-in the server's preference is taken (but a local 长辈版 stays on); the
// offer is answered once.
import { completeSignIn } from '../../src/api/auth';
import { getSession, setMe } from '../../src/api/session';
import { dismissElderOffer, setElderMode, toggleElderMode } from '../../src/theme/elder-mode';
import { effectiveFontScale, ELDER_STORAGE_KEY, getElderState, resetElderStore, subscribeElder, updateElderState } from '../../src/theme/elder-store';
import { answerRequests, me, ok, resetAll, signIn, taro } from '../helpers';

beforeEach(resetAll);

describe('长辈版', () => {
  it('switches at once for every subscriber (each Taro page is its own root) and keeps the choice locally', async () => {
    const pages = [jest.fn(), jest.fn(), jest.fn()];
    const unsubscribe = pages.map((page) => subscribeElder(page));
    await toggleElderMode();
    expect(getElderState().elderMode).toBe(true);
    pages.forEach((page) => expect(page).toHaveBeenCalledTimes(1));
    expect(taro.setStorageSync).toHaveBeenCalledWith(ELDER_STORAGE_KEY, true);
    resetElderStore();
    expect(getElderState().elderMode).toBe(true);
    unsubscribe.forEach((off) => off());
  });

  it('sends nothing to the server for a signed-out person', async () => {
    const calls = answerRequests(() => ok({}));
    await setElderMode(true);
    expect(calls).toHaveLength(0);
  });

  it('saves the choice to the profile when signed in', async () => {
    signIn();
    const calls = answerRequests(({ data }) => ok({ ...me, preferences: { ...me.preferences, ...(data as object) }, offerElderMode: false }));
    await setElderMode(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ url: '/api/me/preferences', method: 'POST', data: { elderMode: true } });
    expect(getSession().me?.offerElderMode).toBe(false);
  });

  it('keeps the switch where the person put it when saving fails, without a pop-up', async () => {
    signIn();
    answerRequests(() => new Error('request:fail'));
    await setElderMode(true);
    expect(getElderState().elderMode).toBe(true);
    expect(taro.showToast).not.toHaveBeenCalled();
  });

  it('takes the server preferences on sign-in, so 长辈版 follows the person from another platform', () => {
    completeSignIn({ accessToken: 'a', refreshToken: 'refresh-token-0000000001', expiresIn: 900, user: { ...me, preferences: { ...me.preferences, elderMode: true, fontScale: 1.3 } } });
    expect(getElderState()).toMatchObject({ elderMode: true, fontScale: 1.3 });
    expect(getSession()).toMatchObject({ isSignedIn: true, me: { name: '张桂兰' } });
  });

  it('keeps 长辈版 switched on here before signing in, and saves it to the profile', async () => {
    const calls = answerRequests(({ data }) => ok({ ...me, preferences: { ...me.preferences, ...(data as object) } }));
    updateElderState({ elderMode: true });
    completeSignIn({ accessToken: 'a', refreshToken: 'refresh-token-0000000001', expiresIn: 900, user: { ...me, preferences: { ...me.preferences, elderMode: false } } });
    expect(getElderState().elderMode).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls.map((c) => [c.url, c.method, c.data])).toEqual([['/api/me/preferences', 'POST', { elderMode: true }]]);
  });

  it('records "暂不需要" on the offer so it is not shown again', async () => {
    signIn();
    setMe(me);
    const calls = answerRequests(() => ok({ ...me, offerElderMode: false }));
    await dismissElderOffer();
    expect(calls[0]).toMatchObject({ method: 'POST', data: { elderModeOffered: true } });
    expect(getSession().me?.offerElderMode).toBe(false);
  });

  it('scales text by the larger of the platform and the saved factor, within 1–2', () => {
    expect(effectiveFontScale({ elderMode: false, fontScale: 1, systemFontScale: 1.15 })).toBe(1.15);
    expect(effectiveFontScale({ elderMode: false, fontScale: 1.3, systemFontScale: 1 })).toBe(1.3);
    expect(effectiveFontScale({ elderMode: false, fontScale: 3, systemFontScale: 0.8 })).toBe(2);
  });
});
