import type { AccessLogEntry } from './access-log';
import { parseAccessLogLine } from './access-log-parse';

export type Severity = 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'UNKNOWN';

/** One log line split into its API-server timestamp and text, with a severity and (for the proxy) the access-log fields. */
export interface ParsedLogLine {
  timestamp: string;
  timestampUnix: number;
  message: string;
  severity: Severity;
  accessLog?: AccessLogEntry;
}

const SEVERITY: [RegExp, Severity][] = [
  [/\b(error|err|fatal|critical|panic)\b/i, 'ERROR'],
  [/\b(warn|warning)\b/i, 'WARN'],
  [/\b(debug|trace)\b/i, 'DEBUG'],
  [/\binfo\b/i, 'INFO'],
];

/** A severity from the first words of a line (`ERROR ...`, `2026-... warn ...`, `{"level":"error"}`). */
export function severityOf(text: string): Severity {
  const head = text.slice(0, 80);
  for (const [re, s] of SEVERITY) if (re.test(head)) return s;
  return 'UNKNOWN';
}

/**
 * Parses a `kubectl logs --timestamps` line (`<RFC 3339> <text>`). With `proxy`, an access-log line gets its fields,
 * and its severity comes from the response: 5xx (and 0, no response) ERROR, 4xx WARN, else INFO.
 */
export function parseLogLine(line: string, proxy: boolean): ParsedLogLine {
  const sp = line.indexOf(' ');
  const stamp = sp > 0 ? line.slice(0, sp) : '';
  const t = Date.parse(stamp);
  const hasStamp = /^\d{4}-\d\d-\d\dT/.test(stamp) && Number.isFinite(t);
  const message = hasStamp ? line.slice(sp + 1) : line;
  const out: ParsedLogLine = { timestamp: hasStamp ? stamp : '', timestampUnix: hasStamp ? t : 0, message, severity: severityOf(message) };
  if (proxy) {
    const e = parseAccessLogLine(message);
    if (e) {
      out.accessLog = e;
      out.severity = e.responseCode >= 500 || (e.responseCode === 0 && e.protocol !== '-') ? 'ERROR' : e.responseCode >= 400 ? 'WARN' : 'INFO';
    }
  }
  return out;
}
