import { randomBytes, randomUUID } from 'node:crypto';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { extractB3, extractW3C, injectB3, injectW3C, type TraceContext } from '../../../lib/traces/propagation';
import { istioTags, operationName } from './istio-tags';
import { OtelWorkloads } from './otel-workloads';
import type { ActiveSpan, DemoTracer, HeaderMap, RequestInfo, SpanResult, TracedWorkload } from './types';
import { ZipkinReporter } from './zipkin-reporter';

export interface DemoTracerOptions {
  /** The Meshlens server the spans go to, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  log: Logger;
}

const ZERO_64 = '0000000000000000';
const nowMs = () => performance.timeOrigin + performance.now();
const randomHex = (bytes: number) => randomBytes(bytes).toString('hex');

/** B3 carries a 64-bit trace id in its short form when the high half is zero, as Envoy sends it. */
const b3TraceId = (id: string) => (id.startsWith(ZERO_64) ? id.slice(16) : id);

function passthrough(headers: HeaderMap): ActiveSpan {
  return { headers: { ...headers }, end: () => undefined };
}

/**
 * The context headers a hop passes on: B3 (what Envoy's Zipkin tracer and Bookinfo's apps use) and
 * W3C `traceparent` together, so the next hop joins whichever format it speaks.
 */
function contextHeaders(incoming: HeaderMap, ctx: TraceContext, parentSpanId: string | undefined, requestId: string): HeaderMap {
  const out: HeaderMap = { ...incoming, ...injectB3({ ...ctx, traceId: b3TraceId(ctx.traceId) }, parentSpanId), ...injectW3C(ctx), 'x-request-id': requestId };
  if (!parentSpanId) delete out['x-b3-parentspanid'];
  if (out.b3 !== undefined) out.b3 = `${b3TraceId(ctx.traceId)}-${ctx.spanId}-1${parentSpanId ? `-${parentSpanId}` : ''}`;
  delete out['x-b3-flags'];
  return out;
}

/**
 * The demo's tracer: each sidecar reports a server span for every inbound request and a client span
 * for every outbound one, as Envoy does. `zipkin` workloads speak B3 and post Zipkin v2 JSON
 * batches to /api/v2/spans; `otlp` workloads use the OpenTelemetry SDK (W3C trace context, OTLP
 * protobuf to /v1/traces). Both read either header format, so one request is one trace.
 */
export function createDemoTracer(opts: DemoTracerOptions): DemoTracer & { stop(): Promise<void> } {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const zipkin = new ZipkinReporter(`${base}/api/v2/spans`, opts.log);
  const otel = new OtelWorkloads(`${base}/v1/traces`);

  function start(kind: 'server' | 'client', w: TracedWorkload, incoming: HeaderMap, req: RequestInfo): ActiveSpan {
    if (!w.sidecar) return passthrough(incoming);
    const extracted = w.tracing === 'zipkin' ? (extractB3(incoming) ?? extractW3C(incoming)) : (extractW3C(incoming) ?? extractB3(incoming));
    if (extracted && 'sampledOut' in extracted) return passthrough(incoming);
    const parent = extracted?.context;
    const requestId = incoming['x-request-id'] ?? randomUUID();
    const name = operationName(w, req);
    let ended = false;

    if (w.tracing === 'zipkin') {
      // Envoy's Zipkin tracer starts 64-bit traces unless told otherwise.
      const ctx: TraceContext = { traceId: parent?.traceId ?? ZERO_64 + randomHex(8), spanId: randomHex(8), sampled: true };
      const startMs = nowMs();
      return {
        headers: contextHeaders(incoming, ctx, parent?.spanId, requestId),
        end(result: SpanResult) {
          if (ended) return;
          ended = true;
          const [ip, port] = (result.peerAddress ?? '').split(/:(?=\d+$)/);
          zipkin.report({
            traceId: b3TraceId(ctx.traceId),
            id: ctx.spanId,
            ...(parent ? { parentId: parent.spanId } : {}),
            kind: kind === 'server' ? 'SERVER' : 'CLIENT',
            name,
            timestamp: Math.round(startMs * 1000),
            duration: Math.max(1, Math.round((nowMs() - startMs) * 1000)),
            localEndpoint: { serviceName: `${w.app}.${w.namespace}`, ipv4: '127.0.0.1' },
            ...(ip && /^[\d.]+$/.test(ip) ? { remoteEndpoint: { ipv4: ip, ...(port ? { port: Number(port) } : {}) } } : {}),
            tags: istioTags(w, req, result, requestId),
          });
        },
      };
    }

    const parentCtx = parent ? trace.setSpanContext(ROOT_CONTEXT, { traceId: parent.traceId, spanId: parent.spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true }) : ROOT_CONTEXT;
    const span = otel.tracer(w).startSpan(name, { kind: kind === 'server' ? SpanKind.SERVER : SpanKind.CLIENT, startTime: nowMs() }, parentCtx);
    const sc = span.spanContext();
    return {
      headers: contextHeaders(incoming, { traceId: sc.traceId, spanId: sc.spanId, sampled: true }, parent?.spanId, requestId),
      end(result: SpanResult) {
        if (ended) return;
        ended = true;
        const tags = istioTags(w, req, result, requestId);
        delete tags.error;
        span.setAttributes({ ...tags, 'http.status_code': result.statusCode });
        if (result.statusCode >= 500 || result.statusCode === 0) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${result.statusCode} ${result.responseFlags}` });
        span.end(nowMs());
      },
    };
  }

  return {
    startServer: (w, incoming, req) => start('server', w, incoming, req),
    startClient: (w, forwarded, req) => start('client', w, forwarded, req),
    async flush() {
      await Promise.all([zipkin.flush(), otel.flush()]);
    },
    async stop() {
      await Promise.all([zipkin.flush(), otel.shutdown()]);
      zipkin.stop();
    },
  };
}
