// Which sessions have ended (DESIGN.md §6 "logout revokes"). An access token names its session
// (`sid`, the refresh-token family); the session is over once that family is revoked — by logout,
// by reuse of a rotated refresh token, or by an admin's block. Every authenticated request asks
// `isRevoked(sid)`, so a revocation ends the session's access tokens long before they expire.
//
// Where the answer comes from, fastest first:
// 1. This process's own list: what it revoked itself or heard over pub/sub from other instances,
//    kept for the access-token lifetime. Checked first, so a heard revocation is final at once.
// 2. A per-process cache of "still live" answers, at most SESSION_CACHE_TTL_MS (≤ 1 s) old: the
//    hot path is a Map lookup, and a revocation whose message was lost is seen within that time.
// 3. Redis: one key per revoked session, expiring with the access-token lifetime (no token of the
//    session can outlive it), shared by every instance.
// Without Redis (the embedded single process) the list is the whole set; it is reloaded from the
// database at start, so a restart does not bring ended sessions back (until that load succeeds,
// the database answers each look-up as below).
//
// Redis down (or too slow): the database decides — a session is live while its family has a
// refresh token that is not revoked (RefreshToken.revokedAt is the system of record; every
// revocation writes it before it is published). Refusing everyone while PostgreSQL still works
// would sign the whole city out over a cache outage; accepting everyone would undo every logout
// of the last 15 minutes. The database costs one indexed query per session per cache period.
// Redis keeps nothing on disk here: after it comes back (a restart loses the keys) every instance
// writes the revocations of the last access-token lifetime back from the database.
import type Redis from 'ioredis';
import type { PrismaClient } from '@palm/db/client';
import type { Clock } from '../lib/clock';
import { EndWatchers } from '../lib/end-watchers';

export const SESSION_CHANNEL = 'palm:sessions';
const PUBLISH_RETRY_MS = 2000;
export const revokedKey = (sid: string) => `palm:session:revoked:${sid}`;

/** A Redis answer slower than this is treated as Redis being down (the database answers). */
const REDIS_TIMEOUT_MS = 250;
/** Bounds the cache of live answers (oldest dropped first); one entry per active session. */
const MAX_CACHED = 100_000;

