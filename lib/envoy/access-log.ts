/**
 * Envoy access-log entries as Istio writes them (`meshConfig.accessLogFile: /dev/stdout`): the default TEXT format
 *
 *   [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS%
 *   %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED%
 *   %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%"
 *   "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER% %UPSTREAM_LOCAL_ADDRESS%
 *   %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME% %ROUTE_NAME%
 *
 * optionally followed by ` "%TRACE_ID%"` (what Istio's docs add to link a line to its trace), and the JSON encoding
 * (`accessLogEncoding: JSON`) with Istio's keys (`start_time`, `method`, `response_code`, ...).
 */

/** One proxied request as the access log records it. Absent values are Envoy's `-`. */
export interface AccessLogEntry {
  /** RFC 3339 with milliseconds, as Envoy prints %START_TIME%. */
  startTime: string;
  method: string;
  path: string;
  protocol: string;
  /** 0 when the downstream went away before a response (Envoy prints 0). */
  responseCode: number;
  /** Envoy response flags (`UH`, `UF,URX`, `NR`...); `-` when none. */
  responseFlags: string;
  responseCodeDetails: string;
  connectionTerminationDetails: string;
  upstreamTransportFailureReason: string;
  bytesReceived: number;
  bytesSent: number;
  /** Total ms from the first byte in to the last byte out. */
  durationMs: number;
  /** x-envoy-upstream-service-time, ms; undefined when no upstream answered. */
  upstreamServiceTimeMs?: number;
  xForwardedFor: string;
  userAgent: string;
  requestId: string;
  authority: string;
  upstreamHost: string;
  /** `outbound|PORT|SUBSET|HOST` or `inbound|PORT||`. */
  upstreamCluster: string;
  upstreamLocalAddress: string;
  downstreamLocalAddress: string;
  downstreamRemoteAddress: string;
  requestedServerName: string;
  routeName: string;
  /** %TRACE_ID% when the format carries it (lower-case hex). */
  traceId?: string;
}

const dash = (s: string | undefined): string => (s === undefined || s === '' ? '-' : s);
const quoted = (s: string | undefined): string => `"${dash(s).replace(/"/g, '\\"')}"`;

/** One line in Istio's default TEXT format (plus the trace id when there is one), without the newline. */
export function formatAccessLog(e: AccessLogEntry): string {
  return [
    `[${e.startTime}]`,
    `"${e.method} ${e.path} ${e.protocol}"`,
    String(e.responseCode),
    dash(e.responseFlags),
    dash(e.responseCodeDetails),
    dash(e.connectionTerminationDetails),
    quoted(e.upstreamTransportFailureReason),
    String(e.bytesReceived),
    String(e.bytesSent),
    String(Math.round(e.durationMs)),
    e.upstreamServiceTimeMs === undefined ? '-' : String(Math.round(e.upstreamServiceTimeMs)),
    quoted(e.xForwardedFor),
    quoted(e.userAgent),
    quoted(e.requestId),
    quoted(e.authority),
    quoted(e.upstreamHost),
    dash(e.upstreamCluster),
    dash(e.upstreamLocalAddress),
    dash(e.downstreamLocalAddress),
    dash(e.downstreamRemoteAddress),
    dash(e.requestedServerName),
    dash(e.routeName),
    ...(e.traceId ? [quoted(e.traceId)] : []),
  ].join(' ');
}
