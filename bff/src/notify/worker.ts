// The outbox worker: sends due PENDING rows through the real WeChat and Alipay clients. A run
// claims a batch in one statement (FOR UPDATE SKIP LOCKED) that also leases the rows — attempts + 1
// and nextAttemptAt pushed past the send's deadline — and commits at once, so no transaction stays
// open during HTTP calls and two BFF instances never take the same row. A worker that dies
// mid-send leaves its rows to be taken again when the lease ends: at least once, with the
// occasional duplicate integrations/README.md accepts for a timed-out POST.
// A message about an appointment (a reminder, 候补成功) is only sent while what it says still holds:
// a row whose appointment was cancelled (or ended, or moved to another time, or has started) since
// it was written is SKIPPED unsent, and the credit it took is given back.
import { ACTIVE_APPOINTMENT_STATUSES } from '@palm/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Notification, PrismaClient } from '@palm/db/client';
import type { Integrations } from '../integrations';
import { UpstreamError } from '../integrations/http';
import type { Clock } from '../lib/clock';
import type { AppointmentFacts } from '../appointments/notifications';
import { MAX_CREDITS } from './inbox';
import { APPOINTMENT_KINDS, messagePage, renderAlipay, renderWechat, type NotificationKind } from './templates';

export interface WorkerOptions {
  batchSize: number;
  maxAttempts: number;
  miniprogramState: 'developer' | 'trial' | 'formal';
  /** How long a claimed row is left alone (must exceed a send's timeout). Default 2 min. */
  leaseMs?: number;
}

export interface RunResult {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
}

/** Retry n (1-based) waits 30 s × 2^(n−1), at most 30 min: 30 s, 1 min, 2 min, 4 min … */
export const retryDelayMs = (attempt: number): number => Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 30 * 60_000);

type Outcome = { status: 'SENT' } | { status: 'SKIPPED' | 'FAILED'; error: string; refund?: boolean } | { status: 'RETRY'; error: string };
type AppointmentNow = { id: string; status: string; startsAt: Date };

