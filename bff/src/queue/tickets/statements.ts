// The SQL of taking and cancelling a number. Each statement says why it stays right under any
// concurrency: the number, the day's remote capacity and the one-active-ticket rule are decided by
// PostgreSQL in the statement that changes them (TOOLCHAIN.md "queue numbers"), never by a read
// followed by a write.
import { addDays, type TicketChannelKey, type TicketPriorityKey } from '@palm/shared';
import { Prisma, type PrismaClient } from '@palm/db/client';
import { EXCEPTION_WINDOW_DAYS } from '../../catalogue/offices';
import { endAppointmentOfTicket } from '../../appointments/ticket-end';
import { isoDate, type TicketColumns, type TicketRow } from './view';

/**
 * One active ticket per person, hall, service and business day (a unique column). The day is part
 * of the key: a number left unfinished yesterday (the person went home, the window never pressed
 * 办结) must not stop anyone queuing today. The ids are written as PostgreSQL prints a uuid (lower
 * case): the database refuses any other spelling of the key (CHECK "Ticket_activeKey_canonical").
 */
export function activeKeyOf(subjectId: string, officeId: string, serviceId: string, businessDate: string | Date): string {
  const ids = [subjectId, officeId, serviceId].map((id) => id.toLowerCase());
  return `${ids.join(':')}:${typeof businessDate === 'string' ? businessDate : isoDate(businessDate)}`;
}

/** What a take reads before taking the number (readTakeFacts): one row, null where absent. */
export interface TakeFacts {
  replayId: string | null;
  officeFound: boolean;
  /** Null when the hall does not offer the service. */
  capacity: number | null;
  officeName: string | null;
  weeklyHours: unknown;
  openOnHolidays: boolean | null;
  serviceName: string | null;
  letter: string | null;
  meanHandlingMinutes: number | null;
  ewmaMinutes: number | null;
  birthDate: Date | null;
  subjectName: string | null;
  nearPeopleAhead: number | null;
  nearMinutes: number | null;
  maxPriorityStreak: number | null;
  counterNumber: number | null;
  counterName: string | null;
  exceptions: { date: string; closed: boolean; hours: unknown; note: string | null }[];
  openCounters: number;
  /** The subject holds a 残疾人证 valid today (DISABLED priority). */
  disabled: boolean;
  /** The letter's waiting line today: [id, priority, queuedAt epoch ms]. */
  waiting: [string, TicketPriorityKey, number][];
}

/**
 * Everything a take reads, in one statement: an earlier take under the same Idempotency-Key,
 * whether the hall exists and offers the service (capacity, letter, names, service-time EWMA),
 * the hall's hours and exceptions (open now), the subject (priority lane, name), the hall's queue
 * settings, the open windows serving the letter and its waiting line (the new ticket's place and
 * estimate), and a transfer's window.
 * Concurrency: a plain read. Nothing it sees is trusted for the rules — the take re-decides the
 * capacity, the number and the active-ticket rule in its own statement; only the estimate shown
 * may be a few places off when the line moved in between (TicketService.issue).
 */
