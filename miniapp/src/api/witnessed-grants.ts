// 见证授权 at a window (clerks): record a grant a resident without a phone consents to before the
// clerk, read a resident's grants by ID number, and end a witnessed one at their request. The ID
// number goes in POST bodies only (never a URL); the BFF answers it masked. Never on anyone's behalf.

// Types come from the shared schemas (clients import types only, STYLE.md).
import type { WitnessedGrant, WitnessedGrantBody, WitnessGrant, WitnessRecord } from '@palm/shared/server';
import { own, request, type RequestOptions } from './request';

export type { WitnessedGrant, WitnessedGrantBody, WitnessGrant, WitnessRecord };


/** 登记见证授权: ACTIVE at once, the clerk recorded as witness with the form's number. */
export function witnessGrant(body: WitnessedGrantBody, options: RequestOptions = {}): Promise<WitnessedGrant> {
  return request<WitnessedGrant>('/api/grants/witnessed', { ...own(options), method: 'POST', data: body });
}

/** The resident (masked) and the grants they gave, newest first. */
export function lookupResident(residentIdNumber: string, options: RequestOptions = {}): Promise<WitnessRecord> {
  return request<WitnessRecord>('/api/grants/witnessed/lookup', { ...own(options), method: 'POST', data: { residentIdNumber } });
}

/** 撤销 a witnessed grant at the resident's request (the revocation form's number, if one was signed). */
export function revokeWitnessedGrant(id: string, formNumber?: string, options: RequestOptions = {}): Promise<WitnessGrant> {
  return request<WitnessGrant>(`/api/grants/witnessed/${encodeURIComponent(id)}/revoke`, { ...own(options), method: 'POST', data: formNumber ? { formNumber } : {} });
}