export class NotificationWorker {
  private running: Promise<RunResult> | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly integrations: Pick<Integrations, 'wechat' | 'alipay'>,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
    private readonly options: WorkerOptions,
  ) {}

  /** One pass over the due rows. Overlapping calls on one instance share the pass in flight. */
  runOnce(): Promise<RunResult> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves when no pass is running (shutdown). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  private async pass(): Promise<RunResult> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + (this.options.leaseMs ?? 120_000));
    const claimed = await this.prisma.$queryRaw<Notification[]>`
      UPDATE "Notification" n SET "attempts" = n."attempts" + 1, "nextAttemptAt" = ${leaseUntil}::timestamp(3)
      FROM (
        SELECT "id" FROM "Notification"
        WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${now}::timestamp(3)
        ORDER BY "nextAttemptAt"
        LIMIT ${this.options.batchSize}::int
        FOR UPDATE SKIP LOCKED) due
      WHERE n."id" = due."id"
      RETURNING n.*`;
    const result: RunResult = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
    const appointments = await this.appointmentsOf(claimed);
    await Promise.all(
      claimed.map(async (row) => {
        const stale = this.staleness(row, appointments, now);
        const outcome: Outcome = stale ? { status: 'SKIPPED', error: stale, refund: true } : await this.send(row);
        await this.settle(row, outcome);
        if (outcome.status === 'SENT') result.sent += 1;
        else if (outcome.status === 'RETRY') result.retrying += 1;
        else if (outcome.status === 'FAILED') result.failed += 1;
        else result.skipped += 1;
      }),
    );
    return result;
  }

  /** The appointments the claimed rows speak of, as they are now. */
  private async appointmentsOf(rows: Notification[]): Promise<Map<string, AppointmentNow>> {
    const ids = [...new Set(rows.flatMap((row) => (row.appointmentId && APPOINTMENT_KINDS.includes(row.kind as NotificationKind) ? [row.appointmentId] : [])))];
    if (ids.length === 0) return new Map();
    const found = await this.prisma.appointment.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, startsAt: true } });
    return new Map(found.map((a) => [a.id, a]));
  }

  /** Why a message about an appointment no longer holds (our words for lastError), or null. */
  private staleness(row: Notification, appointments: Map<string, AppointmentNow>, now: Date): string | null {
    if (!APPOINTMENT_KINDS.includes(row.kind as NotificationKind)) return null;
    const appointment = row.appointmentId ? appointments.get(row.appointmentId) : undefined;
    if (!appointment) return 'appointment gone';
    if (!(ACTIVE_APPOINTMENT_STATUSES as readonly string[]).includes(appointment.status)) return `appointment ${appointment.status}`;
    if (new Date((row.payload as unknown as AppointmentFacts).startsAt).getTime() !== appointment.startsAt.getTime()) return 'appointment moved';
    if (appointment.startsAt <= now) return 'appointment started';
    return null;
  }

  private async send(row: Notification): Promise<Outcome> {
    const kind = row.kind as NotificationKind;
    const facts: unknown = row.payload;
    const page = messagePage(row);
    try {
      if (row.channel === 'WECHAT') {
        const client = this.integrations.wechat;
        if (!client) return { status: 'SKIPPED', error: 'wechat not configured' };
        await client.sendSubscribeMessage({
          openId: row.recipient ?? '',
          templateId: row.templateId ?? '',
          data: renderWechat(kind, facts),
          miniprogramState: this.options.miniprogramState,
          ...(page ? { page } : {}),
        });
      } else if (row.channel === 'ALIPAY') {
        const client = this.integrations.alipay;
        if (!client) return { status: 'SKIPPED', error: 'alipay not configured' };
        await client.sendTemplateMessage({ toUserId: row.recipient ?? '', templateId: row.templateId ?? '', data: renderAlipay(kind, facts), ...(page ? { page } : {}) });
      } else {
        // SMS notifications are not offered yet; IN_APP rows are written SENT and never claimed.
        return { status: 'SKIPPED', error: `${row.channel} not sent by the worker` };
      }
      return { status: 'SENT' };
    } catch (err) {
      return this.failure(row, err);
    }
  }

  private failure(row: Notification, err: unknown): Outcome {
    const isUpstream = err instanceof UpstreamError;
    // Our own words and the party's code only (integrations/README.md): never the value sent.
    const error = isUpstream ? `${err.upstream} ${err.kind} ${err.upstreamCode ?? ''}`.trim() : 'internal error';
    // Rate limits say "not now", not "never": for a queued message later is exactly right.
    const canRetry = !isUpstream || err.retryable || err.kind === 'RATE_LIMITED';
    if (!isUpstream) this.log.error({ err, notificationId: row.id }, 'notification send failed');
    else if (!err.retryable && err.kind === 'UNAVAILABLE') this.log.error({ notificationId: row.id, code: err.upstreamCode }, `${err.upstream} refused our set-up: needs an operator`);
    if (canRetry && row.attempts < this.options.maxAttempts) return { status: 'RETRY', error };
    return { status: 'FAILED', error };
  }

  private async settle(row: Notification, outcome: Outcome): Promise<void> {
    const now = this.clock.now();
    const where = { id: row.id, status: 'PENDING' as const };
    let settled = 0;
    if (outcome.status === 'SENT') {
      await this.prisma.notification.updateMany({ where, data: { status: 'SENT', sentAt: now, lastError: null } });
    } else if (outcome.status === 'RETRY') {
      await this.prisma.notification.updateMany({ where, data: { nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)), lastError: outcome.error } });
    } else {
      ({ count: settled } = await this.prisma.notification.updateMany({ where, data: { status: outcome.status, lastError: outcome.error } }));
    }
    if (outcome.status === 'SKIPPED' && outcome.refund && row.templateId && settled === 1) {
      // Never sent: the person's accept still allows one message of the template.
      await this.prisma.notificationSubscription.updateMany({
        where: { userId: row.userId, platform: row.channel === 'WECHAT' ? 'WECHAT' : 'ALIPAY', templateId: row.templateId, credits: { lt: MAX_CREDITS } },
        data: { credits: { increment: 1 } },
      });
    }
    if (outcome.status === 'FAILED' && this.isUnsubscribed(row, outcome.error)) {
      // The person turned the template off (WeChat 43101 / Alipay USER_NOT_SUBSCRIBED): the credits
      // we counted for it are gone too, so later changes write no more rows for it.
      await this.prisma.notificationSubscription.updateMany({
        where: { userId: row.userId, platform: row.channel === 'WECHAT' ? 'WECHAT' : 'ALIPAY', templateId: row.templateId ?? '' },
        data: { credits: 0 },
      });
    }
  }

  private isUnsubscribed(row: Notification, error: string): boolean {
    return (row.channel === 'WECHAT' && error.endsWith(' 43101')) || (row.channel === 'ALIPAY' && error.endsWith(' USER_NOT_SUBSCRIBED'));
  }
}
