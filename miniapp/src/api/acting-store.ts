// "代 张** 办理": whom the app acts for now (DESIGN.md §4 Grants). One module-level store like
// 长辈版 (theme/elder-store.ts): Taro renders each page as its own React root, so every page shell
// subscribes here and shows the banner the moment it changes. Kept in storage (a restart stays in
// the mode), the signed-in person's only (cleared on sign-out and when someone else signs in:
// session.ts), judged by the server's clock, and cleared when the grant is no longer in force — the request
// wrapper reports a refusal on someone's behalf, a registered check (api/acting.ts) asks the BFF,
// and the app drops back to the person themself with `endedReason` to say why.
import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import type { GrantScopeKey } from '@palm/shared';
import { serverNow } from '../lib/server-clock';

export const ACTING_STORAGE_KEY = 'palm.actingFor';

export interface ActingFor {
  /** The grantor's user id: what X-On-Behalf-Of names. */
  userId: string;
  grantId: string;
  /** "张**". */
  name: string;
  /** Who the signed-in person is to them ("子女"). */
  relation: string;
  scopes: GrantScopeKey[];
  /** The services the grant names; empty: every service. */
  services: { id: string; name: string }[];
  /** ISO, the grant's end. */
  validUntil: string;
  /**
   * The signed-in person who acts (the grantee): the mode is theirs only — whoever else signs in
   * on this phone finds the app for themself. Null when not yet known (taken from the next `me`).
   */
  ownerId: string | null;
}

export interface ActingState {
  actingFor: ActingFor | null;
  /** Why the app just dropped back to oneself (shown once, in the banner's place, until dismissed). */
  endedReason: string | null;
}

function isActingFor(value: unknown): value is ActingFor {
  const v = value as Partial<ActingFor> | null;
  return (
    typeof v?.userId === 'string' &&
    typeof v.grantId === 'string' &&
    typeof v.name === 'string' &&
    Array.isArray(v.scopes) &&
    Array.isArray(v.services) &&
    typeof v.validUntil === 'string' &&
    // A record from before the owner was kept is not resumed: whose it was is unknown.
    (typeof v.ownerId === 'string' || v.ownerId === null)
  );
}

function readStored(): ActingFor | null {
  try {
    const value: unknown = Taro.getStorageSync(ACTING_STORAGE_KEY);
    const parsed: unknown = typeof value === 'string' && value !== '' ? JSON.parse(value) : value;
    // A grant past its end (by the server's clock, not the phone's) is not resumed after a restart.
    return isActingFor(parsed) && Date.parse(parsed.validUntil) > serverNow() ? parsed : null;
  } catch {
    return null;
  }
}

let state: ActingState = { actingFor: readStored(), endedReason: null };
const listeners = new Set<() => void>();

function publish(next: ActingState): void {
  state = next;
  listeners.forEach((listener) => listener());
}

function store(actingFor: ActingFor | null): void {
  try {
    if (actingFor) Taro.setStorageSync(ACTING_STORAGE_KEY, JSON.stringify(actingFor));
    else Taro.removeStorageSync(ACTING_STORAGE_KEY);
  } catch {
    // Storage unavailable: the mode still holds for this session.
  }
}

export const getActingState = (): ActingState => state;
export const getActingFor = (): ActingFor | null => state.actingFor;

export function subscribeActing(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** 代他/她办理: every request after this one carries X-On-Behalf-Of. */
export function startActing(actingFor: ActingFor): void {
  store(actingFor);
  publish({ actingFor, endedReason: null });
}

/** 回到本人 (reason absent), or dropped back because the grant ended (reason in words). */
export function stopActing(endedReason: string | null = null): void {
  store(null);
  publish({ actingFor: null, endedReason });
}

/**
 * The signed-in person is now `userId` (a sign-in, or `me` read again): a mode someone else started
 * on this phone ends, silently (it was never theirs); one whose owner was not yet known becomes theirs.
 */
export function keepActingOnlyFor(userId: string): void {
  const current = state.actingFor;
  if (!current) return;
  if (current.ownerId === null) {
    const owned = { ...current, ownerId: userId };
    store(owned);
    publish({ ...state, actingFor: owned });
  } else if (current.ownerId !== userId) {
    stopActing();
  }
}

export function dismissEndedReason(): void {
  if (state.endedReason !== null) publish({ ...state, endedReason: null });
}

export function useActing(): ActingState {
  return useSyncExternalStore(subscribeActing, getActingState, getActingState);
}

/** Whether the grant acted under lets one do `scope` (always, for oneself). */
export function canActIn(actingFor: ActingFor | null, scope: GrantScopeKey): boolean {
  return actingFor === null || actingFor.scopes.includes(scope);
}

/** Whether the grant covers this service (always, for oneself or a grant naming none). */
export function coversService(actingFor: ActingFor | null, serviceId: string): boolean {
  return actingFor === null || actingFor.services.length === 0 || actingFor.services.some((s) => s.id === serviceId);
}

type RefusalCheck = (actingFor: ActingFor) => void;
let refusalCheck: RefusalCheck | null = null;

/** api/acting.ts registers how to check a refused grant against the BFF (kept out of here: no cycle). */
export function onActingRefused(check: RefusalCheck | null): void {
  refusalCheck = check;
}

/** The request wrapper: a request sent for `userId` was refused as not allowed or not found. */
export function reportActingRefusal(userId: string): void {
  const current = state.actingFor;
  if (current && current.userId === userId && refusalCheck) refusalCheck(current);
}

/** For tests: back to what storage holds. */
export function resetActingStore(): void {
  publish({ actingFor: readStored(), endedReason: null });
}
