// What makes a View (a row, a strip's 回到本人) a control a keyboard can work: its role, a place in
// the Tab order, and Enter or Space doing what a tap does (WCAG 2.1.1). Taro's H5 renders a View
// as a <taro-view-core> element and its Button as <taro-button-core> — custom elements the browser
// gives no keyboard behaviour — so on H5 a key press is handled here; the mini-programs have no
// keyboard, and their components get no key handler from it.
//
//   <View {...pressable(() => stopActing())} aria-label='回到本人'>回到本人</View>
//   <View {...pressable(toggle, 'checkbox')} aria-checked={isOn ? 'true' : 'false'}>…</View>

export type PressableRole = 'button' | 'checkbox' | 'radio' | 'switch' | 'link';

/** The part of a key event the handler reads (React's on H5). */
export interface PressKeyEvent {
  key: string;
  repeat?: boolean;
  target?: unknown;
  currentTarget?: unknown;
  preventDefault(): void;
}

export interface PressableProps {
  role: PressableRole;
  tabIndex: number;
  onClick: () => void;
  onKeyDown?: (event: PressKeyEvent) => void;
}

/** Whether a key press on the element itself is a press: Enter or Space, not held down. */
export function isPressKey(event: PressKeyEvent): boolean {
  if (event.key !== 'Enter' && event.key !== ' ' && event.key !== 'Spacebar') return false;
  // A key pressed inside it (a field in a row) is that element's, not the row's.
  if (event.target !== undefined && event.currentTarget !== undefined && event.target !== event.currentTarget) return false;
  return !event.repeat;
}

/** The key handler alone, for a component that sets its own role and tab index (Button). */
export function onPressKey(onPress: (() => void) | undefined): ((event: PressKeyEvent) => void) | undefined {
  if (!onPress || process.env.TARO_ENV !== 'h5') return undefined;
  return (event) => {
    if (!isPressKey(event)) return;
    // Space would scroll the page, Enter could submit a form around it.
    event.preventDefault();
    onPress();
  };
}

/** Role, tab index, tap and (H5) Enter/Space for a View that acts as a control. */
export function pressable(onPress: () => void, role: PressableRole = 'button'): PressableProps {
  const onKeyDown = onPressKey(onPress);
  return { role, tabIndex: 0, onClick: onPress, ...(onKeyDown ? { onKeyDown } : {}) };
}
