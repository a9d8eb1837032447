// What anyone, or a hall's supervisors, read of a hall's queue: the public board, the preview
// before taking a number, and the day's estimate accuracy. Decorated as `app.queue` (./index.ts).
import type { QueueAccuracy, QueueBoard, QueuePreview } from '@palm/shared/server';
import type { FastifyInstance } from 'fastify';
import { queueAccuracy, queueBoard } from './board';
import { previewTicket } from './preview';

export class HallQueue {
  constructor(private readonly app: FastifyInstance) {}

  /** The hall's board today (numbers called at each window, people waiting per letter), or null. */
  board(officeId: string): Promise<QueueBoard | null> {
    return queueBoard(this.app.prisma, officeId, this.app.resources.clock.businessDate());
  }

  /** Estimated vs actual waits of a day's finished tickets at a hall. */
  accuracy(office: { id: string; name: string }, businessDate: string): Promise<QueueAccuracy> {
    return queueAccuracy(this.app.prisma, office, businessDate);
  }

  /** What a number taken now would face, or why none can be taken (`subjectId`: the caller, if signed in). */
  preview(input: { officeId: string; serviceId: string; subjectId: string | null; onBehalf?: boolean }): Promise<QueuePreview> {
    return previewTicket(this.app, this.app.tickets, input);
  }
}
