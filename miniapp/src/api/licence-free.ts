// 免证办 and the capture note (issue 15): the person's licences as the booking page offers them
// for guide materials (用电子证照 instead of paper), and noting a screen capture of a licence page
// in the holder's 使用记录 (截屏) — called by the licence pages from Taro.onUserCaptureScreen.

// Types come from the shared schemas (clients import types only, STYLE.md).
import type { LicenceCapture, LicenceView, ServiceMaterial } from '@palm/shared/server';
import { licenceCoverWords, type LicenceTypeKey } from '@palm/shared';
import { getActingFor } from './acting-store';
import { request, type RequestOptions } from './request';

/** A guide material the person may bring as an e-licence: the licence that would cover it, in words. */
export interface CoverOption {
  position: number;
  name: string;
  licenceId: string;
  /** "用电子证照（居民身份证 3601**********1234）". */
  words: string;
}

/**
 * The licences of the person the booking is for, or null when they cannot be used: acting for
 * someone without a LICENCE_PRESENT grant (the BFF would refuse), or the list could not be had
 * (the page then offers no choice and the person brings paper, as before).
 */
export async function licencesForCover(options: RequestOptions = {}): Promise<LicenceView[] | null> {
  const acting = getActingFor();
  if (acting && !acting.scopes.includes('LICENCE_PRESENT')) return null;
  try {
    const { items } = await request<{ items: LicenceView[] }>('/api/licences', { isQuiet: true, ...options, ...(acting ? { onBehalfOf: acting.userId } : {}) });
    return items;
  } catch {
    return null;
  }
}

/** Per material with a licence type, the first VALID licence of that type (guide order). */
export function coverOptions(materials: readonly ServiceMaterial[], licences: readonly LicenceView[]): CoverOption[] {
  return materials.flatMap((m) => {
    const licence = m.licenceType ? licences.find((l) => l.type === m.licenceType && l.status === 'VALID') : undefined;
    return licence ? [{ position: m.position, name: m.name, licenceId: licence.id, words: licenceCoverWords(licence.type as LicenceTypeKey, licence.numberMasked) }] : [];
  });
}

/**
 * Notes a screen capture of licence `id` in its holder's 使用记录 (截屏) and the audit log. Best
 * effort: a failure (offline, rate limited) is swallowed, never shown. `onBehalfOf`: a grantee's
 * phone showing the holder's licence.
 */
export async function noteLicenceCapture(id: string, onBehalfOf?: string): Promise<LicenceCapture | null> {
  try {
    return await request<LicenceCapture>(`/api/licences/${encodeURIComponent(id)}/captures`, { method: 'POST', data: {}, isQuiet: true, ...(onBehalfOf ? { onBehalfOf } : {}) });
  } catch {
    return null;
  }
}
