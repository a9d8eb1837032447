// Sign-in and sign-out. Every way in ends in the same token pair (DESIGN.md §5); the platform
// ways (WeChat code, Alipay auth code) live in platform-login.<platform>.ts.
import type { AuthMethods, Me, Tokens } from '@palm/shared/server';
import { applyServerPreferences, setElderMode } from '../theme/elder-mode';
import { getElderState } from '../theme/elder-store';
import { request, type RequestOptions } from './request';
import { clearSession, getRefreshToken, saveTokens, setMe } from './session';

const quiet: RequestOptions = { isAnonymous: true, isQuiet: true };

export interface SmsSent {
  sent: true;
  expiresInSeconds: number;
  resendAfterSeconds: number;
  /** Only outside production without an SMS gateway, so a demo can sign in. */
  devCode?: string;
}

/**
 * Stores the tokens and takes the profile's preferences, so 长辈版 follows the person from another
 * platform — except that 长辈版 switched on here before signing in stays on and is saved: an
 * elderly person who just made the text large must not see it shrink on signing in.
 */
export function completeSignIn(tokens: Tokens): Me {
  const wasElderHere = getElderState().elderMode;
  saveTokens(tokens);
  setMe(tokens.user);
  applyServerPreferences(tokens.user);
  if (wasElderHere && !tokens.user.preferences.elderMode) void setElderMode(true);
  return tokens.user;
}

export function sendSmsCode(phone: string): Promise<SmsSent> {
  return request<SmsSent>('/api/auth/sms/send', { ...quiet, method: 'POST', data: { phone } });
}

export async function verifySmsCode(phone: string, code: string): Promise<Me> {
  return completeSignIn(await request<Tokens>('/api/auth/sms/verify', { ...quiet, method: 'POST', data: { phone, code } }));
}

export async function signInWithWechatCode(code: string): Promise<Me> {
  return completeSignIn(await request<Tokens>('/api/auth/wechat', { ...quiet, method: 'POST', data: { code } }));
}

export async function signInWithAlipayAuthCode(authCode: string): Promise<Me> {
  return completeSignIn(await request<Tokens>('/api/auth/alipay', { ...quiet, method: 'POST', data: { authCode } }));
}

/** Which ways in this BFF offers (the demo sign-in exists only outside production). */
export function getAuthMethods(): Promise<AuthMethods> {
  return request<AuthMethods>('/api/auth/methods', quiet);
}

/** The demo accounts' one-tap sign-in; only where getAuthMethods() says devLogin. */
export async function devSignIn(phone: string): Promise<Me> {
  return completeSignIn(await request<Tokens>('/api/auth/dev-login', { ...quiet, method: 'POST', data: { phone } }));
}

/** Revokes this session's refresh token on the server; signs out locally whatever the answer. */
export async function signOut(): Promise<void> {
  const refreshToken = getRefreshToken();
  try {
    await request('/api/auth/logout', { method: 'POST', data: refreshToken ? { refreshToken } : {}, isQuiet: true, shouldRedirectToLogin: false });
  } catch {
    // Offline: the tokens are dropped here anyway and expire on the server.
  } finally {
    clearSession();
  }
}
