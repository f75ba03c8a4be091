import { randomUUID } from 'node:crypto';
import { formatAccessLog, type AccessLogEntry } from '../../../lib/envoy/access-log';
import type { HeaderMap } from '../tracing/types';

/** Where a proxy's access log and its app's log go (the demo's pod log files). */
export interface ProxyLogs {
  /** One line of the `istio-proxy` container's log. */
  proxy(line: string): void;
  /** One line of the app container's log. */
  app(line: string): void;
}

/** Envoy's `x-request-id`: kept when the caller sent one, else generated (as Envoy does at the first proxy). */
export function requestIdOf(h: HeaderMap): string {
  return h['x-request-id'] ?? randomUUID();
}

/** The trace id a request carries (W3C first, else B3, 64-bit ids left-padded to 128 bits), lower-case hex. */
export function traceIdOf(h: HeaderMap): string | undefined {
  const tp = /^[0-9a-f]{2}-([0-9a-f]{32})-/i.exec(h.traceparent ?? '');
  if (tp) return (tp[1] as string).toLowerCase();
  const b3 = h['x-b3-traceid'] ?? h.b3?.split('-')[0];
  if (b3 && /^([0-9a-f]{16}|[0-9a-f]{32})$/i.test(b3)) return b3.toLowerCase().padStart(32, '0');
  return undefined;
}

/** What the shim knows about one proxied HTTP exchange. */
export interface Exchange {
  started: number;
  method: string;
  path: string;
  /** `HTTP/1.1`, or `-` for TCP. */
  protocol?: string;
  headers: HeaderMap;
  status: number;
  flags: string;
  details: string;
  requestBytes: number;
  responseBytes: number;
  durationMs: number;
  upstreamServiceTimeMs?: number;
  upstreamHost?: string;
  upstreamCluster: string;
  downstreamLocal: string;
  downstreamRemote: string;
  routeName: string;
  requestId: string;
  traceId?: string;
}

/** The access-log line for an exchange, in Istio's default format (plus the trace id). */
export function accessLogLine(x: Exchange): string {
  const entry: AccessLogEntry = {
    startTime: new Date(x.started).toISOString(),
    method: x.method,
    path: x.path,
    protocol: x.protocol ?? 'HTTP/1.1',
    responseCode: x.status,
    responseFlags: x.flags,
    responseCodeDetails: x.details,
    connectionTerminationDetails: '-',
    upstreamTransportFailureReason: '-',
    bytesReceived: x.requestBytes,
    bytesSent: x.responseBytes,
    durationMs: x.durationMs,
    xForwardedFor: x.headers['x-forwarded-for'] ?? '-',
    userAgent: x.headers['user-agent'] ?? '-',
    requestId: x.requestId,
    authority: x.headers.host ?? x.headers[':authority'] ?? '-',
    upstreamHost: x.upstreamHost ?? '-',
    upstreamCluster: x.upstreamCluster,
    upstreamLocalAddress: '-',
    downstreamLocalAddress: x.downstreamLocal,
    downstreamRemoteAddress: x.downstreamRemote,
    requestedServerName: '-',
    routeName: x.routeName,
  };
  if (x.upstreamServiceTimeMs !== undefined) entry.upstreamServiceTimeMs = x.upstreamServiceTimeMs;
  if (x.traceId) entry.traceId = x.traceId;
  return formatAccessLog(entry);
}

/** Envoy's %RESPONSE_CODE_DETAILS% for what the shim did. */
export function codeDetails(flags: string, status: number): string {
  if (flags.includes('FI')) return 'fault_filter_abort';
  if (flags.includes('NR')) return 'route_not_found';
  if (flags.includes('NC')) return 'cluster_not_found';
  if (flags.includes('UH')) return 'no_healthy_upstream';
  if (flags.includes('UT')) return 'upstream_response_timeout';
  if (flags.includes('UF')) return 'upstream_reset_before_response_started{connection_failure}';
  if (flags.includes('UC')) return 'upstream_reset_before_response_started{connection_termination}';
  return status === 0 ? '-' : 'via_upstream';
}
