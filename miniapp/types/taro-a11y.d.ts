// Taro's component props have no tabIndex, yet on H5 an element with role="button" or "switch"
// must be reachable from the keyboard (WCAG 2.1.1; axe "scrollable-region-focusable"). React
// passes it through to Taro's H5 web components; the mini-programs ignore it. The same for a key
// handler (components/pressable.ts: Enter and Space press a View that acts as a control, on H5 only).
import type { BaseTouchEvent, ITouchEvent } from '@tarojs/components/types/common';

declare module '@tarojs/components/types/common' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
  interface StandardProps<T = any, TouchEvent extends BaseTouchEvent<any> = ITouchEvent> {
    tabIndex?: number;
    onKeyDown?: (event: { key: string; repeat?: boolean; target?: unknown; currentTarget?: unknown; preventDefault(): void }) => void;
  }
}
