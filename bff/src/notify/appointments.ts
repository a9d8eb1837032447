// Appointment notifications (issue 5): the reminders the day before and 1 hour before, written by
// the appointment minute job, and the notices other appointment steps send (候补成功, booking
// suspended, cancelled because the hall closed). Every write is ONE statement completed by
// outbox.ts, so channels, credits and dedupe keys work exactly as for tickets.
//
// A reminder is claimed by a conditional UPDATE of its appointment (`remindedDayAt` /
// `remindedHourAt`), in the statement that writes its rows: of two instances running the step at
// once, one claims it and the other finds it taken (PostgreSQL re-checks the condition on the
// row the first one changed). Rules (README.md "Appointment reminders"):
// - DAY is due while startsAt − 24 h ≤ now < startsAt − 60 min; HOUR while startsAt − 60 min ≤
//   now < startsAt. A run after an outage still sends a late DAY reminder, never one once the
//   HOUR one is due (that one says it all).
// - Each is only for a booking that existed before its moment: made (booked, or last moved) before
//   startsAt − 24 h for DAY, before startsAt − 60 min for HOUR. A booking made later has just been
//   confirmed on screen; a reminder minutes after it would be noise and spend a credit.
// - Only BOOKED appointments are claimed: a cancelled one is never reminded (the worker also drops a
//   pending platform row whose appointment was cancelled or moved since, worker.ts).
// - A moved appointment (改约) may be reminded again for its new time: the claim takes a row whose
//   reminder was claimed before the move, and the dedupe key carries the start time.
import type { FastifyInstance } from 'fastify';
import { REMINDER_DAY_BEFORE_HOURS, REMINDER_HOUR_BEFORE_MINUTES } from '@palm/shared';
import { Prisma, type PrismaClient } from '@palm/db/client';
import type { Clock } from '../lib/clock';
import { behindSavepoint, NOTHING_WRITTEN, writeOutbox, type Db, type EnqueueResult } from './outbox';
import type { TemplateTable } from './templates';

/** What the writers need; an app provides it (`app.prisma`, `app.notify.templates`, …). */
export interface NotifyDeps {
  prisma: PrismaClient;
  templates: TemplateTable;
  clock: Clock;
  /** Only warnings are written (a notice that could not be); a job's own logger will do. */
  log: { warn(obj: object, msg: string): void };
}
type From = FastifyInstance | NotifyDeps;
const depsOf = (from: From): NotifyDeps =>
  'notify' in from ? { prisma: from.prisma, templates: from.notify.templates, clock: from.resources.clock, log: from.log } : from;

const MINUTE_MS = 60_000;
/** Appointments claimed per statement; a run repeats until fewer were due (a release of thousands stays many small statements). */
export const REMINDER_BATCH = 500;

const REMINDERS = {
  APPOINTMENT_REMINDER_DAY: { column: Prisma.raw('"remindedDayAt"'), leadMinutes: REMINDER_DAY_BEFORE_HOURS * 60, untilMinutes: REMINDER_HOUR_BEFORE_MINUTES },
  APPOINTMENT_REMINDER_HOUR: { column: Prisma.raw('"remindedHourAt"'), leadMinutes: REMINDER_HOUR_BEFORE_MINUTES, untilMinutes: 0 },
} as const;
export type ReminderKind = keyof typeof REMINDERS;

/** The facts of appointment `a` (slot `s`, service `sv`, office `o`) that its messages are rendered from. */
const appointmentFacts = (now: Date) => Prisma.sql`
  jsonb_build_object('code', a."code", 'serviceName', sv."name", 'officeName', o."name", 'officeAddress', o."address",
    'startsAt', to_char(a."startsAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'endsAt', to_char(s."endsAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'at', ${now.toISOString()}::text)`;
const APPOINTMENT_JOINS = Prisma.sql`
  JOIN "Slot" s ON s."id" = a."slotId" JOIN "Service" sv ON sv."id" = a."serviceId" JOIN "Office" o ON o."id" = a."officeId"`;

