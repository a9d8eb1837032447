// The outbox worker: sends due PENDING rows through the real WeChat and Alipay clients. A run
// claims a batch in one statement (FOR UPDATE SKIP LOCKED) that also leases the rows — attempts + 1
// and nextAttemptAt pushed past the send's deadline — and commits at once, so no transaction stays
// open during HTTP calls and two BFF instances never take the same row. A worker that dies
// mid-send leaves its rows to be taken again when the lease ends: at least once, with the
// occasional duplicate integrations/README.md accepts for a timed-out POST.
import type { FastifyBaseLogger } from 'fastify';
import type { Notification, PrismaClient } from '../generated/prisma/client';
import type { Integrations } from '../integrations';
import { UpstreamError } from '../integrations/http';
import type { Clock } from '../lib/clock';
import { renderAlipay, renderWechat, ticketPage, type NotificationKind, type TicketFacts } from './templates';

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

type Outcome = { status: 'SENT' } | { status: 'SKIPPED' | 'FAILED'; error: string } | { status: 'RETRY'; error: string };

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
    await Promise.all(
      claimed.map(async (row) => {
        const outcome = await this.send(row);
        await this.settle(row, outcome);
        if (outcome.status === 'SENT') result.sent += 1;
        else if (outcome.status === 'RETRY') result.retrying += 1;
        else if (outcome.status === 'FAILED') result.failed += 1;
        else result.skipped += 1;
      }),
    );
    return result;
  }

  private async send(row: Notification): Promise<Outcome> {
    const kind = row.kind as NotificationKind;
    const facts = row.payload as unknown as TicketFacts;
    const page = ticketPage(row.ticketId);
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
    if (outcome.status === 'SENT') {
      await this.prisma.notification.updateMany({ where, data: { status: 'SENT', sentAt: now, lastError: null } });
    } else if (outcome.status === 'RETRY') {
      await this.prisma.notification.updateMany({ where, data: { nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)), lastError: outcome.error } });
    } else {
      await this.prisma.notification.updateMany({ where, data: { status: outcome.status, lastError: outcome.error } });
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
