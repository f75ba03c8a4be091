/** Token-bucket settings: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Per-client token buckets (keyed by client address). Bounded: past `maxClients` the least recently seen clients
 * are forgotten, which only gives them a fresh burst — memory stays flat under a flood of addresses.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
    private readonly maxClients = 10_000,
  ) {}

  /** Takes one token; returns 0 when allowed, else the seconds to wait (for Retry-After). */
  take(client: string): number {
    const t = this.now();
    const b = this.buckets.get(client) ?? { tokens: this.limit.burst, at: t };
    b.tokens = Math.min(this.limit.burst, b.tokens + ((t - b.at) / 1000) * this.limit.perSecond);
    b.at = t;
    this.buckets.delete(client);
    this.buckets.set(client, b);
    if (this.buckets.size > this.maxClients) this.evict();
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.limit.perSecond));
  }

  private evict(): void {
    // Map order is least recently used first.
    const drop = this.buckets.size - this.maxClients;
    let i = 0;
    for (const key of this.buckets.keys()) {
      if (i++ >= drop) break;
      this.buckets.delete(key);
    }
  }
}
