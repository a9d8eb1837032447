// 电子证照 (DESIGN.md §4 E-licence 亮证): my licences, masked; one licence (the full number only on
// request, to the holder, logged); 亮证 — a signed token for a purpose, shown as a QR; 使用记录; the
// purposes and what each discloses; a clerk's 核验; the public keys for the offline verifier. A
// grantee with a LICENCE_PRESENT grant lists, opens and presents the grantor's licences through the
// acting store's X-On-Behalf-Of like any other call; revealing the number is never on someone's behalf.

// Types come from the shared schemas (clients import types only, STYLE.md).
import type { LicenceList, LicencePresentation, LicencePurposeView, LicenceUse, LicenceVerification, LicenceView } from '@palm/shared/server';
import { request, type RequestOptions } from './request';

export type { LicencePresentation, LicencePurposeView, LicenceUse, LicenceVerification, LicenceView };

const licencePath = (id: string) => `/api/licences/${encodeURIComponent(id)}`;

/** My licences (or, acting for someone, theirs), numbers masked. */
export function listLicences(options: RequestOptions = {}): Promise<LicenceList> {
  return request<LicenceList>('/api/licences', options);
}

/**
 * Fetches my licences from the provincial platform now (my own only: it asks by my name and ID
 * number); `synced` false when nothing was asked (no verified real name, or no platform).
 */
export function syncLicences(options: RequestOptions = {}): Promise<LicenceList & { synced: boolean }> {
  return request<LicenceList & { synced: boolean }>('/api/licences/sync', { ...options, onBehalfOf: undefined, method: 'POST', data: {} });
}

/** One licence, masked. */
export function getLicence(id: string, options: RequestOptions = {}): Promise<LicenceView> {
  return request<LicenceView>(licencePath(id), options);
}

/** One of my own licences with its full number (`number`), logged by the BFF; never for someone else. */
export function revealLicence(id: string, options: RequestOptions = {}): Promise<LicenceView> {
  return request<LicenceView>(licencePath(id), { ...options, onBehalfOf: undefined, query: { reveal: true } });
}

/** The purposes a licence of this type may be presented for, with the fields each shows the verifier. */
export function listLicencePurposes(licenceType?: string, options: RequestOptions = {}): Promise<{ items: LicencePurposeView[] }> {
  return request<{ items: LicencePurposeView[] }>('/api/licence-purposes', { ...options, query: { licenceType } });
}

/** 亮证: a new signed single-use token for `purpose` (absent: 身份核验), valid 60 s. */
export function presentLicence(id: string, purpose: string | undefined, options: RequestOptions = {}): Promise<LicencePresentation> {
  return request<LicencePresentation>(`${licencePath(id)}/presentations`, { ...options, method: 'POST', data: purpose ? { purpose } : {} });
}

/** 使用记录, newest first, 50 a page. */
export function listLicenceUses(id: string, cursor?: string, options: RequestOptions = {}): Promise<{ items: LicenceUse[]; nextCursor?: string }> {
  return request<{ items: LicenceUse[]; nextCursor?: string }>(`${licencePath(id)}/uses`, { ...options, query: { cursor } });
}

/** 核验 (a clerk at a window): the token's purpose, only its fields, the holder masked. Never on someone's behalf. */
export function verifyLicenceToken(token: string, options: RequestOptions = {}): Promise<LicenceVerification> {
  return request<LicenceVerification>('/api/licence-verifications', { ...options, onBehalfOf: undefined, method: 'POST', data: { token } });
}

/** The JWK Set that signs 亮证 tokens (public, no token sent). */
export function getLicenceJwks(options: RequestOptions = {}): Promise<{ keys: Array<Record<string, unknown>> }> {
  return request<{ keys: Array<Record<string, unknown>> }>('/.well-known/jwks.json', { ...options, onBehalfOf: undefined, isAnonymous: true });
}
