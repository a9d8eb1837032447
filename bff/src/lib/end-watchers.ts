// What to do, in this process, when something named by a key ends — a session (identity/sessions.ts),
// a grant between two people (grants/ends.ts) — so what it opened (a live socket) ends with it.
// Each callback runs once: ending a key forgets its watchers.
export class EndWatchers {
  private readonly watchers = new Map<string, Set<() => void>>();

  /** Calls `onEnd` once when `key` ends. Returns the way to stop watching. */
  watch(key: string, onEnd: () => void): () => void {
    let set = this.watchers.get(key);
    if (!set) this.watchers.set(key, (set = new Set()));
    set.add(onEnd);
    return () => {
      set.delete(onEnd);
      if (set.size === 0 && this.watchers.get(key) === set) this.watchers.delete(key);
    };
  }

  /** `key` has ended: its watchers are called (a throwing one goes to `onError`) and forgotten. */
  end(key: string, onError: (err: unknown) => void = () => undefined): void {
    const ending = this.watchers.get(key);
    if (!ending) return;
    this.watchers.delete(key);
    for (const onEnd of ending) {
      try {
        onEnd();
      } catch (err) {
        onError(err);
      }
    }
  }

  clear(): void {
    this.watchers.clear();
  }
}
