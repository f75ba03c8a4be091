import type { AccessLogEntry } from './access-log';

/** Longest access-log line looked at; longer ones are not parsed (a hostile or corrupt log must not cost more). */
export const MAX_ACCESS_LOG_LINE = 16 * 1024;
/** Tokens in Istio's default TEXT format, and with a trailing %TRACE_ID%. */
const TEXT_TOKENS = 22;

/**
 * Splits a TEXT access-log line into Envoy's tokens: `[...]`, `"..."` (with `\"` escapes) or a bare word.
 * Returns undefined when a bracket or quote is left open.
 */
function tokenize(line: string, max: number): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n && out.length <= max) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '[') {
      const end = line.indexOf(']', i + 1);
      if (end === -1) return undefined;
      out.push(line.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      const end = line.indexOf('"', i + 1);
      if (end === -1) return undefined;
      const raw = line.slice(i + 1, end);
      if (!raw.includes('\\')) {
        // The common case: no escapes, one slice.
        out.push(raw);
        i = end + 1;
        continue;
      }
      let j = i + 1;
      let s = '';
      for (; j < n && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < n) j++;
        s += line[j];
      }
      if (j >= n) return undefined;
      out.push(s);
      i = j + 1;
    } else {
      let j = i;
      while (j < n && line[j] !== ' ' && line[j] !== '\t') j++;
      out.push(line.slice(i, j));
      i = j;
    }
  }
  return out;
}

const int = (s: string | undefined): number | undefined => (s !== undefined && /^\d{1,15}$/.test(s) ? Number(s) : undefined);
const TRACE_ID = /^[0-9a-f]{16}([0-9a-f]{16})?$/;

function fromText(line: string): AccessLogEntry | undefined {
  const t = tokenize(line, TEXT_TOKENS + 1);
  if (!t || (t.length !== TEXT_TOKENS && t.length !== TEXT_TOKENS + 1)) return undefined;
  const at = (k: number) => t[k] as string;
  const requestLine = at(1).split(' ');
  const code = int(at(2));
  const received = int(at(7));
  const sent = int(at(8));
  const duration = int(at(9));
  if (!/^\d{4}-\d{2}-\d{2}T/.test(at(0)) || code === undefined || received === undefined || sent === undefined || duration === undefined) return undefined;
  const entry: AccessLogEntry = {
    startTime: at(0),
    method: requestLine[0] ?? '-',
    path: requestLine.length >= 3 ? requestLine.slice(1, -1).join(' ') : (requestLine[1] ?? '-'),
    protocol: requestLine.length >= 3 ? (requestLine[requestLine.length - 1] as string) : '-',
    responseCode: code,
    responseFlags: at(3),
    responseCodeDetails: at(4),
    connectionTerminationDetails: at(5),
    upstreamTransportFailureReason: at(6),
    bytesReceived: received,
    bytesSent: sent,
    durationMs: duration,
    xForwardedFor: at(11),
    userAgent: at(12),
    requestId: at(13),
    authority: at(14),
    upstreamHost: at(15),
    upstreamCluster: at(16),
    upstreamLocalAddress: at(17),
    downstreamLocalAddress: at(18),
    downstreamRemoteAddress: at(19),
    requestedServerName: at(20),
    routeName: at(21),
  };
  const ust = int(at(10));
  if (ust !== undefined) entry.upstreamServiceTimeMs = ust;
  const trace = t[TEXT_TOKENS]?.toLowerCase();
  if (trace && TRACE_ID.test(trace)) entry.traceId = trace;
  return entry;
}

function fromJson(line: string): AccessLogEntry | undefined {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return undefined;
  const r = o as Record<string, unknown>;
  const s = (k: string): string => {
    const v = r[k];
    return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : '-';
  };
  const n = (k: string): number | undefined => {
    const v = r[k];
    return typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' ? int(v) : undefined;
  };
  const startTime = s('start_time');
  const code = n('response_code');
  // A JSON line that is not an access-log entry (an app's own JSON log) has neither.
  if (startTime === '-' || code === undefined) return undefined;
  const entry: AccessLogEntry = {
    startTime,
    method: s('method'),
    path: s('path'),
    protocol: s('protocol'),
    responseCode: code,
    responseFlags: s('response_flags'),
    responseCodeDetails: s('response_code_details'),
    connectionTerminationDetails: s('connection_termination_details'),
    upstreamTransportFailureReason: s('upstream_transport_failure_reason'),
    bytesReceived: n('bytes_received') ?? 0,
    bytesSent: n('bytes_sent') ?? 0,
    durationMs: n('duration') ?? 0,
    xForwardedFor: s('x_forwarded_for'),
    userAgent: s('user_agent'),
    requestId: s('request_id'),
    authority: s('authority'),
    upstreamHost: s('upstream_host'),
    upstreamCluster: s('upstream_cluster'),
    upstreamLocalAddress: s('upstream_local_address'),
    downstreamLocalAddress: s('downstream_local_address'),
    downstreamRemoteAddress: s('downstream_remote_address'),
    requestedServerName: s('requested_server_name'),
    routeName: s('route_name'),
  };
  const ust = n('upstream_service_time');
  if (ust !== undefined) entry.upstreamServiceTimeMs = ust;
  const trace = s('trace_id').toLowerCase();
  if (TRACE_ID.test(trace)) entry.traceId = trace;
  return entry;
}

/**
 * Parses one access-log line in Istio's default TEXT format (optionally with a trailing trace id) or in its JSON
 * encoding. Anything else (the proxy's own `info`/`warn` lines, over-long lines) is undefined.
 */
export function parseAccessLogLine(line: string): AccessLogEntry | undefined {
  if (line.length > MAX_ACCESS_LOG_LINE) return undefined;
  const trimmed = line.trim();
  if (trimmed.startsWith('[')) return fromText(trimmed);
  if (trimmed.startsWith('{')) return fromJson(trimmed);
  return undefined;
}
