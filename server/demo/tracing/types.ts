/**
 * The seam between the demo's sidecar shim (which plays Envoy) and span reporting.
 * The shim calls startServer on every inbound request and startClient on every outbound one;
 * the tracer decides the wire format per workload (B3 + Zipkin v2 JSON, or W3C traceparent + OTLP).
 */

/** Header map as the shim passes it around (lower-case names). */
export type HeaderMap = Record<string, string>;

export interface TracedWorkload {
  name: string;
  namespace: string;
  app: string;
  version?: string;
  /** Which propagation and exporter this workload's proxy/app uses. */
  tracing: 'zipkin' | 'otlp';
  /** Sidecar-less callers do not report spans. */
  sidecar: boolean;
}

export interface RequestInfo {
  method: string;
  /** Authority as the caller addressed it, e.g. `reviews:9080`. */
  host: string;
  path: string;
  protocol: 'http' | 'grpc' | 'tcp';
}

export interface SpanResult {
  statusCode: number;
  /** Envoy response flags, `-` when none. */
  responseFlags: string;
  /** Envoy cluster name, e.g. `outbound|9080|v1|reviews.bookinfo.svc.cluster.local`. */
  upstreamCluster: string;
  /** The peer workload (`reviews-v2`) and address. */
  peerWorkload?: string;
  peerAddress?: string;
  requestSize?: number;
  responseSize?: number;
}

export interface ActiveSpan {
  /** Headers to pass on: to the app (server span) or upstream (client span). */
  headers: HeaderMap;
  end(result: SpanResult): void;
}

export interface DemoTracer {
  startServer(workload: TracedWorkload, incoming: HeaderMap, req: RequestInfo): ActiveSpan;
  startClient(workload: TracedWorkload, forwarded: HeaderMap, req: RequestInfo): ActiveSpan;
  /** Sends what is buffered; called on shutdown. */
  flush(): Promise<void>;
}

/** The trace headers Bookinfo's apps copy from their inbound request to every outbound call. */
export const FORWARDED_TRACE_HEADERS = [
  'x-request-id',
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-parentspanid',
  'x-b3-sampled',
  'x-b3-flags',
  'b3',
  'traceparent',
  'tracestate',
  'x-ot-span-context',
] as const;

/** A tracer that reports nothing but still passes headers through (used until tracing is wired, and in tests). */
export const noopTracer: DemoTracer = {
  startServer: (_w, incoming) => ({ headers: { ...incoming }, end: () => undefined }),
  startClient: (_w, forwarded) => ({ headers: { ...forwarded }, end: () => undefined }),
  flush: async () => undefined,
};
