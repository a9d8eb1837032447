// A small per-process cache for hot reads of slowly changing data (the working-day calendar, the
// service catalogue). Entries live `ttlMs`, so a change is seen on every instance within that time
// without any invalidation message; concurrent misses for one key share one load; the number of
// keys is bounded (oldest dropped first) so arbitrary query strings cannot grow memory.
// It holds no facts: losing it costs one query (DESIGN.md §2).
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; at: number }>();
  private readonly loading = new Map<K, Promise<V>>();
  /** Raised by clear(): a load that started before it is answered but not kept. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
    private readonly nowMs: () => number = Date.now,
  ) {}

  async get(key: K, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && this.nowMs() - hit.at < this.ttlMs) return hit.value;
    let pending = this.loading.get(key);
    if (!pending) {
      const generation = this.generation;
      pending = load()
        .then((value) => {
          if (generation !== this.generation) return value;
          this.entries.delete(key);
          if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
          this.entries.set(key, { value, at: this.nowMs() });
          return value;
        })
        .finally(() => {
          if (this.loading.get(key) === pending) this.loading.delete(key);
        });
      this.loading.set(key, pending);
    }
    return pending;
  }

  /** Forgets every entry; loads under way are not kept (they may have read the old data). */
  clear(): void {
    this.entries.clear();
    this.loading.clear();
    this.generation += 1;
  }

  get size(): number {
    return this.entries.size;
  }
}
