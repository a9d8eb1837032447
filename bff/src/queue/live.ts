// Live queue updates (DESIGN.md §2, §5 WS /api/live). A change at an office is published as
// "office X changed"; every BFF instance hears it — through Redis pub/sub when configured, else in
// process — and each of its subscribers of that office (a hall board, or a ticket holder whose
// place may have moved) is sent a fresh view, at most once per second per client: changes within
// the second are coalesced into one message with the latest state (DESIGN.md §4).
import type Redis from 'ioredis';

export const LIVE_CHANNEL = 'palm:live';
export const MIN_INTERVAL_MS = 1000;

export interface LiveSubscriber {
  officeId: string;
  /** Builds and sends the current view; called at most once a second. */
  push(): Promise<void>;
}

interface Slot {
  subscriber: LiveSubscriber;
  /** When the last view finished sending: the next may leave a second after it. */
  lastSentAt: number;
  timer: NodeJS.Timeout | null;
  isSending: boolean;
  /** A change arrived while a view was being built: send again afterwards. */
  isDirty: boolean;
}

export class LiveHub {
  private readonly byOffice = new Map<string, Set<Slot>>();
  private listener: Redis | null = null;

  constructor(
    private readonly redis: Redis | null,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** Starts listening to the other instances (Redis); without Redis there are none. */
  async start(): Promise<void> {
    if (!this.redis) return;
    // Its own connection (a subscriber can do nothing else). The subscription waits for Redis if it
    // is down at start and is renewed after every reconnect, so the BFF starts and keeps serving
    // from PostgreSQL meanwhile (DESIGN.md §2): only live updates from other instances pause.
    this.listener = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: false });
    this.listener.on('message', (_channel: string, message: string) => {
      try {
        const { officeId } = JSON.parse(message) as { officeId?: unknown };
        if (typeof officeId === 'string') this.deliver(officeId);
      } catch (err) {
        this.onError(err);
      }
    });
    // The listener reconnects by itself after Redis comes back (ioredis resubscribes).
    this.listener.on('error', (err) => this.onError(err));
    this.listener.subscribe(LIVE_CHANNEL).catch((err: unknown) => this.onError(err));
  }

  /** Something changed at this office. Facts are already in PostgreSQL; losing a message only delays a view. */
  publish(officeId: string): void {
    if (!this.redis) {
      this.deliver(officeId);
      return;
    }
    this.redis.publish(LIVE_CHANNEL, JSON.stringify({ officeId })).catch((err: unknown) => {
      // Redis down: this instance's own subscribers still hear it.
      this.onError(err);
      this.deliver(officeId);
    });
  }

  subscribe(subscriber: LiveSubscriber): () => void {
    const slot: Slot = { subscriber, lastSentAt: 0, timer: null, isSending: false, isDirty: false };
    let set = this.byOffice.get(subscriber.officeId);
    if (!set) {
      set = new Set();
      this.byOffice.set(subscriber.officeId, set);
    }
    set.add(slot);
    this.schedule(slot);
    return () => {
      if (slot.timer) clearTimeout(slot.timer);
      set.delete(slot);
      if (set.size === 0) this.byOffice.delete(subscriber.officeId);
    };
  }

  get subscriberCount(): number {
    let n = 0;
    for (const set of this.byOffice.values()) n += set.size;
    return n;
  }

  private deliver(officeId: string): void {
    this.byOffice.get(officeId)?.forEach((slot) => this.schedule(slot));
  }

  private schedule(slot: Slot): void {
    if (slot.isSending) {
      slot.isDirty = true;
      return;
    }
    if (slot.timer) return; // a send is already due; it will carry the latest state
    const wait = Math.max(0, slot.lastSentAt + MIN_INTERVAL_MS - Date.now());
    slot.timer = setTimeout(() => {
      slot.timer = null;
      slot.isSending = true;
      slot.subscriber
        .push()
        .catch((err: unknown) => this.onError(err))
        .finally(() => {
          slot.lastSentAt = Date.now();
          slot.isSending = false;
          if (slot.isDirty) {
            slot.isDirty = false;
            this.schedule(slot);
          }
        });
    }, wait);
  }

  async close(): Promise<void> {
    for (const set of this.byOffice.values()) for (const slot of set) if (slot.timer) clearTimeout(slot.timer);
    this.byOffice.clear();
    if (this.listener) {
      this.listener.disconnect();
      this.listener = null;
    }
  }
}
