import type { LogEntry } from '@/lib/api/workloads';

/** One row of the Logs tab: a line from the app's container or the proxy's, in time order. */
export interface LogRow {
  key: string;
  source: 'app' | 'proxy';
  container: string;
  entry: LogEntry;
  /** The HTTP status the line reports: the access log's, or the `"GET /x HTTP/1.1" 503` an app prints. */
  code?: number;
}

export const CODE_CLASSES = ['all', '2xx', '3xx', '4xx', '5xx'] as const;
export type CodeClass = (typeof CODE_CLASSES)[number];

export interface LogFilter {
  text: string;
  regex: boolean;
  code: CodeClass;
  source: 'both' | 'app' | 'proxy';
}

const APP_STATUS = /" (\d{3}) /;

function rows(entries: LogEntry[] | undefined, source: 'app' | 'proxy', container: string): LogRow[] {
  return (entries ?? []).map((entry, i) => {
    const code = entry.accessLog ? entry.accessLog.responseCode : Number(APP_STATUS.exec(entry.message)?.[1] ?? NaN);
    return { key: `${source}:${i}:${entry.timestamp}`, source, container, entry, ...(Number.isFinite(code) ? { code } : {}) };
  });
}

/** The app's and the proxy's lines merged by time (stable: lines of the same instant keep their own order). */
export function interleave(app: LogEntry[] | undefined, appContainer: string, proxy: LogEntry[] | undefined): LogRow[] {
  const all = [...rows(app, 'app', appContainer), ...rows(proxy, 'proxy', 'istio-proxy')];
  return all.map((r, i) => ({ r, i })).sort((a, b) => a.r.entry.timestampUnix - b.r.entry.timestampUnix || a.i - b.i).map(({ r }) => r);
}

const MAX_PATTERN = 200;

/** A row predicate for the filter, or the reason a regex is unusable. */
export function compileFilter(f: LogFilter): { match: (r: LogRow) => boolean } | { error: string } {
  let text: (s: string) => boolean = () => true;
  if (f.text) {
    if (f.text.length > MAX_PATTERN) return { error: `the filter is longer than ${MAX_PATTERN} characters` };
    if (f.regex) {
      let re: RegExp;
      try {
        re = new RegExp(f.text, 'i');
      } catch (err) {
        return { error: `not a regular expression: ${(err as Error).message}` };
      }
      text = (s) => re.test(s);
    } else {
      const needle = f.text.toLowerCase();
      text = (s) => s.toLowerCase().includes(needle);
    }
  }
  const digit = f.code === 'all' ? undefined : Number(f.code[0]);
  return {
    match: (r) =>
      (f.source === 'both' || f.source === r.source) &&
      (digit === undefined || (r.code !== undefined && Math.floor(r.code / 100) === digit)) &&
      text(r.entry.message),
  };
}
