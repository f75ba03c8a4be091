import { formatDuration } from '@/lib/time/duration';

/** A µs duration the short way (1.2s, 350ms). */
export const formatMicros = (us: number): string => formatDuration(us / 1000);

/** A µs timestamp as local wall-clock time with milliseconds. */
export function formatClock(us: number): string {
  const d = new Date(us / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** A µs timestamp as date and time, for list rows. */
export function formatDateTime(us: number): string {
  const d = new Date(us / 1000);
  return `${d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${formatClock(us)}`;
}

/** A short trace id for titles: the significant part (64-bit ids without their zero padding). */
export const shortTraceId = (id: string): string => (id.startsWith('0000000000000000') ? id.slice(16) : id).slice(0, 16);
