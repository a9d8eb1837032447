// The 办不成事 / 好差评 domain's notification kinds (notify/kind-spec.ts), all in-app: the reporter is
// told of every step of their report with its deadline (REPORT_UPDATED), a supervisor of an
// escalated case (REPORT_ESCALATED), a person whose handling ended is invited to rate it
// (RATING_INVITED), and the region's supervisors of a rectification case (RECTIFICATION_OPENED).
// Facts carry names of halls and services and the words of a step; never a person's name or phone.
import { defineKinds, kind } from '../notify/kind-spec';
import { businessDay } from '../notify/text';

export interface ReportUpdatedFacts {
  reportId: string;
  /** The step's words ("已受理", "已转办至县政务服务中心"). */
  words: string;
  statusWords: string;
  officeName: string;
  /** The deadline now running (ISO), when one does. */
  dueAt: string | null;
  /** Resolved: the reporter may rate the fix (a second round when it came from a rating). */
  inviteRating?: boolean;
  note?: string | null;
  at: string;
}

export interface ReportEscalatedFacts {
  reportId: string;
  level: number;
  officeName: string;
  statusWords: string;
  dueAt: string | null;
  at: string;
}

export interface RatingInvitedFacts {
  targetType: 'TICKET' | 'APPOINTMENT' | 'REPORT';
  targetId: string;
  round: number;
  serviceName: string | null;
  officeName: string;
  rateBy: string;
  at: string;
}

export interface RectificationOpenedFacts {
  rectificationId: string;
  officeName: string;
  levelWords: string;
  dueAt: string;
  at: string;
}

const dueWords = (dueAt: string | null): string => {
  if (!dueAt) return '';
  // dueAt is the start of the day after the last working day.
  return `，办理期限至${businessDay(new Date(new Date(dueAt).getTime() - 1).toISOString()).day}`;
};

export function renderReportUpdated(f: ReportUpdatedFacts): { title: string; body: string } {
  const rate = f.inviteRating ? '请对处理结果进行评价。' : '';
  // A note usually ends a sentence of its own (a resolution "…已恢复。"): one full stop, not two.
  const text = f.note?.trim().replace(/[。．.！!？?；;，,、]+$/u, '');
  const note = text ? `说明：${text}。` : '';
  return { title: `办不成事反映${f.statusWords}`, body: `您在${f.officeName}反映的问题${f.words}${dueWords(f.dueAt)}。${note}${rate}可在“我的反映”中查看全部进展。` };
}

export function renderReportEscalated(f: ReportEscalatedFacts): { title: string; body: string } {
  return { title: '办不成事反映超期督办', body: `${f.officeName}的一件反映（${f.statusWords}）已超过办理期限，已提级至您督办（第${f.level}级）。请在工作台“反映案件”中查看。` };
}

export function renderRatingInvited(f: RatingInvitedFacts): { title: string; body: string } {
  const what = f.targetType === 'REPORT' ? '您反映的问题已处理' : `您在${f.officeName}办理的${f.serviceName ?? '业务'}已完成`;
  const again = f.round > 1 ? '，请再次评价处理后的服务' : '，请对这次服务进行评价';
  return { title: '邀请您评价', body: `${what}${again}。${businessDay(f.rateBy).day}前未评价的，默认为“基本满意”。` };
}

export function renderRectificationOpened(f: RectificationOpenedFacts): { title: string; body: string } {
  return { title: '差评整改', body: `${f.officeName}收到一条“${f.levelWords}”评价，已生成整改，须在${businessDay(new Date(new Date(f.dueAt).getTime() - 1).toISOString()).day}前整改并完成回访。` };
}

export const REPORT_NOTIFICATIONS = defineKinds({
  /** Each step of a report, to its reporter (or, for someone without the app, nobody). */
  REPORT_UPDATED: kind<ReportUpdatedFacts>({ template: null, inApp: renderReportUpdated }),
  /** An overdue case escalated: to the supervisors of the region it reached. */
  REPORT_ESCALATED: kind<ReportEscalatedFacts>({ template: null, inApp: renderReportEscalated }),
  /** A handling ended (or a report was resolved): please rate it. */
  RATING_INVITED: kind<RatingInvitedFacts>({ template: null, inApp: renderRatingInvited }),
  /** A level 1–2 rating opened a rectification case: to the region's supervisors. */
  RECTIFICATION_OPENED: kind<RectificationOpenedFacts>({ template: null, inApp: renderRectificationOpened }),
});