/**
 * Claims the appointments whose `kind` reminder is due at `now` (up to REMINDER_BATCH) and writes
 * their rows to the subject, in one statement.
 */
export async function enqueueReminderBatch(db: Db, templates: TemplateTable, kind: ReminderKind, now: Date): Promise<EnqueueResult> {
  const { column, leadMinutes, untilMinutes } = REMINDERS[kind];
  const from = new Date(now.getTime() + untilMinutes * MINUTE_MS);
  const to = new Date(now.getTime() + leadMinutes * MINUTE_MS);
  const source = Prisma.sql`
    due AS (
      SELECT a."id" FROM "Appointment" a
      WHERE a."status" = 'BOOKED'::"AppointmentStatus" AND a."startsAt" > ${from}::timestamp(3) AND a."startsAt" <= ${to}::timestamp(3)
        AND COALESCE(a."rescheduledAt", a."bookedAt") < a."startsAt" - ${leadMinutes}::int * interval '1 minute'
        AND (a.${column} IS NULL OR a.${column} < a."rescheduledAt")
      ORDER BY a."startsAt"
      LIMIT ${REMINDER_BATCH}::int
      FOR UPDATE SKIP LOCKED),
    claimed AS (
      UPDATE "Appointment" a SET ${column} = ${now}::timestamp(3)
      FROM due
      WHERE a."id" = due."id" AND a."status" = 'BOOKED'::"AppointmentStatus" AND (a.${column} IS NULL OR a.${column} < a."rescheduledAt")
      RETURNING a.*),
    src AS (
      SELECT a."subjectId" AS "userId", NULL::uuid AS "ticketId", a."id" AS "appointmentId",
             ${kind}::text || ':' || a."id"::text || ':' || floor(extract(epoch FROM a."startsAt") * 1000)::bigint::text AS key,
             ${appointmentFacts(now)} AS payload
      FROM claimed a ${APPOINTMENT_JOINS}),`;
  return writeOutbox(db, templates, kind, source, now);
}

/**
 * The reminders step of the appointment minute job: the day-before reminders, then the 1-hour
 * ones, each in batches until no more are due. Safe on several instances at once.
 */
export async function enqueueReminders(from: From, now?: Date): Promise<Record<ReminderKind, EnqueueResult>> {
  const { prisma, templates, clock } = depsOf(from);
  const at = now ?? clock.now();
  const result = { APPOINTMENT_REMINDER_DAY: { ...NOTHING_WRITTEN }, APPOINTMENT_REMINDER_HOUR: { ...NOTHING_WRITTEN } };
  for (const kind of Object.keys(REMINDERS) as ReminderKind[]) {
    for (;;) {
      const batch = await enqueueReminderBatch(prisma, templates, kind, at);
      result[kind].inApp += batch.inApp;
      result[kind].platform += batch.platform;
      if (batch.inApp < REMINDER_BATCH) break;
    }
  }
  return result;
}

/** Notices other appointment steps send; each is written once (its dedupe key), whoever retries. */
export type AppointmentNotice =
  /** 候补成功: `appointmentId` is the booking the waitlist entry became; `userId` its subject or booker. */
  | { kind: 'WAITLIST_PROMOTED'; userId: string; appointmentId: string }
  /** Online booking suspended after no-shows (in-app only); `appointmentId`: the no-show that tipped it, if any. */
  | { kind: 'BOOKING_SUSPENDED'; userId: string; appointmentId?: string | null; facts: { suspensionId: string; endsAt: Date | string; reason: string } }
  /** Cancelled by the hall's closure (in-app only): `userId` its subject or booker; the reason is the appointment's cancelReason. */
  | { kind: 'APPOINTMENT_CANCELLED'; userId: string; appointmentId: string };

