// Writing the outbox (DESIGN.md §3 Notification, §4 "your turn is near"). Each trigger is ONE SQL
// statement: it decides who is notified, claims the ticket, consumes a subscription credit and
// writes the rows together, so a notification is never half-written and never doubled:
// - TICKET_NEAR: after any change at an office, the waiting tickets of its line whose place now
//   counts as near have `nearNotifiedAt` set by a conditional UPDATE (… WHERE nearNotifiedAt IS
//   NULL), so under any race only one change claims a ticket; the claim writes its rows.
// - TICKET_CALLED: inside the call's (or recall's) transaction, behind a savepoint, so a failure
//   here rolls back only the notification and never the call.
// Channels and credits: outbox.ts (writeOutbox completes every statement here).
import type { FastifyBaseLogger } from 'fastify';
import { DEFAULT_QUEUE_SETTINGS } from '@palm/shared';
import { Prisma, type PrismaClient } from '@palm/db/client';
import type { Clock } from '../lib/clock';
import { behindSavepoint, writeOutbox, type Db, type EnqueueResult } from './outbox';
import type { TemplateTable } from './templates';

export type { EnqueueResult };

export class NotificationEnqueuer {
  /** Near evaluations in flight per office; changes arriving meanwhile ask for one more run. */
  private readonly inFlight = new Map<string, { done: Promise<void>; again: boolean }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: Clock,
    private readonly templates: TemplateTable,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * Something changed at an office (a take, a call, a finish, a window opening…): "turn is near" is
   * evaluated for its waiting line in the background, never failing or delaying the change itself.
   * Changes during an evaluation are coalesced into one more run (a storm of takes costs a few
   * statements, not one each); the statement itself keeps it once per ticket across instances.
   */
  queueChanged(officeId: string): void {
    const running = this.inFlight.get(officeId);
    if (running) {
      running.again = true;
      return;
    }
    const slot = { done: Promise.resolve(), again: true };
    this.inFlight.set(officeId, slot);
    slot.done = (async () => {
      while (slot.again) {
        slot.again = false;
        try {
          await this.enqueueNear(officeId);
        } catch (err) {
          this.log.warn({ err, officeId }, 'turn-is-near notifications not written');
        }
      }
      this.inFlight.delete(officeId);
    })();
  }

