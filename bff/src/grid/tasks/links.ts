// What a task led to: the numbers the worker took and the bookings the worker made for the
// resident, for the task's service, while the task was open (from its creation until it was done
// or cancelled). No column ties them to the task: tickets and appointments already record who
// acted (`actorId`, the worker acting under the resident's grant) for whom (`subjectId`), and one
// open task per worker, resident and service (GridTask.activeKey) makes the match unambiguous.
import type { GridTask } from '@palm/shared/server';
import type { PrismaClient } from '@palm/db/client';
import type { Clock } from '../../lib/clock';

export type TaskLinks = Pick<GridTask, 'tickets' | 'appointments'>;

interface TaskWindow {
  id: string;
  residentId: string;
  serviceId: string;
  createdAt: Date;
  doneAt: Date | null;
  cancelledAt: Date | null;
}

/** At most this many links of each kind per page of tasks (a task leads to a few). */
const MAX_ROWS = 500;

const within = (task: TaskWindow, at: Date) => at >= task.createdAt && at <= (task.doneAt ?? task.cancelledAt ?? at);

/** Each task's links, in two queries for a whole page of tasks. */
export async function linksOf(prisma: PrismaClient, clock: Clock, workerId: string, tasks: readonly TaskWindow[]): Promise<Map<string, TaskLinks>> {
  const links = new Map<string, TaskLinks>(tasks.map((t) => [t.id, { tickets: [], appointments: [] }]));
  if (tasks.length === 0) return links;
  const since = new Date(Math.min(...tasks.map((t) => t.createdAt.getTime())));
  const subjectId = { in: [...new Set(tasks.map((t) => t.residentId))] };
  const serviceId = { in: [...new Set(tasks.map((t) => t.serviceId))] };
  const [tickets, appointments] = await Promise.all([
    prisma.ticket.findMany({
      where: { actorId: workerId, subjectId, serviceId, issuedAt: { gte: since } },
      select: { id: true, displayNumber: true, status: true, businessDate: true, issuedAt: true, subjectId: true, serviceId: true, office: { select: { name: true } } },
      orderBy: [{ issuedAt: 'asc' }, { id: 'asc' }],
      take: MAX_ROWS,
    }),
    prisma.appointment.findMany({
      where: { actorId: workerId, subjectId, serviceId, createdAt: { gte: since } },
      select: { id: true, code: true, status: true, date: true, startsAt: true, createdAt: true, subjectId: true, serviceId: true, office: { select: { name: true } } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: MAX_ROWS,
    }),
  ]);
  for (const task of tasks) {
    const mine = (row: { subjectId: string | null; serviceId: string }, at: Date) => row.subjectId === task.residentId && row.serviceId === task.serviceId && within(task, at);
    links.set(task.id, {
      tickets: tickets
        .filter((t) => mine(t, t.issuedAt))
        .map((t) => ({ id: t.id, displayNumber: t.displayNumber, status: t.status, officeName: t.office.name, date: t.businessDate.toISOString().slice(0, 10) })),
      appointments: appointments
        .filter((a) => mine(a, a.createdAt))
        .map((a) => ({ id: a.id, code: a.code, status: a.status, officeName: a.office.name, date: a.date.toISOString().slice(0, 10), start: clock.businessTime(a.startsAt) })),
    });
  }
  return links;
}