export async function readTakeFacts(
  prisma: PrismaClient,
  input: { officeId: string; serviceId: string; subjectId: string | null; actorId: string | null; idempotencyKey?: string; transferCounterId: string | null },
  today: string,
  businessDate: Date,
): Promise<TakeFacts> {
  const rows = await prisma.$queryRaw<TakeFacts[]>`
      SELECT
        (SELECT t."id" FROM "Ticket" t WHERE t."actorId" = ${input.actorId}::uuid AND t."idempotencyKey" = ${input.idempotencyKey ?? null}::text) AS "replayId",
        o."id" IS NOT NULL AS "officeFound", os."dailyTicketCapacity" AS "capacity",
        o."name" AS "officeName", o."weeklyHours", o."openOnHolidays",
        s."name" AS "serviceName", s."categoryLetter" AS "letter", s."meanHandlingMinutes", st."ewmaMinutes",
        u."birthDate", u."name" AS "subjectName",
        EXISTS (SELECT 1 FROM "Licence" d
                WHERE d."holderId" = u."id" AND d."type" = 'DISABILITY_CERTIFICATE'::"LicenceType" AND d."status" = 'VALID'::"LicenceStatus"
                  AND (d."validUntil" IS NULL OR d."validUntil" >= ${today}::date)) AS "disabled",
        q."nearPeopleAhead", q."nearMinutes", q."maxPriorityStreak",
        c."number" AS "counterNumber", c."name" AS "counterName",
        COALESCE((SELECT json_agg(json_build_object('date', e."date", 'closed', e."closed", 'hours', e."hours", 'note', e."note") ORDER BY e."date")
                  FROM "OfficeException" e
                  WHERE e."officeId" = os."officeId" AND e."date" BETWEEN ${today}::date AND ${addDays(today, EXCEPTION_WINDOW_DAYS)}::date), '[]'::json) AS "exceptions",
        (SELECT count(*)::int FROM "Counter" k
          WHERE k."officeId" = os."officeId" AND k."state" = 'OPEN'::"CounterState" AND k."categories" @> ARRAY[s."categoryLetter"]) AS "openCounters",
        COALESCE((SELECT json_agg(json_build_array(w."id", w."priority", (extract(epoch FROM w."queuedAt") * 1000)::float8))
                  FROM "Ticket" w
                  WHERE w."officeId" = os."officeId" AND w."businessDate" = ${businessDate}::date AND w."letter" = s."categoryLetter"
                    AND w."status" = 'WAITING'::"TicketStatus"), '[]'::json) AS "waiting"
      FROM (SELECT 1) AS one
      LEFT JOIN "Office" o ON o."id" = ${input.officeId}::uuid
      LEFT JOIN "OfficeService" os ON os."officeId" = o."id" AND os."serviceId" = ${input.serviceId}::uuid
      LEFT JOIN "Service" s ON s."id" = os."serviceId"
      LEFT JOIN "ServiceTimeStat" st ON st."serviceId" = s."id"
      LEFT JOIN "User" u ON u."id" = ${input.subjectId}::uuid
      LEFT JOIN "OfficeQueueSettings" q ON q."officeId" = o."id"
      LEFT JOIN "Counter" c ON c."id" = ${input.transferCounterId}::uuid`;
  return rows[0]!;
}

/** Everything the take statement writes, decided by the service beforehand. */
export interface TakeNumber {
  ticketId: string;
  officeId: string;
  serviceId: string;
  subjectId: string | null;
  actorId: string | null;
  /** Who the events name (the clerk of a transfer; else the taker). */
  eventActorId: string | null;
  channel: TicketChannelKey;
  priority: TicketPriorityKey;
  letter: string;
  businessDate: Date;
  queuedAt: Date;
  now: Date;
  activeKey: string | null;
  idempotencyKey: string | null;
  /** How the quota place is had: a remote take counts against `capacity`, a window take never does. */
  quota: { kind: 'remote'; capacity: number } | { kind: 'window' } | { kind: 'transfer'; from: { id: string; counterId: string | null } };
  estimate: { lowMinutes: number; highMinutes: number } | null;
}

/**
 * Takes the number in ONE statement: the quota place, the day's number for the letter, the
 * ticket and its ISSUED event — together or not at all; no rows when the day's remote capacity is
 * used up (or a transfer's ticket is no longer at a window).
 * Concurrency: the quota row's conditional upsert (`issued < capacity`) and the sequence row's
 * upsert (`last + 1`) each queue concurrent takes on their row lock and re-check against the row as
 * the one before left it, so 500 takers at once get 1…500: no number twice, none skipped, never
 * over capacity. A refused take (capacity, or the unique activeKey of a person's second number)
 * rolls the whole statement back, so it uses no number. One statement needs no interactive
 * transaction, whose pool wait fails under a storm. A transfer retires the old ticket in the same
 * statement only while it is CALLED or SERVING, so two clerks cannot both transfer it.
 */
