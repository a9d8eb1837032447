// A door-to-door task as the worker sees it (GridTaskSchema): its resident's roster row, the
// service, the visits, which steps are open now, and what was done for the resident under it.
import type { GridResident, GridTask } from '@palm/shared/server';
import type { Prisma } from '@palm/db/client';
import { RESIDENT_FACTS } from '../roster';
import type { TaskLinks } from './links';

export const TASK_INCLUDE = {
  resident: { select: RESIDENT_FACTS },
  service: { select: { id: true, name: true } },
  visits: { orderBy: [{ at: 'asc' }, { id: 'asc' }], select: { at: true, note: true } },
} as const satisfies Prisma.GridTaskInclude;
export type TaskRow = Prisma.GridTaskGetPayload<{ include: typeof TASK_INCLUDE }>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Open: a visit may be recorded and the task cancelled; visited: it may be finished. */
export const isOpen = (status: TaskRow['status']) => status === 'PLANNED' || status === 'VISITED';

export function taskView(row: TaskRow, resident: GridResident, links: TaskLinks): GridTask {
  return {
    id: row.id,
    status: row.status,
    resident,
    service: { id: row.service.id, name: row.service.name },
    plannedDate: row.plannedDate.toISOString().slice(0, 10),
    note: row.note,
    visits: row.visits.map((v) => ({ at: v.at.toISOString(), note: v.note })),
    createdAt: row.createdAt.toISOString(),
    visitedAt: iso(row.visitedAt),
    doneAt: iso(row.doneAt),
    doneNote: row.doneNote,
    cancelledAt: iso(row.cancelledAt),
    cancelReason: row.cancelReason,
    canVisit: isOpen(row.status),
    canFinish: row.status === 'VISITED',
    canCancel: isOpen(row.status),
    tickets: links.tickets,
    appointments: links.appointments,
  };
}