/**
 * Writes a notice (in-app, plus WeChat / Alipay 预约提醒 for WAITLIST_PROMOTED with an account and a
 * credit). Pass the caller's transaction as `db` to write it with the caller's work: it then sits
 * behind a savepoint. Never throws: a failure is logged and writes nothing, the caller's work goes
 * on. WAITLIST_PROMOTED writes nothing unless the appointment is active and belongs to `userId`
 * (as subject or booker), so a wrong id can never tell someone else's booking; APPOINTMENT_CANCELLED
 * likewise only for a cancelled appointment of `userId`'s.
 */
export async function notifyAppointment(db: Db, notice: AppointmentNotice, from: From): Promise<EnqueueResult> {
  const { templates, clock, log } = depsOf(from);
  const now = clock.now();
  const source = noticeSource(notice, now);
  const write = () => writeOutbox(db, templates, notice.kind, source, now);
  // A transaction client lacks $connect (Prisma's ITXClientDenyList): that tells a caller's transaction apart.
  const inTransaction = typeof (db as Partial<Pick<PrismaClient, '$connect'>>).$connect !== 'function';
  try {
    const written = inTransaction ? await behindSavepoint(db, write) : { value: await write() };
    if ('value' in written) return written.value;
    log.warn({ err: written.error, kind: notice.kind, userId: notice.userId }, 'appointment notification not written');
  } catch (err) {
    log.warn({ err, kind: notice.kind, userId: notice.userId }, 'appointment notification not written');
  }
  return { ...NOTHING_WRITTEN };
}

function noticeSource(notice: AppointmentNotice, now: Date): Prisma.Sql {
  if (notice.kind === 'WAITLIST_PROMOTED') {
    return Prisma.sql`
      src AS (
        SELECT ${notice.userId}::uuid AS "userId", NULL::uuid AS "ticketId", a."id" AS "appointmentId",
               'WAITLIST_PROMOTED:' || a."id"::text || ':' || ${notice.userId}::text AS key,
               ${appointmentFacts(now)} || jsonb_build_object('onBehalf', a."subjectId" <> ${notice.userId}::uuid) AS payload
        FROM "Appointment" a ${APPOINTMENT_JOINS}
        WHERE a."id" = ${notice.appointmentId}::uuid AND a."status" IN ('BOOKED'::"AppointmentStatus", 'CHECKED_IN'::"AppointmentStatus")
          AND ${notice.userId}::uuid IN (a."subjectId", a."actorId")),`;
  }
  if (notice.kind === 'APPOINTMENT_CANCELLED') {
    return Prisma.sql`
      src AS (
        SELECT ${notice.userId}::uuid AS "userId", NULL::uuid AS "ticketId", a."id" AS "appointmentId",
               'APPOINTMENT_CANCELLED:' || a."id"::text || ':' || ${notice.userId}::text AS key,
               ${appointmentFacts(now)} || jsonb_build_object('onBehalf', a."subjectId" <> ${notice.userId}::uuid, 'reason', COALESCE(a."cancelReason", '')) AS payload
        FROM "Appointment" a ${APPOINTMENT_JOINS}
        WHERE a."id" = ${notice.appointmentId}::uuid AND a."status" = 'CANCELLED'::"AppointmentStatus"
          AND ${notice.userId}::uuid IN (a."subjectId", a."actorId")),`;
  }
  const { suspensionId, endsAt, reason } = notice.facts;
  const facts = { suspensionId, endsAt: new Date(endsAt).toISOString(), reason, at: now.toISOString() };
  return Prisma.sql`
    src AS (
      SELECT ${notice.userId}::uuid AS "userId", NULL::uuid AS "ticketId", ${notice.appointmentId ?? null}::uuid AS "appointmentId",
             'BOOKING_SUSPENDED:' || ${suspensionId}::text || ':' || ${notice.userId}::text AS key, ${JSON.stringify(facts)}::jsonb AS payload),`;
}
