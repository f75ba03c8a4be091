/** Sorting and filtering of the workload and application lists (pure, shared by both pages). */

export const SORT_KEYS = ['name', 'namespace', 'health', 'rps', 'errors'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface ListRow {
  name: string;
  namespace: string;
  health?: string;
  rps: number;
  /** The error share to sort by (the worse of inbound and outbound), 0–100. */
  errPct: number;
  /** Labels, services, config kinds: what the text filter also searches. */
  searchable: string[];
}

const HEALTH_RANK: Record<string, number> = { Failure: 3, Degraded: 2, Healthy: 1, NA: 0 };

/** Rows whose name, namespace or labels contain `text`, sorted by `key` (worst health and busiest first). */
export function filterSort<T extends ListRow>(rows: T[], text: string, key: SortKey): T[] {
  const needle = text.trim().toLowerCase();
  const kept = needle ? rows.filter((r) => [r.name, r.namespace, ...r.searchable].some((s) => s.toLowerCase().includes(needle))) : rows;
  const byName = (a: T, b: T) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
  const cmp: Record<SortKey, (a: T, b: T) => number> = {
    name: (a, b) => a.name.localeCompare(b.name) || byName(a, b),
    namespace: byName,
    health: (a, b) => (HEALTH_RANK[b.health ?? 'NA'] ?? 0) - (HEALTH_RANK[a.health ?? 'NA'] ?? 0) || byName(a, b),
    rps: (a, b) => b.rps - a.rps || byName(a, b),
    errors: (a, b) => b.errPct - a.errPct || byName(a, b),
  };
  return [...kept].sort(cmp[key]);
}
