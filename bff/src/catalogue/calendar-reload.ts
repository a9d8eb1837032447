// After a year's calendar is imported (the admin console, issue 17), every BFF instance reloads its
// working calendar at once rather than after its cache's minute (calendar.ts CALENDAR_TTL_MS): the
// importing instance drops its own cache and publishes on Redis; every instance hears it and drops
// theirs, so /readyz, opening hours, slots and deadlines all read the new year on the next request.
// Without Redis there is one instance. A message lost while Redis is down costs at most the TTL.
import type Redis from 'ioredis';
import type { AppResources } from '../resources';
import { calendarCacheFor } from './calendar';

export const CALENDAR_CHANNEL = 'palm:calendar:changed';

export class CalendarReloads {
  private listener: Redis | null = null;

  constructor(
    private readonly resources: AppResources,
    private readonly onError: (err: unknown, context: string) => void = () => undefined,
  ) {}

  /** Starts hearing the other instances; the subscription waits for Redis if it is down. */
  start(): void {
    const redis = this.resources.redis;
    if (!redis) return;
    // Its own connection (a subscriber can do nothing else), resubscribed after every reconnect.
    this.listener = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: false });
    this.listener.on('message', () => calendarCacheFor(this.resources).invalidate());
    this.listener.on('error', (err) => this.onError(err, 'calendar reload listener'));
    this.listener.subscribe(CALENDAR_CHANNEL).catch((err: unknown) => this.onError(err, 'calendar reload listener'));
  }

  close(): void {
    this.listener?.disconnect();
    this.listener = null;
  }

  /** The calendar changed (call once committed): this instance reloads now, every other on the message. */
  changed(): void {
    calendarCacheFor(this.resources).invalidate();
    this.resources.redis?.publish(CALENDAR_CHANNEL, '1').catch((err: unknown) => this.onError(err, 'publishing a calendar change'));
  }
}
