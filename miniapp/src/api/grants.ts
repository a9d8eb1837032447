// 亲友代办 (授权): invite someone to act for me or ask someone to let me act for them (by phone),
// my grants on either side with who must act next, accept / reject / revoke; and 授权记录 — what was
// done or tried on my behalf and what I did for others — with 这不是我授权的. Grants are always my
// own: none of these calls is ever made on someone's behalf (the BFF refuses X-On-Behalf-Of here).

// Types come from the shared schemas (clients import types only, STYLE.md).
import type { Activity, ActivityDispute, ActivityList, Grant, GrantCreateBody, GrantList } from '@palm/shared/server';
import { own, request, type RequestOptions } from './request';

export type { Activity, ActivityDispute, Grant };
export type GrantStatus = Grant['status'];
export type GrantAction = Grant['actions'][number];
/** Which side of a grant a list shows: people who may act for me, or people I may act for. */
export type GrantSide = 'grantor' | 'grantee';

/** The terms shared by an invitation and a request (relation, scopes, services, last day YYYY-MM-DD). */
export type GrantTerms = Omit<Extract<GrantCreateBody, { granteePhone: string }>, 'granteePhone'>;

const grantPath = (id: string) => `/api/grants/${encodeURIComponent(id)}`;

/** 邀请亲友代办: I am the grantor; the grantee (who has signed in once with that phone) accepts. */
export function inviteGrantee(granteePhone: string, terms: GrantTerms, options: RequestOptions = {}): Promise<Grant> {
  return request<Grant>('/api/grants', { ...own(options), method: 'POST', data: { granteePhone, ...terms } });
}

/** 申请代办: I am the grantee; the grantor approves. */
export function askGrantor(grantorPhone: string, terms: GrantTerms, options: RequestOptions = {}): Promise<Grant> {
  return request<Grant>('/api/grants', { ...own(options), method: 'POST', data: { grantorPhone, ...terms } });
}

/** My grants on one side, newest first; `state` narrows to live (pending, in force) or ended ones. */
export function listGrants(as: GrantSide, query: { state?: 'live' | 'ended'; cursor?: string } = {}, options: RequestOptions = {}): Promise<GrantList> {
  return request<GrantList>('/api/grants', { ...own(options), query: { as, ...query } });
}

/** One of my grants as it is now (either side); anyone else's is a 404 like a missing one. */
export function getGrant(id: string, options: RequestOptions = {}): Promise<Grant> {
  return request<Grant>(grantPath(id), { ...own(options) });
}

/** 接受 / 同意: by the side that did not ask. */
export function acceptGrant(id: string, options: RequestOptions = {}): Promise<Grant> {
  return request<Grant>(`${grantPath(id)}/accept`, { ...own(options), method: 'POST' });
}

/** 拒绝: by the side that did not ask. */
export function rejectGrant(id: string, options: RequestOptions = {}): Promise<Grant> {
  return request<Grant>(`${grantPath(id)}/reject`, { ...own(options), method: 'POST' });
}

/** 撤销 (the grantor), 退出代办 (the grantee), or 撤回 a pending invitation or request. */
export function revokeGrant(id: string, options: RequestOptions = {}): Promise<Grant> {
  return request<Grant>(`${grantPath(id)}/revoke`, { ...own(options), method: 'POST' });
}

/**
 * 授权记录, newest first, 20 a page: `direction` for_me (done or tried on my behalf) or by_me (what I
 * did for others); `include: 'all'` adds views to the acts and refusals.
 */
export function listActivity(query: { direction?: 'for_me' | 'by_me'; include?: 'acts' | 'all'; cursor?: string } = {}, options: RequestOptions = {}): Promise<ActivityList> {
  return request<ActivityList>('/api/me/activity', { ...own(options), query });
}

/** 这不是我授权的: revokes my grant to whoever acted at once and flags the act for staff; repeating it changes nothing. */
export function disputeActivity(id: string, options: RequestOptions = {}): Promise<ActivityDispute> {
  return request<ActivityDispute>(`/api/me/activity/${encodeURIComponent(id)}/dispute`, { ...own(options), method: 'POST' });
}
