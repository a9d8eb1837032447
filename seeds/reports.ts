// 办不成事 and 好差评 (issue 16): the rating reasons (GB/T 39734 style codes, as data; synced every
// seed) and, with the demo people, a few reports in different states (one overdue) and ratings for
// the county hall, so the staff desk and figures show something on first start. The demo rows are
// insert-only, like the demo grants: once there they are the app's, a re-seed never moves them.
import type { Prisma } from '@palm/db/client';
import type { TableSync } from '@palm/db';
import { OFFICE_IDS, SERVICE_IDS, USER_IDS } from './data/ids';
import { REGION_CODES } from './data/regions';

type Tx = Prisma.TransactionClient;
const DAY_MS = 86_400_000;

/** Reasons for a 不满意 / 非常不满意 rating (GB/T 39734-2020 评价指标, plain words). */
export const RATING_REASONS: ReadonlyArray<{ code: string; label: string }> = [
  { code: 'ATTITUDE', label: '服务态度不好' },
  { code: 'WAIT_LONG', label: '等候时间太长' },
  { code: 'NOT_DONE', label: '事情没办成' },
  { code: 'MATERIALS_REPEAT', label: '重复提交材料' },
  { code: 'GUIDE_UNCLEAR', label: '办事指南不清楚' },
  { code: 'RUN_MANY_TIMES', label: '跑了多次' },
  { code: 'OVER_TIME_LIMIT', label: '超过承诺时限' },
  { code: 'UNREASONABLE_FEE', label: '不合理收费' },
  { code: 'SYSTEM_FAULT', label: '系统故障' },
  { code: 'OTHER', label: '其他' },
];

export const REPORT_IDS = {
  received: 'f1600000-0000-4000-8000-000000000001',
  assigned: 'f1600000-0000-4000-8000-000000000002',
  overdue: 'f1600000-0000-4000-8000-000000000003',
  resolved: 'f1600000-0000-4000-8000-000000000004',
  closed: 'f1600000-0000-4000-8000-000000000005',
} as const;
export const RATING_IDS = {
  five: 'f1610000-0000-4000-8000-000000000001',
  four: 'f1610000-0000-4000-8000-000000000002',
  three: 'f1610000-0000-4000-8000-000000000003',
  two: 'f1610000-0000-4000-8000-000000000004',
} as const;

export async function seedRatingReasons(tx: Tx): Promise<TableSync> {
  const have = await tx.ratingReason.findMany();
  let created = 0;
  let updated = 0;
  for (const [i, r] of RATING_REASONS.entries()) {
    const row = have.find((h) => h.code === r.code);
    if (!row) {
      await tx.ratingReason.create({ data: { ...r, sortOrder: i } });
      created += 1;
    } else if (row.label !== r.label || row.sortOrder !== i) {
      await tx.ratingReason.update({ where: { code: r.code }, data: { label: r.label, sortOrder: i } });
      updated += 1;
    }
  }
  return { total: RATING_REASONS.length, created, updated, deleted: 0 };
}