export function takeNumber(prisma: PrismaClient, t: TakeNumber): Promise<TicketColumns[]> {
  const { quota: how, now } = t;
  // Capacity counts remote takes only: walk-ins at the window are never refused. A transfer
  // first retires the old ticket (if it is still at a window); no row there, no new ticket. A
  // checked-in appointment follows its number to the new one (appointments/ticket-end.ts).
  const quota =
    how.kind === 'transfer'
      ? Prisma.sql`moved AS (
          UPDATE "Ticket" SET "status" = 'TRANSFERRED'::"TicketStatus", "transferredAt" = ${now}::timestamp(3), "activeKey" = NULL
          WHERE "id" = ${how.from.id}::uuid AND "status" IN ('CALLED', 'SERVING')
          RETURNING "id"),
        "movedEvent" AS (
          INSERT INTO "TicketEvent" ("ticketId", "type", "actorId", "at") SELECT "id", 'TRANSFER', ${t.eventActorId}::uuid, ${now}::timestamp(3) FROM moved),
        "movedAppointment" AS (
          UPDATE "Appointment" SET "ticketId" = ${t.ticketId}::uuid, "updatedAt" = ${now}::timestamp(3) WHERE "ticketId" IN (SELECT "id" FROM moved)),
        quota AS (SELECT 1 AS "issued" FROM moved),`
      : how.kind === 'remote'
      ? Prisma.sql`quota AS (
          INSERT INTO "TicketQuota" ("officeId", "serviceId", "businessDate", "issued")
          SELECT ${t.officeId}::uuid, ${t.serviceId}::uuid, ${t.businessDate}::date, 1 WHERE ${how.capacity}::int > 0
          ON CONFLICT ("officeId", "serviceId", "businessDate")
          DO UPDATE SET "issued" = "TicketQuota"."issued" + 1 WHERE "TicketQuota"."issued" < ${how.capacity}::int
          RETURNING "issued"),`
      : Prisma.sql`quota AS (SELECT 1 AS "issued"),`;
  const from = how.kind === 'transfer' ? how.from : null;
  // The estimate shown at issue is stored with the ticket (for the accuracy report).
  return prisma.$queryRaw<TicketColumns[]>`
        WITH ${quota}
        seq AS (
          INSERT INTO "TicketSequence" ("officeId", "businessDate", "letter", "last")
          SELECT ${t.officeId}::uuid, ${t.businessDate}::date, ${t.letter}, 1 FROM quota
          ON CONFLICT ("officeId", "businessDate", "letter") DO UPDATE SET "last" = "TicketSequence"."last" + 1
          RETURNING "last"),
        ticket AS (
          INSERT INTO "Ticket" ("id", "officeId", "serviceId", "businessDate", "letter", "number", "displayNumber", "subjectId", "actorId",
                                "channel", "priority", "status", "queuedAt", "issuedAt", "activeKey", "idempotencyKey", "counterId", "transferredFromId",
                                "estimateLowMinutes", "estimateHighMinutes")
          SELECT ${t.ticketId}::uuid, ${t.officeId}::uuid, ${t.serviceId}::uuid, ${t.businessDate}::date, ${t.letter}, seq."last",
                 ${t.letter} || CASE WHEN seq."last" < 1000 THEN lpad(seq."last"::text, 3, '0') ELSE seq."last"::text END,
                 ${t.subjectId}::uuid, ${t.actorId}::uuid, ${t.channel}::"TicketChannel", ${t.priority}::"TicketPriority",
                 'WAITING'::"TicketStatus", ${t.queuedAt}::timestamp(3), ${now}::timestamp(3), ${t.activeKey}, ${t.idempotencyKey},
                 ${from?.counterId ?? null}::uuid, ${from?.id ?? null}::uuid,
                 ${t.estimate?.lowMinutes ?? null}::int, ${t.estimate?.highMinutes ?? null}::int
          FROM seq
          RETURNING *),
        event AS (
          INSERT INTO "TicketEvent" ("ticketId", "type", "actorId", "at", "detail")
          SELECT "id", 'ISSUED', ${t.eventActorId}::uuid, ${now}::timestamp(3), ${JSON.stringify({ channel: t.channel })}::jsonb FROM ticket)
        SELECT * FROM ticket`;
}

/**
 * Cancels a ticket still WAITING (or CALLED and not yet at the window) with its event and, for a
 * checked-in appointment's number, the appointment's end; whether it did.
 * Concurrency: the conditional update (`status IN (WAITING, CALLED)`) re-checks the status on the
 * row lock, so of a cancel racing a call or a second cancel exactly one changes it; the event and
 * the appointment's end are written only by the one that did, in its transaction.
 */
export function cancelTicket(prisma: PrismaClient, ticket: Pick<TicketRow, 'id' | 'channel'>, actorId: string, now: Date): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.ticket.updateMany({
      where: { id: ticket.id, status: { in: ['WAITING', 'CALLED'] } },
      data: { status: 'CANCELLED', cancelledAt: now, activeKey: null },
    });
    if (count === 1) {
      await tx.ticketEvent.create({ data: { ticketId: ticket.id, type: 'CANCELLED', actorId, at: now } });
      // A checked-in appointment ends with its number (appointments/ticket-end.ts).
      if (ticket.channel === 'APPOINTMENT') await endAppointmentOfTicket(tx, { id: ticket.id, status: 'CANCELLED' }, actorId, now);
    }
    return count === 1;
  });
}
