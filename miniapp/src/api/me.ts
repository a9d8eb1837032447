import type { Static } from '@sinclair/typebox';
import type { Me, PreferencesPatchSchema } from '@palm/shared/server';
import { request, type RequestOptions } from './request';
import { setMe } from './session';

export type PreferencesPatch = Static<typeof PreferencesPatchSchema>;

/** The signed-in person (masked identifiers); also refreshes the session's copy. */
export async function getMe(options: RequestOptions = {}): Promise<Me> {
  const me = await request<Me>('/api/me', options);
  setMe(me);
  return me;
}

export async function updatePreferences(patch: PreferencesPatch, options: RequestOptions = {}): Promise<Me> {
  // POST, not PATCH: wx.request and my.request have no PATCH (the BFF accepts both).
  const me = await request<Me>('/api/me/preferences', { ...options, method: 'POST', data: patch });
  setMe(me);
  return me;
}

/** Real-name binding: the BFF checks the ID again (GB 11643, real birth date) and stores it encrypted. */
export async function bindRealName(name: string, idNumber: string, options: RequestOptions = {}): Promise<Me> {
  const me = await request<Me>('/api/me/real-name', { ...options, method: 'POST', data: { name, idNumber } });
  setMe(me);
  return me;
}
