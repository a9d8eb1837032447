// Timers that run only while a page is on screen: whether it is shown (Taro's onShow / onHide, and
// on H5 the browser tab's visibility too), and a clock that ticks each second while asked to.
import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';

/** Whether the page is on screen now: false after onHide or while the H5 tab is hidden. */
export function usePageShown(): boolean {
  const [isShown, setIsShown] = useState(true);
  const [isTabVisible, setIsTabVisible] = useState(true);
  useDidShow(() => setIsShown(true));
  useDidHide(() => setIsShown(false));
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return undefined;
    const update = () => setIsTabVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return isShown && isTabVisible;
}

/** The device's Date.now(), renewed every `everyMs` while `isOn` (for countdowns and a live clock). */
export function useTick(isOn: boolean, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isOn) return undefined;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [isOn, everyMs]);
  return now;
}