export interface SessionsOptions {
  redis: Redis | null;
  prisma: PrismaClient;
  clock: Clock;
  /** Access-token lifetime: how long a revocation must be remembered. */
  accessTtlSeconds: number;
  /** How long a "still live" answer is reused (≤ 1000 ms). */
  cacheTtlMs: number;
  onError?: (err: unknown, context: string) => void;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class Sessions {
  /** sid → until when (ms) this process knows the session is over. */
  private readonly revoked = new Map<string, number>();
  /** sid → when (ms) the session was last found live. */
  private readonly live = new Map<string, number>();
  private readonly loading = new Map<string, Promise<boolean>>();
  /** Revocations committed to the database that Redis has not taken yet (retried). */
  private readonly unpublished = new Set<string>();
  private publishTimer: NodeJS.Timeout | null = null;
  /** sid → what to do when it ends here (an open live socket closes). */
  private readonly watchers = new EndWatchers();
  private listener: Redis | null = null;
  private lastSweep = 0;
  private lastLookUpError = 0;
  private isListLoaded = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private isClosed = false;
  private readonly onReady = () => {
    this.restoreRedis().catch((err: unknown) => this.onError(err, 'restoring revocations to redis'));
  };

  constructor(private readonly options: SessionsOptions) {}

  private get redis() {
    return this.options.redis;
  }

  private onError(err: unknown, context: string): void {
    this.options.onError?.(err, context);
  }

  async start(): Promise<void> {
    const redis = this.redis;
    if (!redis) {
      await this.loadList();
      return;
    }
    // Its own connection (a subscriber can do nothing else); it waits for Redis if it is down and
    // resubscribes after every reconnect, like the live fan-out (queue/live.ts).
    this.listener = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: false });
    this.listener.on('message', (_channel: string, message: string) => this.heard(message));
    this.listener.on('error', (err) => this.onError(err, 'session revocation listener'));
    this.listener.subscribe(SESSION_CHANNEL).catch((err: unknown) => this.onError(err, 'session revocation listener'));
    redis.on('ready', this.onReady);
    if (redis.status === 'ready') await this.restoreRedis().catch((err: unknown) => this.onError(err, 'restoring revocations to redis'));
  }

  /**
   * Without Redis: this process's list is complete once the recent revocations are loaded. The
   * BFF starts while the database is down (readiness says so); the database then answers each
   * look-up until a retry has loaded the list.
   */
  private async loadList(): Promise<void> {
    try {
      for (const { familyId, revokedAt } of await this.recentRevocations()) this.remember(familyId, revokedAt);
      this.isListLoaded = true;
    } catch (err) {
      this.onError(err, 'loading recent session revocations (retrying)');
      if (this.isClosed) return;
      this.retryTimer = setTimeout(() => void this.loadList(), 5000);
      this.retryTimer.unref();
    }
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.redis?.off('ready', this.onReady);
    this.listener?.disconnect();
    this.listener = null;
  }

  /** Whether the session `sid` has ended. Throws only when Redis and the database both fail. */
  async isRevoked(sid: string): Promise<boolean> {
    const now = Date.now();
    const until = this.revoked.get(sid);
    if (until !== undefined) {
      if (until > now) return true;
      this.revoked.delete(sid);
    }
    if (!this.redis && this.isListLoaded) return false;
    const liveAt = this.live.get(sid);
    if (liveAt !== undefined && now - liveAt < this.options.cacheTtlMs) return false;
    let pending = this.loading.get(sid);
    if (!pending) {
      pending = this.lookUp(sid).finally(() => this.loading.delete(sid));
      this.loading.set(sid, pending);
    }
    return pending;
  }

  /**
   * Ends these sessions on every instance. Call after the revocation is committed to the database:
   * that is what any instance falls back to while Redis cannot be reached.
   */
  async revoke(sids: readonly string[]): Promise<void> {
    if (sids.length === 0) return;
    for (const sid of sids) this.remember(sid);
    if (!this.redis) return;
    for (const sid of sids) this.unpublished.add(sid);
    await this.publishPending();
  }

  /**
   * Writes and announces the revocations Redis has not yet taken. A failure (Redis down, or a
   * READONLY answer during a failover) is retried every few seconds: instances that reach Redis ask
   * only Redis, so a revocation it never got would be missed there for the token's lifetime.
   */
  private async publishPending(): Promise<void> {
    const redis = this.redis;
    if (!redis || this.unpublished.size === 0) return;
    const sids = [...this.unpublished];
    try {
      const pipeline = redis.pipeline();
      for (const sid of sids) pipeline.set(revokedKey(sid), '1', 'EX', this.options.accessTtlSeconds);
      pipeline.publish(SESSION_CHANNEL, JSON.stringify({ sids }));
      const results = await pipeline.exec();
      const failed = results?.find(([err]) => err);
      if (failed) throw failed[0];
      for (const sid of sids) this.unpublished.delete(sid);
    } catch (err) {
      this.onError(err, 'publishing session revocations (retrying)');
      if (this.isClosed || this.publishTimer) return;
      this.publishTimer = setTimeout(() => {
        this.publishTimer = null;
        void this.publishPending();
      }, PUBLISH_RETRY_MS);
      this.publishTimer.unref();
    }
  }

  private async lookUp(sid: string): Promise<boolean> {
    const revoked = this.redis ? await this.revokedInRedis(this.redis, sid) : await this.revokedInDatabase(sid);
    if (revoked) {
      this.remember(sid);
    } else {
      this.live.delete(sid);
      if (this.live.size >= MAX_CACHED) this.live.delete(this.live.keys().next().value as string);
      this.live.set(sid, Date.now());
    }
    return revoked;
  }

  private async revokedInRedis(redis: Redis, sid: string): Promise<boolean> {
    try {
      return (await withTimeout(redis.exists(revokedKey(sid)), REDIS_TIMEOUT_MS)) === 1;
    } catch (err) {
      // Once per period, not once per request: while Redis is down every look-up lands here.
      const now = Date.now();
      if (now - this.lastLookUpError > 10_000) {
        this.lastLookUpError = now;
        this.onError(err, 'session revocation look-up: redis unavailable, the database answers meanwhile');
      }
      return this.revokedInDatabase(sid);
    }
  }

  /** A session is live while its family has a refresh token that is not revoked. */
  private async revokedInDatabase(sid: string): Promise<boolean> {
    const live = await this.options.prisma.refreshToken.findFirst({ where: { familyId: sid, revokedAt: null }, select: { id: true } });
    return live === null;
  }

  private heard(message: string): void {
    try {
      const { sids } = JSON.parse(message) as { sids?: unknown };
      if (!Array.isArray(sids)) return;
      for (const sid of sids) if (typeof sid === 'string') this.remember(sid);
    } catch (err) {
      this.onError(err, 'session revocation message');
    }
  }

  /**
   * Calls `onEnd` once when this process learns that the session ended (revoked here or heard from
   * another instance), so what a token opened — a live socket — ends with it, not only the next
   * request. Returns the way to stop watching.
   */
  watch(sid: string, onEnd: () => void): () => void {
    return this.watchers.watch(sid, onEnd);
  }

  /** Remembers a revocation for the rest of the access-token lifetime (from `at`, default now). */
  private remember(sid: string, at: Date | null = null): void {
    this.watchers.end(sid, (err) => this.onError(err, 'ending what a session opened'));
    const now = Date.now();
    const elapsed = at ? Math.max(0, this.options.clock.now().getTime() - at.getTime()) : 0;
    this.revoked.set(sid, now + this.options.accessTtlSeconds * 1000 - elapsed);
    this.live.delete(sid);
    if (now - this.lastSweep > 60_000) {
      this.lastSweep = now;
      for (const [key, until] of this.revoked) if (until <= now) this.revoked.delete(key);
    }
  }

  /** Families revoked within the access-token lifetime, with when (business clock, as written). */
  private async recentRevocations(): Promise<Array<{ familyId: string; revokedAt: Date }>> {
    const since = new Date(this.options.clock.now().getTime() - this.options.accessTtlSeconds * 1000);
    const rows = await this.options.prisma.refreshToken.groupBy({
      by: ['familyId'],
      where: { revokedAt: { gt: since } },
      _max: { revokedAt: true },
    });
    return rows.flatMap((r) => (r._max.revokedAt ? [{ familyId: r.familyId, revokedAt: r._max.revokedAt }] : []));
  }

  /** Writes the recent revocations back to Redis (it keeps nothing across a restart). */
  private async restoreRedis(): Promise<void> {
    const redis = this.redis;
    if (!redis) return;
    const now = this.options.clock.now().getTime();
    const pipeline = redis.pipeline();
    for (const { familyId, revokedAt } of await this.recentRevocations()) {
      const seconds = this.options.accessTtlSeconds - Math.floor((now - revokedAt.getTime()) / 1000);
      if (seconds > 0) pipeline.set(revokedKey(familyId), '1', 'EX', seconds);
    }
    if (pipeline.length > 0) await pipeline.exec();
  }
}