/** The demo: 5 reports (one overdue) and 4 ratings (one 不满意 with its rectification) at the county hall. */
export async function seedFeedbackDemo(tx: Tx, now: Date): Promise<{ reports: TableSync; ratings: TableSync }> {
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const office = OFFICE_IDS.countyCenter;
  const region = REGION_CODES.county;
  const service = SERVICE_IDS.socialSecurityCardApply;
  const common = { reporterId: USER_IDS.citizen, officeId: office, regionCode: region, serviceId: service, contactPreference: 'IN_APP' as const };
  const reports: Prisma.ReportCreateManyInput[] = [
    { ...common, id: REPORT_IDS.received, text: '社保卡申领材料清单和窗口要求的不一样，白跑了一趟。', status: 'RECEIVED', ackDueAt: at(1), createdAt: at(-0.1) },
    { ...common, id: REPORT_IDS.assigned, text: '预约后到了大厅说系统没有我的预约记录。', class: 'GENERAL', status: 'ASSIGNED', ackDueAt: at(-2), dueAt: at(3), triagedAt: at(-2.5), assignedAt: at(-2.4), assignedOfficeId: office, createdAt: at(-3) },
    { ...common, id: REPORT_IDS.overdue, text: '窗口说这项业务要去市里办，但办事指南写县里可以办。', class: 'COMPLEX', status: 'TRIAGED', ackDueAt: at(-16), dueAt: at(-2), triagedAt: at(-16.5), createdAt: at(-17) },
    { ...common, id: REPORT_IDS.resolved, text: '取号后等了两个小时没有叫号。', class: 'STAFF_FAULT', status: 'RESOLVED', ackDueAt: at(-5), dueAt: at(-1), triagedAt: at(-5.5), assignedAt: at(-5.4), assignedOfficeId: office, resolvedAt: at(-2), resolution: '已核实为叫号设备故障，已维修并向您致歉。', createdAt: at(-6) },
    { ...common, id: REPORT_IDS.closed, text: '大厅停车场入口没有指示牌。', class: 'GENERAL', status: 'CLOSED', ackDueAt: at(-20), dueAt: at(-14), triagedAt: at(-20.5), assignedAt: at(-20.4), assignedOfficeId: office, resolvedAt: at(-16), confirmedAt: at(-15), closedAt: at(-15), resolution: '已增设指示牌。', createdAt: at(-21) },
  ];
  const haveReports = new Set((await tx.report.findMany({ where: { id: { in: reports.map((r) => r.id!) } }, select: { id: true } })).map((r) => r.id));
  const newReports = reports.filter((r) => !haveReports.has(r.id!));
  if (newReports.length > 0) {
    await tx.report.createMany({ data: newReports });
    const order: Array<[string, 'RECEIVED' | 'TRIAGED' | 'ASSIGNED' | 'RESOLVED' | 'CONFIRMED' | 'CLOSED', Date | null | undefined]> = [];
    for (const r of newReports) {
      order.push(['received', 'RECEIVED', r.createdAt as Date]);
      if (r.triagedAt) order.push(['triage', 'TRIAGED', r.triagedAt as Date]);
      if (r.assignedAt) order.push(['assign', 'ASSIGNED', r.assignedAt as Date]);
      if (r.resolvedAt) order.push(['resolve', 'RESOLVED', r.resolvedAt as Date]);
      if (r.confirmedAt) order.push(['confirm', 'CONFIRMED', r.confirmedAt as Date]);
      if (r.closedAt) order.push(['close', 'CLOSED', r.closedAt as Date]);
      let from: (typeof order)[number][1] | null = null;
      for (const [action, to, when] of order.splice(0)) {
        await tx.reportStep.create({ data: { reportId: r.id!, at: when!, actorId: action === 'received' ? USER_IDS.citizen : action === 'resolve' ? USER_IDS.clerk : USER_IDS.supervisor, action, fromStatus: from, toStatus: to } });
        from = to;
      }
    }
  }
  const target = (n: number) => `f1620000-0000-4000-8000-00000000000${n}`;
  const rating = { targetType: 'TICKET' as const, channel: 'APP' as const, round: 1, subjectId: USER_IDS.citizen, raterId: USER_IDS.citizen, officeId: office, serviceId: service, clerkId: USER_IDS.clerk };
  const ratings: Prisma.RatingCreateManyInput[] = [
    { ...rating, id: RATING_IDS.five, targetId: target(1), level: 5, comment: '工作人员很耐心。', createdAt: at(-4) },
    { ...rating, id: RATING_IDS.four, targetId: target(2), level: 4, createdAt: at(-3) },
    { ...rating, id: RATING_IDS.three, targetId: target(3), level: 3, subjectId: null, raterId: null, defaulted: true, createdAt: at(-2) },
    { ...rating, id: RATING_IDS.two, targetId: target(4), level: 2, reasons: ['WAIT_LONG'], comment: '等了很久。', createdAt: at(-1) },
  ];
  const haveRatings = new Set((await tx.rating.findMany({ where: { id: { in: ratings.map((r) => r.id!) } }, select: { id: true } })).map((r) => r.id));
  const newRatings = ratings.filter((r) => !haveRatings.has(r.id!));
  if (newRatings.length > 0) {
    await tx.rating.createMany({ data: newRatings });
    if (newRatings.some((r) => r.id === RATING_IDS.two)) {
      await tx.rectification.create({ data: { ratingId: RATING_IDS.two, officeId: office, regionCode: region, dueAt: at(6), capAt: at(20), createdAt: at(-1) } });
    }
  }
  return {
    reports: { total: reports.length, created: newReports.length, updated: 0, deleted: 0 },
    ratings: { total: ratings.length, created: newRatings.length, updated: 0, deleted: 0 },
  };
}
