/**
 * The /config list's view state, kept in the URL so a filtered list is bookmarkable:
 * `?namespaces=a,b&kinds=VirtualService&status=errors&q=reviews`. Empty lists mean "all".
 */
export const STATUS_FILTERS = ['all', 'errors', 'warnings', 'valid'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface ConfigListView {
  namespaces: string[];
  kinds: string[];
  status: StatusFilter;
  /** Case-insensitive text matched against name, namespace, kind and messages. */
  q: string;
}

export const DEFAULT_LIST_VIEW: ConfigListView = { namespaces: [], kinds: [], status: 'all', q: '' };

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/;

function list(raw: string | null): string[] {
  if (!raw) return [];
  // Dropping junk keeps a hand-edited URL from turning into an API request that is refused.
  return [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => NAME_RE.test(s)))].sort();
}

export function parseListView(params: URLSearchParams): ConfigListView {
  const status = params.get('status');
  return {
    namespaces: list(params.get('namespaces')),
    kinds: list(params.get('kinds')),
    status: (STATUS_FILTERS as readonly string[]).includes(status ?? '') ? (status as StatusFilter) : 'all',
    q: (params.get('q') ?? '').slice(0, 200),
  };
}

/** Only non-default values are written, so the plain /config URL stays plain. */
export function serializeListView(v: ConfigListView): string {
  const q = new URLSearchParams();
  if (v.namespaces.length) q.set('namespaces', [...v.namespaces].sort().join(','));
  if (v.kinds.length) q.set('kinds', [...v.kinds].sort().join(','));
  if (v.status !== 'all') q.set('status', v.status);
  if (v.q.trim()) q.set('q', v.q.trim());
  return q.toString();
}

/** The editor page of an object. */
export function objectHref(o: { kind: string; namespace?: string; name: string }): string {
  return `/config/${encodeURIComponent(o.namespace ?? '_')}/${encodeURIComponent(o.kind)}/${encodeURIComponent(o.name)}`;
}
