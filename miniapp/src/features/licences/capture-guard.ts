// While a licence or its QR is on screen, discourage screen capture where the platform allows it:
// on WeChat the page is hidden in screenshots and recordings (setVisualEffectOnCapture, base
// library ≥ 2.20.1 on Android) and a capture is noticed (onUserCaptureScreen), so the page can say
// what it means. Each call is feature-checked: older clients, Alipay and H5 have none, and there it
// does nothing.
import Taro from '@tarojs/taro';
import { useEffect, useRef } from 'react';

type CaptureApi = {
  setVisualEffectOnCapture?: (options: { visualEffect: 'hidden' | 'none'; fail?: () => void }) => unknown;
  onUserCaptureScreen?: (callback: () => void) => void;
  offUserCaptureScreen?: (callback: () => void) => void;
};

/** Hides the page in captures and calls `onCapture` when one is taken, while `isOn`. */
export function useCaptureGuard(isOn: boolean, onCapture: () => void): void {
  const latest = useRef(onCapture);
  useEffect(() => {
    latest.current = onCapture;
  });
  useEffect(() => {
    if (!isOn || process.env.TARO_ENV !== 'weapp') return undefined;
    const api = Taro as unknown as CaptureApi;
    const noticed = () => latest.current();
    try {
      if (typeof api.setVisualEffectOnCapture === 'function') api.setVisualEffectOnCapture({ visualEffect: 'hidden', fail: () => undefined });
      if (typeof api.onUserCaptureScreen === 'function') api.onUserCaptureScreen(noticed);
    } catch {
      // An old client without the API: nothing to discourage with.
    }
    return () => {
      try {
        if (typeof api.setVisualEffectOnCapture === 'function') api.setVisualEffectOnCapture({ visualEffect: 'none', fail: () => undefined });
        if (typeof api.offUserCaptureScreen === 'function') api.offUserCaptureScreen(noticed);
      } catch {
        // As above.
      }
    };
  }, [isOn]);
}
