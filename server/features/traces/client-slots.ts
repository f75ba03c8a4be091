/**
 * In-flight span requests, overall and per client address: a client that holds its slots open (a slow upload, a
 * flood) is refused once it holds its own share, while other collectors keep theirs.
 */
export class ClientSlots {
  private total = 0;
  private readonly byClient = new Map<string, number>();

  constructor(
    private readonly maxTotal: number,
    private readonly maxPerClient: number,
  ) {}

  /** Takes a slot for `client`; returns why not (for a 429) when none is free. */
  take(client: string): string | undefined {
    const mine = this.byClient.get(client) ?? 0;
    if (mine >= this.maxPerClient) return `more than ${this.maxPerClient} span requests in flight from ${client}; retry later`;
    if (this.total >= this.maxTotal) return `more than ${this.maxTotal} span requests in flight; retry later`;
    this.total++;
    this.byClient.set(client, mine + 1);
    return undefined;
  }

  release(client: string): void {
    this.total--;
    const mine = (this.byClient.get(client) ?? 1) - 1;
    if (mine <= 0) this.byClient.delete(client);
    else this.byClient.set(client, mine);
  }
}
