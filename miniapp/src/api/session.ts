// The signed-in person: tokens in Taro storage (survive a restart on every platform) and the last
// profile from the BFF. Pages read it with useSession(); only the request wrapper and auth.ts write it.
import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import type { Me } from '@palm/shared/server';
import { keepActingOnlyFor, stopActing } from './acting-store';

const ACCESS_KEY = 'palm.accessToken';
const REFRESH_KEY = 'palm.refreshToken';

export interface Session {
  isSignedIn: boolean;
  me: Me | null;
}

function read(key: string): string | null {
  try {
    const value: unknown = Taro.getStorageSync(key);
    return typeof value === 'string' && value !== '' ? value : null;
  } catch {
    return null;
  }
}

let snapshot: Session = { isSignedIn: read(REFRESH_KEY) !== null, me: null };
const listeners = new Set<() => void>();

function publish(next: Session): void {
  snapshot = next;
  listeners.forEach((listener) => listener());
}

export const getAccessToken = (): string | null => read(ACCESS_KEY);
export const getRefreshToken = (): string | null => read(REFRESH_KEY);

export function saveTokens(tokens: { accessToken: string; refreshToken: string }): void {
  Taro.setStorageSync(ACCESS_KEY, tokens.accessToken);
  Taro.setStorageSync(REFRESH_KEY, tokens.refreshToken);
  if (!snapshot.isSignedIn) publish({ ...snapshot, isSignedIn: true });
}

export function setMe(me: Me | null): void {
  // Acting for someone is the mode of whoever started it: another person signing in leaves it.
  if (me) keepActingOnlyFor(me.id);
  publish({ ...snapshot, me });
}

export function clearSession(): void {
  Taro.removeStorageSync(ACCESS_KEY);
  Taro.removeStorageSync(REFRESH_KEY);
  // Whoever signs in next on this phone never finds the app acting for someone.
  stopActing();
  publish({ isSignedIn: false, me: null });
}

export function getSession(): Session {
  return snapshot;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}
