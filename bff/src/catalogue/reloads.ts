// After an admin changes the catalogue, every BFF instance drops the cached copy at once rather
// than when the cache's entries age out: the working calendar after a year's import (its minute,
// calendar.ts CALENDAR_TTL_MS; /readyz, opening hours, slots and deadlines read the new year on the
// next request) and service search results after a guide edit (their 30 s, service.ts: a new
// search synonym finds the service at once). The changing instance drops its own cache and
// publishes on Redis; every instance hears it and drops theirs. Without Redis there is one
// instance. A message lost while Redis is down costs at most the cache's TTL.
import type Redis from 'ioredis';
import type { AppResources } from '../resources';

export const CALENDAR_CHANNEL = 'palm:calendar:changed';
export const SEARCH_CHANNEL = 'palm:services:changed';

export class CacheReloads {
  private listener: Redis | null = null;

  constructor(
    private readonly resources: AppResources,
    /** The Redis channel, and what to call it in the log. */
    private readonly channel: string,
    private readonly what: string,
    /** Drops this instance's cached copy. */
    private readonly drop: () => void,
    private readonly onError: (err: unknown, context: string) => void = () => undefined,
  ) {}

  /** Starts hearing the other instances; the subscription waits for Redis if it is down. */
  start(): void {
    const redis = this.resources.redis;
    if (!redis) return;
    // Its own connection (a subscriber can do nothing else), resubscribed after every reconnect.
    this.listener = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: false });
    this.listener.on('message', () => this.drop());
    this.listener.on('error', (err) => this.onError(err, `${this.what} reload listener`));
    this.listener.subscribe(this.channel).catch((err: unknown) => this.onError(err, `${this.what} reload listener`));
  }

  close(): void {
    this.listener?.disconnect();
    this.listener = null;
  }

  /** The data changed (call once committed): this instance drops its copy now, every other on the message. */
  changed(): void {
    this.drop();
    this.resources.redis?.publish(this.channel, '1').catch((err: unknown) => this.onError(err, `publishing a ${this.what} change`));
  }
}
