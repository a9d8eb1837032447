// 取号前预览: before someone confirms, what a number taken now would face — people ahead and the
// wait range, from the same line, priority and estimate a real take would get (TicketService), or
// why no number can be taken, in the order a take would refuse it.
import type { QueuePreview } from '@palm/shared/server';
import type { FastifyInstance } from 'fastify';
import { calendarCacheFor } from '../catalogue/calendar';
import { officeOpenStatus } from '../catalogue/hours';
import { exceptionWindow } from '../catalogue/offices';
import { AppError } from '../lib/errors';
import { activeKeyOf, type TicketService } from './tickets';

const utcDate = (date: string) => new Date(`${date}T00:00:00Z`);

/** 大厅已下班 / not open yet, with when numbers can be taken again. */
export function closedReason(today: string, opensNext: { date: string; time: string } | null): string {
  if (!opensNext) return '大厅已下班，暂时不能取号';
  if (opensNext.date === today) return `大厅现在不在办公时间，今天 ${opensNext.time} 后可取号`;
  const [, month, day] = opensNext.date.split('-').map(Number);
  return `大厅已下班，${month}月${day}日 ${opensNext.time} 开门后可取号`;
}

/**
 * The preview for `serviceId` at `officeId`; `subjectId` (the signed-in caller, the person they act
 * for — `onBehalf` — or null) decides the priority lane and whether they already hold a number for
 * it. Unknown hall: NOT_FOUND.
 */
export async function previewTicket(
  app: FastifyInstance,
  tickets: TicketService,
  input: { officeId: string; serviceId: string; subjectId: string | null; onBehalf?: boolean },
): Promise<QueuePreview> {
  const { prisma } = app;
  const at = app.resources.clock.businessDateTime();
  const offering = await prisma.officeService.findUnique({
    where: { officeId_serviceId: { officeId: input.officeId, serviceId: input.serviceId } },
    include: {
      service: { select: { categoryLetter: true, meanHandlingMinutes: true, timeStat: { select: { ewmaMinutes: true } } } },
      office: { include: { exceptions: exceptionWindow(at.date) } },
    },
  });
  if (!offering) {
    const office = await prisma.office.findUnique({ where: { id: input.officeId }, select: { id: true } });
    if (!office) throw new AppError('NOT_FOUND', '没有找到该办事大厅');
    return { open: false, code: 'SERVICE_NOT_OFFERED', reason: '本大厅不办理该事项，请选择其他大厅', peopleAhead: 0, estimate: null };
  }
  const businessDate = utcDate(at.date);
  const [priority, active, quota, calendar] = await Promise.all([
    tickets.priorityOf(input.subjectId, at.date),
    input.subjectId
      ? prisma.ticket.findUnique({ where: { activeKey: activeKeyOf(input.subjectId, input.officeId, input.serviceId, at.date) }, select: { id: true } })
      : Promise.resolve(null),
    prisma.ticketQuota.findUnique({ where: { officeId_serviceId_businessDate: { officeId: input.officeId, serviceId: input.serviceId, businessDate } }, select: { issued: true } }),
    calendarCacheFor(app.resources).get(),
  ]);
  // A number taken now joins the end of its priority class: it is ahead of nobody already waiting
  // in that class (the highest id loses a tie of queuedAt, as a later take would).
  const candidate = { id: '\uffff', priority, queuedAt: app.resources.clock.now().getTime() };
  const minutes = offering.service.timeStat?.ewmaMinutes ?? offering.service.meanHandlingMinutes;
  const standing = await tickets.lineStanding({ officeId: input.officeId, businessDate, letter: offering.service.categoryLetter }, candidate, minutes);

  if (active) return { open: false, code: 'TICKET_ALREADY_ACTIVE', reason: `${input.onBehalf ? '对方' : '您'}在该大厅已有这项业务的排队号`, activeTicketId: active.id, ...standing };
  const hours = officeOpenStatus(offering.office, calendar, at);
  if (!hours.openNow) return { open: false, code: 'OFFICE_CLOSED', reason: closedReason(at.date, hours.opensNext), ...standing };
  if ((quota?.issued ?? 0) >= offering.dailyTicketCapacity) {
    return { open: false, code: 'QUEUE_FULL_TODAY', reason: '今日线上号已取完，可到现场窗口取号或明天再来', ...standing };
  }
  return { open: true, ...standing };
}
