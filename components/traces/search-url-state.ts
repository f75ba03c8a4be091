import { parseDuration } from '@/lib/time/duration';

export const LOOKBACKS = ['5m', '15m', '1h', '2h', '6h', '12h', '24h', '2d', '7d'] as const;
export const LIMITS = ['20', '50', '100', '200', '500'] as const;
export const SORTS = ['recent', 'longest', 'shortest', 'most-spans', 'errors'] as const;
export type TraceSort = (typeof SORTS)[number];

/** The trace search form, round-tripping through the URL query (bookmarkable). */
export interface TraceSearchState {
  service: string;
  operation: string;
  /** Tag filters as the user types them: `http.status_code=500 error=true` (quote values with spaces). */
  tags: string;
  minDuration: string;
  maxDuration: string;
  lookback: string;
  limit: string;
  /** How the result list is ordered (client-side; not part of the query). */
  sort: TraceSort;
}

export const DEFAULT_SEARCH: TraceSearchState = { service: '', operation: '', tags: '', minDuration: '', maxDuration: '', lookback: '1h', limit: '20', sort: 'recent' };

/** Reads the search from a URL query; bad values fall back to defaults so a broken link still opens. */
export function parseSearch(q: URLSearchParams): TraceSearchState {
  const lookback = q.get('lookback') ?? '';
  const limit = q.get('limit') ?? '';
  return {
    service: q.get('service') ?? '',
    operation: q.get('service') ? (q.get('operation') ?? '') : '',
    tags: q.get('tags') ?? '',
    minDuration: q.get('minDuration') ?? '',
    maxDuration: q.get('maxDuration') ?? '',
    lookback: parseDuration(lookback) !== undefined ? lookback : DEFAULT_SEARCH.lookback,
    limit: /^\d+$/.test(limit) && Number(limit) > 0 && Number(limit) <= 1500 ? limit : DEFAULT_SEARCH.limit,
    sort: (SORTS as readonly string[]).includes(q.get('sort') ?? '') ? (q.get('sort') as TraceSort) : DEFAULT_SEARCH.sort,
  };
}

/** The canonical query string for a search (defaults left out). */
export function serializeSearch(s: TraceSearchState): string {
  const q = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_SEARCH) as (keyof TraceSearchState)[]) {
    const v = s[key].trim();
    if (v !== '' && v !== DEFAULT_SEARCH[key]) q.set(key, v);
  }
  return q.toString();
}

/**
 * Parses `key=value key2="a b"` into a tag map; returns an error message naming the bad token instead
 * of silently dropping it.
 */
export function parseTagFilter(text: string): { tags: Record<string, string> } | { error: string } {
  const tags: Record<string, string> = {};
  const re = /\s*([^\s=]+)=(?:"([^"]*)"|(\S+))\s*/y;
  let pos = 0;
  const s = text.trim();
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) return { error: `expected key=value near ${JSON.stringify(s.slice(pos, pos + 20))}` };
    tags[m[1] as string] = m[2] ?? m[3] ?? '';
    pos = re.lastIndex;
  }
  return { tags };
}

/** Orders summaries for the list; the input is not changed. */
export function sortTraces<T extends { startUs: number; durationUs: number; spanCount: number; errorCount: number }>(traces: readonly T[], sort: TraceSort): T[] {
  const out = [...traces];
  const by: Record<TraceSort, (a: T, b: T) => number> = {
    recent: (a, b) => b.startUs - a.startUs,
    longest: (a, b) => b.durationUs - a.durationUs,
    shortest: (a, b) => a.durationUs - b.durationUs,
    'most-spans': (a, b) => b.spanCount - a.spanCount,
    errors: (a, b) => b.errorCount - a.errorCount || b.startUs - a.startUs,
  };
  return out.sort(by[sort]);
}

/** Field-level problems in the form, keyed by field. */
export function validateSearch(s: TraceSearchState): Partial<Record<keyof TraceSearchState, string>> {
  const errors: Partial<Record<keyof TraceSearchState, string>> = {};
  const t = parseTagFilter(s.tags);
  if ('error' in t) errors.tags = t.error;
  for (const k of ['minDuration', 'maxDuration'] as const) {
    if (s[k].trim() && parseDuration(s[k]) === undefined) errors[k] = 'a duration such as 100ms or 1.5s';
  }
  const min = parseDuration(s.minDuration);
  const max = parseDuration(s.maxDuration);
  if (min !== undefined && max !== undefined && s.minDuration.trim() && s.maxDuration.trim() && min > max) errors.maxDuration = 'must be at least the minimum';
  return errors;
}

/** The /api/traces query for a (valid) search. */
export function searchApiParams(s: TraceSearchState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.service) p.set('service', s.service);
  if (s.service && s.operation) p.set('operation', s.operation);
  const t = parseTagFilter(s.tags);
  if ('tags' in t && Object.keys(t.tags).length) p.set('tags', JSON.stringify(t.tags));
  if (s.minDuration.trim()) p.set('minDuration', s.minDuration.trim());
  if (s.maxDuration.trim()) p.set('maxDuration', s.maxDuration.trim());
  p.set('lookback', s.lookback);
  p.set('limit', s.limit);
  return p;
}