  /** Resolves once no near evaluation is running (tests; shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()].map((slot) => slot.done));
  }

  /**
   * One statement: the office's waiting line in call order (priority class, then place in line, as
   * chooseNext/peopleAhead), people ahead per letter and the estimate's upper bound (people ahead ×
   * EWMA minutes ÷ open windows × 1.25, as estimateWait), then the claim and the rows. Near = people
   * ahead ≤ nearPeopleAhead or the upper estimate ≤ nearMinutes — the test of isTurnNear, so the
   * message fires exactly when the holder's view turns to "near".
   */
  async enqueueNear(officeId: string, db: Db = this.prisma): Promise<EnqueueResult> {
    const now = this.clock.now();
    const businessDate = this.clock.businessDate(now);
    const d = DEFAULT_QUEUE_SETTINGS;
    const source = Prisma.sql`
      settings AS (
        SELECT COALESCE(MAX(q."nearPeopleAhead"), ${d.nearPeopleAhead}::int) AS people, COALESCE(MAX(q."nearMinutes"), ${d.nearMinutes}::int) AS minutes
        FROM "OfficeQueueSettings" q WHERE q."officeId" = ${officeId}::uuid),
      open AS (
        SELECT letter, count(*)::int AS n FROM "Counter" c CROSS JOIN LATERAL unnest(c."categories") AS letter
        WHERE c."officeId" = ${officeId}::uuid AND c."state" = 'OPEN' GROUP BY letter),
      line AS (
        SELECT t."id", t."subjectId", t."nearNotifiedAt", t."letter", t."serviceId", t."displayNumber",
               (row_number() OVER (PARTITION BY t."letter"
                  ORDER BY CASE t."priority" WHEN 'APPOINTMENT' THEN 0 WHEN 'NORMAL' THEN 2 ELSE 1 END, t."queuedAt", t."id") - 1)::int AS ahead
        FROM "Ticket" t
        WHERE t."officeId" = ${officeId}::uuid AND t."businessDate" = ${businessDate}::date AND t."status" = 'WAITING'),
      due AS (
        SELECT l."id", l."subjectId", l."displayNumber", l.ahead, sv."name" AS "serviceName",
               CASE WHEN o.n > 0 THEN ceil(l.ahead::float8 * COALESCE(st."ewmaMinutes", sv."meanHandlingMinutes"::float8) / o.n * 1.25)::int END AS "highMinutes"
        FROM line l
        JOIN "Service" sv ON sv."id" = l."serviceId"
        LEFT JOIN "ServiceTimeStat" st ON st."serviceId" = l."serviceId"
        LEFT JOIN open o ON o.letter = l."letter"
        WHERE l."nearNotifiedAt" IS NULL AND l."subjectId" IS NOT NULL),
      claimed AS (
        UPDATE "Ticket" t SET "nearNotifiedAt" = ${now}::timestamp(3)
        FROM due, settings s
        WHERE t."id" = due."id" AND t."nearNotifiedAt" IS NULL AND t."status" = 'WAITING'
          AND (due.ahead <= s.people OR due."highMinutes" <= s.minutes)
        RETURNING t."id", due."subjectId", due."displayNumber", due.ahead, due."highMinutes", due."serviceName"),
      src AS (
        SELECT c."id" AS "ticketId", NULL::uuid AS "appointmentId", c."subjectId" AS "userId", 'TICKET_NEAR:' || c."id"::text AS key,
               jsonb_build_object('displayNumber', c."displayNumber", 'serviceName', c."serviceName",
                 'officeName', (SELECT o."name" FROM "Office" o WHERE o."id" = ${officeId}::uuid),
                 'peopleAhead', c.ahead, 'estimateHighMinutes', c."highMinutes", 'at', ${now.toISOString()}::text) AS payload
        FROM claimed c),`;
    return writeOutbox(db, this.templates, 'TICKET_NEAR', source, now);
  }

  /**
   * "请到 N 号窗口" for a ticket just called or recalled, inside that transaction (`tx`), behind a
   * savepoint: if writing fails, only the notification is rolled back and the call goes on.
   * Keyed by the call's time and the recall count, so each call and each recall notifies once.
   */
  async enqueueCalled(tx: Db, ticketId: string): Promise<void> {
    const now = this.clock.now();
    const source = Prisma.sql`
      src AS (
        SELECT t."id" AS "ticketId", NULL::uuid AS "appointmentId", t."subjectId" AS "userId",
               'TICKET_CALLED:' || t."id"::text || ':' || floor(extract(epoch FROM t."calledAt") * 1000)::bigint::text || ':' || t."recallCount"::text AS key,
               jsonb_build_object('displayNumber', t."displayNumber", 'serviceName', sv."name", 'officeName', o."name",
                 'counterNumber', c."number", 'counterName', c."name", 'at', ${now.toISOString()}::text) AS payload
        FROM "Ticket" t
        JOIN "Service" sv ON sv."id" = t."serviceId"
        JOIN "Office" o ON o."id" = t."officeId"
        JOIN "Counter" c ON c."id" = t."counterId"
        WHERE t."id" = ${ticketId}::uuid AND t."status" = 'CALLED' AND t."subjectId" IS NOT NULL AND t."calledAt" IS NOT NULL),`;
    const written = await behindSavepoint(tx, () => writeOutbox(tx, this.templates, 'TICKET_CALLED', source, now));
    if ('error' in written) this.log.warn({ err: written.error, ticketId }, 'called notification not written');
  }
}
