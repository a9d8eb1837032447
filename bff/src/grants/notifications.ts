// The grants domain's notification kinds (notify/kind-spec.ts): the other side of a grant is told
// when it is asked (an invitation or a request), accepted, rejected or revoked — in-app only — and
// a grantor is told of every act done on their behalf (ACTED_ON_BEHALF), in-app and, with a credit,
// by the 代办提醒 platform template. The facts hold the other person's masked name ("陈**") and
// relation, never a full name, phone or id; the platform message carries the relation only.
import { GRANT_SCOPE_LABELS, type GrantScopeKey } from '@palm/shared';
import { defineKinds, kind } from '../notify/kind-spec';
import { businessDay, businessTime, shortText, timeRange } from '../notify/text';

/** Facts of GRANT_REQUESTED / _ACCEPTED / _REJECTED / _REVOKED (the row's payload). */
export interface GrantFacts {
  grantId: string;
  /** The other person, masked, as the recipient sees them. */
  otherName: string;
  /** Who the grantee is to the grantor ("子女", "网格员"). */
  relation: string;
  /** The recipient's side of the grant. */
  recipientIs: 'GRANTOR' | 'GRANTEE';
  scopes: string[];
  validUntil: string;
  /** GRANT_REVOKED: it was still pending (an invitation or request withdrawn). */
  wasPending?: boolean;
  /** Who sent it: an invitation (the grantor) or a request (the grantee). */
  initiatedBy?: 'GRANTOR' | 'GRANTEE';
  /** GRANT_REVOKED: the grantor said an act done under it was not theirs (这不是我授权的). */
  disputed?: boolean;
  /** GRANT_ACCEPTED: consent given at a window before a clerk (见证授权), active at once. */
  witnessed?: boolean;
  /** GRANT_REVOKED: ended by a clerk at a window, at the grantor's request. */
  atWindow?: boolean;
  at: string;
}

/** Facts of ACTED_ON_BEHALF: who did what for the recipient, and what it concerned. */
export interface ActFacts {
  /** The act's entry in the recipient's activity log. */
  activityId: string;
  actorName: string;
  relation: string | null;
  /** How the log says it ("预约", "取号"). */
  words: string;
  serviceName: string | null;
  officeName: string | null;
  /** An appointment's or a waitlisted slot's time (ISO). */
  startsAt?: string | null;
  endsAt?: string | null;
  /** A ticket's number ("B007"). */
  displayNumber?: string | null;
  at: string;
}

const scopeWords = (scopes: string[]): string => scopes.map((s) => GRANT_SCOPE_LABELS[s as GrantScopeKey] ?? s).join('、');
const until = (iso: string): string => businessDay(new Date(new Date(iso).getTime() - 1).toISOString()).day;
const WHERE = '请在“我的 → 亲友代办”中查看';

export function renderGrantInApp(k: 'GRANT_REQUESTED' | 'GRANT_ACCEPTED' | 'GRANT_REJECTED' | 'GRANT_REVOKED', f: GrantFacts): { title: string; body: string } {
  const what = `${scopeWords(f.scopes)}，有效期至${until(f.validUntil)}`;
  const toGrantor = f.recipientIs === 'GRANTOR';
  if (k === 'GRANT_REQUESTED') {
    return toGrantor
      ? { title: '代办申请', body: `${f.otherName} 申请作为您的${f.relation}代您办理：${what}。同意后对方才能代您办理，每次代办您都会收到消息；不认识对方请拒绝。${WHERE}。` }
      : { title: '代办邀请', body: `${f.otherName} 邀请您作为其${f.relation}代其办理：${what}。${WHERE}，接受或拒绝。` };
  }
  if (k === 'GRANT_ACCEPTED' && f.witnessed) {
    return toGrantor
      ? { title: '窗口见证授权已生效', body: `您在政务服务窗口当面授权 ${f.otherName}（${f.relation}）代您办理：${what}。每次代办您都会收到消息；如需撤销，可到任一窗口办理。` }
      : { title: '代办授权已生效', body: `${f.otherName} 在政务服务窗口当面授权您作为其${f.relation}代其办理：${what}。` };
  }
  if (k === 'GRANT_ACCEPTED') {
    return toGrantor
      ? { title: '代办邀请已接受', body: `${f.otherName} 已接受您的邀请，可以代您办理：${what}。每次代办您都会收到消息，可以随时撤销。` }
      : { title: '代办申请已同意', body: `${f.otherName} 已同意您代其办理：${what}。` };
  }
  if (k === 'GRANT_REJECTED') {
    return { title: toGrantor ? '代办邀请被拒绝' : '代办申请被拒绝', body: `${f.otherName} 拒绝了您的${toGrantor ? '代办邀请' : '代办申请'}。` };
  }
  if (f.atWindow) {
    return toGrantor
      ? { title: '代办授权已撤销', body: `经您在政务服务窗口申请，工作人员已撤销 ${f.otherName} 的代办授权，对方不能再代您办理。` }
      : { title: '代办授权已撤销', body: `${f.otherName} 已在政务服务窗口撤销对您的代办授权，您不能再代其办理。` };
  }
  if (f.wasPending) {
    // What was withdrawn is what its initiator sent (rows written before the field: by the side told).
    const sent = (f.initiatedBy ?? (toGrantor ? 'GRANTEE' : 'GRANTOR')) === 'GRANTEE' ? '代办申请' : '代办邀请';
    return { title: '代办授权已撤回', body: `${f.otherName} 撤回了${sent}。` };
  }
  if (toGrantor) return { title: '代办人已退出', body: `${f.otherName} 已不再为您代办，其代办授权已结束。${WHERE}。` };
  const why = f.disputed ? '对方表示有代办操作不是其本人授权的，已交工作人员核查。' : '';
  return { title: '代办授权已撤销', body: `${f.otherName} 已撤销对您的代办授权，您不能再代其办理。${why}` };
}

