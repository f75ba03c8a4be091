import { formatDuration } from '@/lib/time/duration';

/** Requests per second the way Kiali shows them: 2 decimals under 10, fewer above. */
export function formatRate(rps: number | undefined): string {
  if (rps === undefined || !Number.isFinite(rps)) return '—';
  if (rps === 0) return '0';
  if (rps < 0.01) return '<0.01';
  if (rps < 10) return rps.toFixed(2);
  if (rps < 1000) return rps.toFixed(1);
  return `${(rps / 1000).toFixed(1)}k`;
}

/** A percentage with one decimal ("12.5%"), or "—". */
export function formatPercent(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return '—';
  if (p > 0 && p < 0.1) return '<0.1%';
  return `${p >= 10 ? p.toFixed(0) : p.toFixed(1)}%`;
}

/** Bytes per second in binary-prefixed units. */
export function formatBytesRate(bps: number | undefined): string {
  if (bps === undefined || !Number.isFinite(bps)) return '—';
  const units = ['B/s', 'KiB/s', 'MiB/s', 'GiB/s'];
  let v = bps;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}

/** Milliseconds as a latency ("12ms", "1.20s"), or "—". */
export function formatLatency(msValue: number | undefined | null): string {
  if (msValue === undefined || msValue === null || !Number.isFinite(msValue)) return '—';
  return formatDuration(msValue);
}

/** "5s ago", "3m ago": how long before `now` an ISO time was. */
export function formatAgo(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '—';
  const d = Math.max(0, now - t);
  if (d < 1000) return 'just now';
  return `${formatDuration(d).replace(/\.\d+(?=[a-z])/, '')} ago`;
}
