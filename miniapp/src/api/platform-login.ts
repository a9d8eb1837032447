// Sign-in with the platform account. H5 has none (phone + SMS code instead); the mini-programs
// override this file with platform-login.weapp.ts / platform-login.alipay.ts at build time.
import type { Me } from '@palm/shared/server';

/** The button label, or null where the platform has no account sign-in. */
export const PLATFORM_LOGIN_LABEL: string | null = null;

export function signInWithPlatform(): Promise<Me> {
  return Promise.reject(new Error('No platform sign-in on this platform'));
}
