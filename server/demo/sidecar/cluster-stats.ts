/** Per-host request counters of one proxy's clusters, for the admin `/clusters` page. */
export class ClusterStats {
  private readonly hosts = new Map<string, { total: number; errors: number }>();
  private static readonly MAX_HOSTS = 10_000;

  record(cluster: string, host: string | undefined, status: number): void {
    if (!host) return;
    const key = `${cluster}::${host}`;
    let c = this.hosts.get(key);
    if (!c) {
      if (this.hosts.size >= ClusterStats.MAX_HOSTS) return;
      c = { total: 0, errors: 0 };
      this.hosts.set(key, c);
    }
    c.total++;
    if (status >= 500 || status === 0) c.errors++;
  }

  of(cluster: string, host: string): { total: number; errors: number } {
    return this.hosts.get(`${cluster}::${host}`) ?? { total: 0, errors: 0 };
  }
}
