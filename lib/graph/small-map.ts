/**
 * An insertion-ordered string-keyed map for the maps an edge keeps per response (codes, and per code the flags
 * and hosts), which nearly always hold one entry: that entry lives in fields and only further ones go to a Map.
 * A large graph holds tens of thousands of these, and a Map costs a hash table each.
 */
export class SmallMap<V> {
  private firstKey: string | undefined;
  private firstValue: V | undefined;
  private rest: Map<string, V> | undefined;

  get size(): number {
    return this.firstKey === undefined ? 0 : 1 + (this.rest?.size ?? 0);
  }

  get(key: string): V | undefined {
    return key === this.firstKey ? this.firstValue : this.rest?.get(key);
  }

  set(key: string, value: V): this {
    if (this.firstKey === undefined || key === this.firstKey) {
      this.firstKey = key;
      this.firstValue = value;
    } else {
      (this.rest ??= new Map()).set(key, value);
    }
    return this;
  }

  /** The key when there is exactly one entry. */
  onlyKey(): string | undefined {
    return this.rest === undefined || this.rest.size === 0 ? this.firstKey : undefined;
  }

  /** Calls `fn` with each entry in insertion order. */
  forEach(fn: (value: V, key: string) => void): void {
    if (this.firstKey === undefined) return;
    fn(this.firstValue as V, this.firstKey);
    this.rest?.forEach((v, k) => fn(v, k));
  }

  /** The keys in insertion order. */
  keys(): string[] {
    const out: string[] = [];
    this.forEach((_v, k) => out.push(k));
    return out;
  }
}
