/**
 * A small bounded cache of answers that expire. It holds promises, so concurrent misses share one call; a rejected
 * call is forgotten at once (the next request tries again).
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly max = 5_000,
  ) {}

  through(key: string, load: () => Promise<V>): Promise<V> {
    const e = this.entries.get(key);
    if (e && e.until > this.now()) return e.value;
    const value = load();
    this.entries.delete(key);
    this.entries.set(key, { value, until: this.now() + this.ttlMs });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    // Map order is insertion order: the oldest go first.
    for (const k of this.entries.keys()) {
      if (this.entries.size <= this.max) break;
      this.entries.delete(k);
    }
    return value;
  }

  /** Forgets everything cached under keys starting with `prefix` (a signed-out session's answers). */
  forget(prefix: string): void {
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}
