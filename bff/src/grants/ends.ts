// When a grant ends (revoked by either side or at a window, disputed, expired by the job), what the
// grantee opened on the grantor's behalf and keeps open — a live socket watching her ticket
// (routes/api/live) — ends with it on every BFF instance, within a second, not at its next request.
// Like session revocation (identity/sessions.ts): the ending instance tells its own watchers at once
// and publishes the pair on Redis; every instance hears it and tells theirs. Without Redis there is
// one instance. A message lost while Redis is down is not sent again: the socket itself reads its
// grant again every LIVE_GRANT_RECHECK_MS (30 s, routes/api/live), which also ends it when a grant
// simply runs out before the expiry job's next minute; every request — a poll, a reconnect — reads
// the grant again (policy) and is refused at once.
import type Redis from 'ioredis';
import { EndWatchers } from '../lib/end-watchers';
import type { GrantPair } from './statements';

export const GRANT_ENDS_CHANNEL = 'palm:grants:ended';

const pairKey = (pair: GrantPair) => `${pair.grantorId} ${pair.granteeId}`;

export class GrantEnds {
  /** grantor + grantee → what to do when a grant between them ends here. */
  private readonly watchers = new EndWatchers();
  private listener: Redis | null = null;

  constructor(
    private readonly redis: Redis | null,
    private readonly onError: (err: unknown, context: string) => void = () => undefined,
  ) {}

  /** Starts hearing the other instances (Redis); the subscription waits for Redis if it is down. */
  start(): void {
    if (!this.redis) return;
    // Its own connection (a subscriber can do nothing else), resubscribed after every reconnect.
    this.listener = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: false });
    this.listener.on('message', (_channel: string, message: string) => this.heard(message));
    this.listener.on('error', (err) => this.onError(err, 'grant ends listener'));
    this.listener.subscribe(GRANT_ENDS_CHANNEL).catch((err: unknown) => this.onError(err, 'grant ends listener'));
  }

  close(): void {
    this.listener?.disconnect();
    this.listener = null;
    this.watchers.clear();
  }

  /**
   * Calls `onEnd` once when a grant from `grantorId` to `granteeId` ends (here or on another
   * instance). A pair has at most one grant in force (`Grant_live_pair_key`), so its end is the end
   * of what the grantee may do for her. Returns the way to stop watching.
   */
  watch(pair: GrantPair, onEnd: () => void): () => void {
    return this.watchers.watch(pairKey(pair), onEnd);
  }

  /**
   * These grants have ended (call once that holds: after the change is committed, or for a grant
   * whose time is up whatever the status says): every instance is told.
   */
  ended(pairs: readonly GrantPair[]): void {
    const unique = [...new Map(pairs.map((p) => [pairKey(p), { grantorId: p.grantorId, granteeId: p.granteeId }])).values()];
    if (unique.length === 0) return;
    this.end(unique);
    this.redis?.publish(GRANT_ENDS_CHANNEL, JSON.stringify({ pairs: unique })).catch((err: unknown) => this.onError(err, 'publishing grant ends'));
  }

  private heard(message: string): void {
    try {
      const { pairs } = JSON.parse(message) as { pairs?: unknown };
      if (!Array.isArray(pairs)) return;
      this.end(pairs.filter((p): p is GrantPair => typeof (p as GrantPair)?.grantorId === 'string' && typeof (p as GrantPair).granteeId === 'string'));
    } catch (err) {
      this.onError(err, 'grant ends message');
    }
  }

  private end(pairs: readonly GrantPair[]): void {
    for (const pair of pairs) this.watchers.end(pairKey(pair), (err) => this.onError(err, 'ending what a grant opened'));
  }
}
