/** Milliseconds, branded so a bare number of seconds or microseconds is not passed by mistake. */
export type Millis = number & { readonly __unit: 'ms' };
/** Seconds, branded. */
export type Seconds = number & { readonly __unit: 's' };
/** Microseconds, branded (Jaeger/Zipkin timestamps). */
export type Micros = number & { readonly __unit: 'us' };

export const ms = (n: number): Millis => n as Millis;
export const sec = (n: number): Seconds => n as Seconds;
export const us = (n: number): Micros => n as Micros;

const UNIT_MS: Record<string, number> = {
  us: 0.001,
  µs: 0.001,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Parses a Prometheus/Go style duration ("500ms", "5s", "1m30s", "1h") into milliseconds.
 * A bare number is taken as seconds (as Kiali's `duration=60` is). Returns undefined when malformed.
 */
export function parseDuration(text: string): Millis | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return ms(Number(s) * 1000);
  const re = /(\d+(?:\.\d+)?)(us|µs|ms|s|m|h|d)/gy;
  let total = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * (UNIT_MS[m[2] as string] ?? NaN);
    pos = re.lastIndex;
  }
  if (pos !== s.length || !Number.isFinite(total)) return undefined;
  return ms(total);
}

/** Formats milliseconds the short way a person reads it: 1.2s, 350ms, 2m. */
export function formatDuration(millis: number): string {
  if (!Number.isFinite(millis)) return '—';
  if (millis < 1) return `${(millis * 1000).toFixed(0)}µs`;
  if (millis < 1000) return `${millis < 10 ? millis.toFixed(1) : millis.toFixed(0)}ms`;
  if (millis < 60_000) return `${(millis / 1000).toFixed(millis < 10_000 ? 2 : 1)}s`;
  if (millis < 3_600_000) return `${(millis / 60_000).toFixed(1)}m`;
  return `${(millis / 3_600_000).toFixed(1)}h`;
}
