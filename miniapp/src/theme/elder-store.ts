// One 长辈版 state for the whole app. Taro renders every page as its own React root, so a React
// context would not reach them all; this module-level store does, and `useElderMode()` re-renders
// every mounted page the moment it changes (one tap, no reload). It holds no network code: the
// actions that also save the preference live in elder-mode.ts.
import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

export const ELDER_STORAGE_KEY = 'palm.elderMode';

export interface ElderState {
  elderMode: boolean;
  /** The user's saved scale (PATCH /api/me/preferences fontScale); 1 = normal. */
  fontScale: number;
  /** The platform's own text size (WeChat fontSizeScaleFactor, 关怀模式); 1 where there is none. */
  systemFontScale: number;
}

type Listener = () => void;

function readStoredElderMode(): boolean {
  try {
    return Taro.getStorageSync(ELDER_STORAGE_KEY) === true;
  } catch {
    return false;
  }
}

/**
 * H5 only: Taro's tab bar lives outside every page root, so <html> carries `palm-elder` too
 * (app.scss). Mini-programs have no document; their tab bar is native.
 */
function markDocument(elderMode: boolean): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.documentElement.classList.toggle('palm-elder', elderMode);
}

let state: ElderState = { elderMode: readStoredElderMode(), fontScale: 1, systemFontScale: 1 };
markDocument(state.elderMode);
const listeners = new Set<Listener>();

export function getElderState(): ElderState {
  return state;
}

export function subscribeElder(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Updates the state (and the local copy of elderMode), then tells every page. */
export function updateElderState(patch: Partial<ElderState>): void {
  const next = { ...state, ...patch };
  if (next.elderMode === state.elderMode && next.fontScale === state.fontScale && next.systemFontScale === state.systemFontScale) return;
  state = next;
  markDocument(next.elderMode);
  if (patch.elderMode !== undefined) {
    try {
      Taro.setStorageSync(ELDER_STORAGE_KEY, next.elderMode);
    } catch {
      // Storage full or unavailable: the switch still works for this session.
    }
  }
  listeners.forEach((listener) => listener());
}

/** The text scale pages apply: the larger of the system's and the saved one, kept within 1–2. */
export function effectiveFontScale(s: ElderState = state): number {
  return Math.min(2, Math.max(1, s.systemFontScale, s.fontScale));
}

export function useElderState(): ElderState {
  return useSyncExternalStore(subscribeElder, getElderState, getElderState);
}

export function useElderMode(): boolean {
  return useElderState().elderMode;
}

/** For tests: back to the defaults read from storage. */
export function resetElderStore(): void {
  state = { elderMode: readStoredElderMode(), fontScale: 1, systemFontScale: 1 };
  markDocument(state.elderMode);
  listeners.forEach((listener) => listener());
}
