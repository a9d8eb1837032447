// Live queue updates (DESIGN.md §2, §5 WS /api/live). A change at an office is published as
// "office X changed"; every BFF instance hears it — through Redis pub/sub when configured, else in
// process — and refreshes the clients watching that office: a hall board, or a ticket holder whose
// place may have moved.
//
// The cost of a change does not grow with its audience: the office's messages are rendered once per
// change for all its clients (one board for every board, the views of all watched tickets in a few
// queries, live-views.ts), at most once a second per office, and the same text goes to every client
// of a topic. Each client still gets at most one message a second (DESIGN.md §4): a message due
// sooner waits and is replaced by a newer one meanwhile; a message identical to its last is not sent.
import type Redis from 'ioredis';

export const LIVE_CHANNEL = 'palm:live';
export const MIN_INTERVAL_MS = 1000;

/** A topic within an office: `board`, or `ticket:<id>`. Clients on one topic share a rendering. */
export type LiveTopic = string;

export interface LiveSubscriber {
  officeId: string;
  topic: LiveTopic;
  send(message: string): void;
}

/** The current message of each topic of one office (null: nothing to say, e.g. the ticket is gone). */
export type LiveRenderer = (officeId: string, topics: readonly LiveTopic[]) => Promise<Map<LiveTopic, string | null>>;

interface Client {
  subscriber: LiveSubscriber;
  lastSentAt: number;
  lastMessage: string | null;
  /** A message that came within a second of the last one: sent when the second is over. */
  pending: string | null;
  timer: NodeJS.Timeout | null;
}

interface OfficeState {
  clients: Set<Client>;
  lastRenderAt: number;
  timer: NodeJS.Timeout | null;
  isRendering: boolean;
  /** A change arrived while rendering: render again afterwards. */
  isDirty: boolean;
}

export class LiveHub {
  private readonly offices = new Map<string, OfficeState>();
  private listener: Redis | null = null;
  private isClosed = false;

  constructor(
    private readonly redis: Redis | null,
    private readonly render: LiveRenderer,
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
        if (typeof officeId === 'string') this.changed(officeId);
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
      this.changed(officeId);
      return;
    }
    this.redis.publish(LIVE_CHANNEL, JSON.stringify({ officeId })).catch((err: unknown) => {
      // Redis down: this instance's own subscribers still hear it.
      this.onError(err);
      this.changed(officeId);
    });
  }

  /** Adds a client and sends it its topic's current message at once. */
  subscribe(subscriber: LiveSubscriber): () => void {
    const client: Client = { subscriber, lastSentAt: 0, lastMessage: null, pending: null, timer: null };
    let office = this.offices.get(subscriber.officeId);
    if (!office) {
      office = { clients: new Set(), lastRenderAt: 0, timer: null, isRendering: false, isDirty: false };
      this.offices.set(subscriber.officeId, office);
    }
    office.clients.add(client);
    this.first(client).catch((err: unknown) => this.onError(err));
    const state = office;
    return () => {
      if (client.timer) clearTimeout(client.timer);
      state.clients.delete(client);
      if (state.clients.size === 0) {
        if (state.timer) clearTimeout(state.timer);
        if (this.offices.get(subscriber.officeId) === state) this.offices.delete(subscriber.officeId);
      }
    };
  }

  get subscriberCount(): number {
    let n = 0;
    for (const office of this.offices.values()) n += office.clients.size;
    return n;
  }

  // Connects arrive in bursts (a hall's boards after a restart, holders opening the app): one
  // rendering of a topic in flight serves every client that connects meanwhile.
  private readonly firstRenders = new Map<string, Promise<Map<LiveTopic, string | null>>>();

  private async first(client: Client): Promise<void> {
    const { officeId, topic } = client.subscriber;
    const key = `${officeId} ${topic}`;
    let rendering = this.firstRenders.get(key);
    if (!rendering) {
      rendering = this.render(officeId, [topic]).finally(() => this.firstRenders.delete(key));
      this.firstRenders.set(key, rendering);
    }
    const message = (await rendering).get(topic);
    if (message != null) this.sendTo(client, message);
  }

  private changed(officeId: string): void {
    const office = this.offices.get(officeId);
    if (!office || this.isClosed) return;
    if (office.isRendering) {
      office.isDirty = true;
      return;
    }
    if (office.timer) return; // a rendering is already due; it will carry the latest state
    const wait = Math.max(0, office.lastRenderAt + MIN_INTERVAL_MS - Date.now());
    office.timer = setTimeout(() => {
      office.timer = null;
      office.isRendering = true;
      this.renderOffice(officeId, office)
        .catch((err: unknown) => this.onError(err))
        .finally(() => {
          office.lastRenderAt = Date.now();
          office.isRendering = false;
          if (office.isDirty) {
            office.isDirty = false;
            this.changed(officeId);
          }
        });
    }, wait);
  }

  private async renderOffice(officeId: string, office: OfficeState): Promise<void> {
    const topics = [...new Set([...office.clients].map((c) => c.subscriber.topic))];
    if (topics.length === 0) return;
    const messages = await this.render(officeId, topics);
    for (const client of office.clients) {
      const message = messages.get(client.subscriber.topic);
      if (message != null) this.sendTo(client, message);
    }
  }

  private sendTo(client: Client, message: string): void {
    if (message === (client.pending ?? client.lastMessage)) return;
    const wait = client.lastSentAt + MIN_INTERVAL_MS - Date.now();
    if (wait <= 0 && !client.timer) {
      this.write(client, message);
      return;
    }
    client.pending = message;
    client.timer ??= setTimeout(() => {
      client.timer = null;
      const next = client.pending;
      client.pending = null;
      if (next !== null && next !== client.lastMessage) this.write(client, next);
    }, Math.max(0, wait));
  }

  private write(client: Client, message: string): void {
    client.lastSentAt = Date.now();
    client.lastMessage = message;
    try {
      client.subscriber.send(message);
    } catch (err) {
      this.onError(err);
    }
  }

  async close(): Promise<void> {
    this.isClosed = true;
    for (const office of this.offices.values()) {
      if (office.timer) clearTimeout(office.timer);
      for (const client of office.clients) if (client.timer) clearTimeout(client.timer);
    }
    this.offices.clear();
    if (this.listener) {
      this.listener.disconnect();
      this.listener = null;
    }
  }
}