/** "身份证换领（11月25日（周三） 09:00–09:30，县政务服务中心）". */
function detailOf(f: ActFacts): string {
  const parts = [
    f.displayNumber ? `${f.displayNumber}号` : null,
    f.startsAt ? `${businessDay(f.startsAt).day} ${timeRange(f.startsAt, f.endsAt ?? undefined)}` : null,
    f.officeName,
  ].filter((p): p is string => Boolean(p));
  const service = f.serviceName ?? '';
  return parts.length > 0 ? `${service}（${parts.join('，')}）` : service;
}

export function renderActInApp(f: ActFacts): { title: string; body: string } {
  const who = f.relation ? `${f.relation} ${f.actorName}` : f.actorName;
  const detail = detailOf(f);
  return {
    title: '代办提醒',
    body: `${who} 代您${f.words}${detail ? `：${detail}` : ''}。如果这不是您授权的，请到“我的 → 授权记录”点“这不是我授权的”，授权会立即撤销。`,
  };
}

const agent = (f: ActFacts): string => (f.relation ? `您的${f.relation}` : '您授权的代办人');
const matter = (f: ActFacts): string => `${f.words} ${f.serviceName ?? ''}`.trim();
const TIP = '如非您授权请在授权记录中处理';

/** WeChat 代办提醒: thing1 办理事项, thing2 代办人, time3 办理时间, thing4 温馨提示. */
export function renderActWechat(f: ActFacts): Record<string, { value: string }> {
  return {
    thing1: { value: shortText(matter(f), 20) },
    thing2: { value: shortText(agent(f), 20) },
    time3: { value: businessTime(f.at) },
    thing4: { value: TIP },
  };
}

/** Alipay 代办提醒: keyword1 办理事项, keyword2 代办人, keyword3 办理时间, keyword4 温馨提示. */
export function renderActAlipay(f: ActFacts): Record<string, { value: string }> {
  return {
    keyword1: { value: shortText(matter(f), 50) },
    keyword2: { value: shortText(agent(f), 50) },
    keyword3: { value: businessTime(f.at) },
    keyword4: { value: TIP },
  };
}

const grantKind = (k: 'GRANT_REQUESTED' | 'GRANT_ACCEPTED' | 'GRANT_REJECTED' | 'GRANT_REVOKED') =>
  kind<GrantFacts>({ template: null, inApp: (f) => renderGrantInApp(k, f) });

export const GRANT_NOTIFICATIONS = defineKinds({
  /** An invitation (to the grantee) or a request (to the grantor) waiting for their answer. */
  GRANT_REQUESTED: grantKind('GRANT_REQUESTED'),
  /** The other side accepted: to whoever asked. */
  GRANT_ACCEPTED: grantKind('GRANT_ACCEPTED'),
  /** The other side rejected: to whoever asked. */
  GRANT_REJECTED: grantKind('GRANT_REJECTED'),
  /** Ended by one side (or withdrawn while pending): to the other. */
  GRANT_REVOKED: grantKind('GRANT_REVOKED'),
  /** 代办提醒: something was done on the recipient's behalf. */
  ACTED_ON_BEHALF: kind<ActFacts>({ template: 'PROXY_ACT', inApp: renderActInApp, wechat: renderActWechat, alipay: renderActAlipay }),
});
