// How many live sockets each client address holds open on this instance (WS /api/live). A place
// is taken before the upgrade, in the same synchronous step as the check, so a burst of parallel
// connects cannot all slip under the cap; it is given back when the socket — or the refused
// request's connection — closes.
//
// Counted per instance, not in Redis: what a socket costs (memory, a file descriptor, a share of
// every rendering) is this process's, and it ends with this process. A shared count would outlive
// a crashed instance — its sockets gone, its places still taken, the address locked out until some
// expiry — and would stop counting while Redis is down. Behind N instances one address may hold up
// to N × the cap, which still bounds what it can cost each one.
import { normalizeIP } from '@fastify/rate-limit';

/** The counted address; in-process injections (tests) have none and are counted together. */
const addressOf = (ip: string | undefined): string => (ip ? normalizeIP(ip) : '');

export class AddressSockets {
  private readonly open = new Map<string, number>();

  constructor(readonly perAddress: number) {}

  /**
   * A place for one more socket from `ip` (an IPv6 client counted by its /64, which one household
   * can rotate through): the function that gives it back (only the first call counts), or null
   * when the address is at the cap.
   */
  take(ip: string | undefined): (() => void) | null {
    const address = addressOf(ip);
    const held = this.open.get(address) ?? 0;
    if (held >= this.perAddress) return null;
    this.open.set(address, held + 1);
    let isReleased = false;
    return () => {
      if (isReleased) return;
      isReleased = true;
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    };
  }
}
