import type { Logger } from 'pino';
import type { IngestLimits } from '../../../lib/limits/ingest';
import { scanJsonBody } from '../../../lib/traces/json-scan';
import { DEFAULT_SPAN_LIMITS, type ConvertResult, type Span, type SpanLimits, type TimeWindow } from '../../../lib/traces/model';
import { fromOtlp } from '../../../lib/traces/otlp';
import { scanProtoBody } from '../../../lib/traces/proto-scan';
import { fromZipkin } from '../../../lib/traces/zipkin';
import { HttpError } from '../../http/errors';
import type { ApiRequest, ApiResponse, Route } from '../../http/router';
import { TraceFullError, type AppendOptions, type AppendResult } from '../../stores/traces/trace-store';
import { StoreClosedError, StoreOverloadedError } from '../../stores/traces/write-queue';
import { BodyTimeoutError, readBody } from './body';
import { ClientSlots } from './client-slots';
import type { IngestMetrics, IngestProtocol, RequestRefusal } from './metrics';
import { decodeOtlpRequest, encodeOtlpResponse } from './otlp-proto';
import { decodeZipkinProto } from './zipkin-proto';

/** The receivers' bounds: lib/limits/ingest plus the per-span size caps. */
export interface ReceiverLimits extends IngestLimits {
  span: SpanLimits;
}

export interface ReceiverDeps {
  append(spans: readonly Span[], opts?: AppendOptions): Promise<AppendResult>;
  metrics: IngestMetrics;
  log: Logger;
  limits: ReceiverLimits;
  /** Wall clock, ms: spans more than `maxFutureSkewMs` ahead of it are refused. */
  now(): number;
}

/** The receiver limits for a set of ingest limits (config.limits.ingest). */
export const receiverLimits = (ingest: IngestLimits, span: SpanLimits = DEFAULT_SPAN_LIMITS): ReceiverLimits => ({ ...ingest, span });

const RETRY_AFTER_S = '2';

const PROTOCOL_NAMES: Record<IngestProtocol, string> = {
  zipkin: 'Zipkin v2 JSON',
  zipkin_proto: 'Zipkin proto3',
  otlp_json: 'OTLP JSON',
  otlp_proto: 'OTLP protobuf',
};

function mediaType(req: ApiRequest): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

const isProto = (type: string) => type === 'application/x-protobuf' || type === 'application/protobuf';

const summary = (rejected: ConvertResult['rejected'], total: number) =>
  `${rejected.length} of ${total} spans rejected; first: ${rejected[0]!.message}` + (rejected.length > 1 ? ` (and ${rejected.length - 1} more)` : '');

/**
 * The span receivers: Zipkin v2 (JSON or proto3) at /api/v2/spans (Envoy's Zipkin tracer) and OTLP/HTTP (JSON and
 * protobuf) at /v1/traces. A 2xx is sent only after the spans are committed. Every body is pre-scanned against the
 * span, value and depth limits before it is parsed; only JSON and protobuf content types are read (a web page can
 * send text/plain cross-site without asking, but not these).
 */
export function receiverRoutes(deps: ReceiverDeps): Route[] {
  const slots = new ClientSlots(deps.limits.maxConcurrentRequests, deps.limits.maxConcurrentPerClient);

  const refuse = (protocol: IngestProtocol, reason: RequestRefusal, err: HttpError): never => {
    deps.metrics.refusedRequest(protocol, reason);
    throw err;
  };

  const window = (): TimeWindow => ({ minUs: deps.limits.minSpanTimeMs * 1000, maxUs: (deps.now() + deps.limits.maxFutureSkewMs) * 1000 });

  /** Shared path: admission, body, pre-scan, parse, conversion. Returns the converted spans (not yet stored). */
  async function receive(req: ApiRequest, protocol: IngestProtocol, decode: (body: Buffer) => unknown, convert: (parsed: unknown) => ConvertResult): Promise<ConvertResult> {
    const client = req.raw.socket.remoteAddress ?? 'unknown';
    const full = slots.take(client);
    if (full) {
      req.raw.resume();
      refuse(protocol, 'overloaded', new HttpError('too_many_requests', full, undefined, { 'retry-after': RETRY_AFTER_S }));
    }
    try {
      let body: Buffer;
      try {
        body = await readBody(req.raw, deps.limits);
      } catch (err) {
        if (err instanceof BodyTimeoutError) {
          // The client is still trickling: answer, then drop the connection rather than read the rest.
          req.res.once('finish', () => req.raw.socket.destroy());
          refuse(protocol, 'timeout', new HttpError('bad_request', err.message, undefined, { connection: 'close' }));
        }
        if (err instanceof HttpError) refuse(protocol, err.code === 'payload_too_large' ? 'too_large' : err.code === 'unsupported_media_type' ? 'unsupported' : 'malformed', err);
        throw err;
      }
      let parsed: unknown;
      try {
        parsed = decode(body);
      } catch (err) {
        if (err instanceof HttpError) refuse(protocol, err.code === 'payload_too_large' ? 'too_large' : 'malformed', err);
        return refuse(protocol, 'malformed', new HttpError('bad_request', `malformed ${PROTOCOL_NAMES[protocol]} body: ${(err as Error).message}`));
      }
      let result: ConvertResult;
      try {
        result = convert(parsed);
      } catch (err) {
        if (err instanceof HttpError) throw err;
        return refuse(protocol, 'malformed', new HttpError('bad_request', `malformed ${PROTOCOL_NAMES[protocol]} body: ${(err as Error).message}`));
      }
      const total = result.spans.length + result.rejected.length;
      // The pre-scan already bounded this; kept as a check on the converters.
      if (total > deps.limits.maxSpansPerRequest) refuse(protocol, 'too_large', new HttpError('payload_too_large', `${total} spans in one request; the limit is ${deps.limits.maxSpansPerRequest}`));
      for (const r of result.rejected) deps.metrics.rejected(protocol, r.reason, 1);
      if (result.rejected.length) deps.log.debug({ protocol, rejected: result.rejected.length, first: result.rejected[0]?.message }, 'spans rejected');
      return result;
    } finally {
      slots.release(client);
    }
  }

  /** Commits; refusals from the store become 503/400 with metrics. */
  async function store(protocol: IngestProtocol, spans: Span[], atomic: boolean): Promise<AppendResult> {
    try {
      const r = await deps.append(spans, { atomic });
      if (r.traceFull.length) deps.metrics.rejected(protocol, 'trace_full', r.traceFull.length);
      deps.metrics.received(protocol, spans.length - r.traceFull.length);
      return r;
    } catch (err) {
      if (err instanceof TraceFullError) {
        deps.metrics.rejected(protocol, 'trace_full', err.refused);
        return refuse(protocol, 'malformed', new HttpError('bad_request', `${err.message}; nothing of this request was stored`));
      }
      deps.metrics.rejected(protocol, err instanceof StoreOverloadedError ? 'overloaded' : 'store_error', spans.length);
      if (err instanceof StoreOverloadedError || err instanceof StoreClosedError) {
        refuse(protocol, 'overloaded', new HttpError('unavailable', `trace store is busy: ${err.message}; retry later`, undefined, { 'retry-after': RETRY_AFTER_S }));
      }
      deps.log.error({ err, protocol }, 'trace store write failed');
      return refuse(protocol, 'store_error', new HttpError('unavailable', 'trace store write failed; retry later', undefined, { 'retry-after': RETRY_AFTER_S }));
    }
  }

  const bounded = (r: ReturnType<typeof scanJsonBody>) => {
    if (!r.ok) throw new HttpError(r.tooLarge ? 'payload_too_large' : 'bad_request', r.message);
  };

  const zipkin = async (req: ApiRequest): Promise<ApiResponse> => {
    const type = mediaType(req);
    const proto = isProto(type);
    if (!proto && type !== 'application/json') {
      req.raw.resume();
      refuse('zipkin', 'unsupported', new HttpError('unsupported_media_type', `Content-Type ${JSON.stringify(type)} is not accepted here; send Zipkin v2 JSON (application/json) or proto3 (application/x-protobuf)`));
    }
    const protocol = proto ? 'zipkin_proto' : 'zipkin';
    const decode = (body: Buffer): unknown => {
      if (proto) {
        bounded(scanProtoBody(body, 'zipkin', deps.limits));
        return decodeZipkinProto(body);
      }
      bounded(scanJsonBody(body, 'zipkin', deps.limits));
      return JSON.parse(body.toString('utf8')) as unknown;
    };
    const r = await receive(req, protocol, decode, (parsed) => fromZipkin(parsed, deps.limits.span, window()));
    // Zipkin has no partial success: a batch with an unusable span is refused whole, saying why, and nothing is stored.
    if (r.rejected.length) refuse(protocol, 'malformed', new HttpError('bad_request', `${summary(r.rejected, r.spans.length + r.rejected.length)}; nothing of this request was stored`));
    await store(protocol, r.spans, true);
    return { status: 202, text: '', contentType: 'text/plain' };
  };

  const otlp = async (req: ApiRequest): Promise<ApiResponse> => {
    const type = mediaType(req);
    const proto = isProto(type);
    if (!proto && type !== 'application/json') {
      req.raw.resume();
      refuse('otlp_json', 'unsupported', new HttpError('unsupported_media_type', `Content-Type ${JSON.stringify(type)} is not accepted; send application/x-protobuf or application/json`));
    }
    const protocol = proto ? 'otlp_proto' : 'otlp_json';
    const decode = (body: Buffer): unknown => {
      if (proto) {
        bounded(scanProtoBody(body, 'otlp', deps.limits));
        return decodeOtlpRequest(body);
      }
      bounded(scanJsonBody(body, 'otlp', deps.limits));
      return JSON.parse(body.toString('utf8')) as unknown;
    };
    const r = await receive(req, protocol, decode, (parsed) => fromOtlp(parsed, deps.limits.span, window()));
    const { traceFull } = await store(protocol, r.spans, false);
    const rejected = [...r.rejected, ...traceFull.map((i) => ({ index: i, reason: 'trace_full' as const, message: `span ${r.spans[i]!.spanId}: trace ${r.spans[i]!.traceId} already holds ${deps.limits.maxSpansPerTrace} spans (the per-trace limit)` }))];
    const total = r.spans.length + r.rejected.length;
    const message = rejected.length ? summary(rejected, total) : '';
    if (proto) return { status: 200, text: Buffer.from(encodeOtlpResponse(rejected.length, message)), contentType: 'application/x-protobuf' };
    return { status: 200, body: rejected.length ? { partialSuccess: { rejectedSpans: String(rejected.length), errorMessage: message } } : {} };
  };

  return [
    { method: 'POST', path: '/api/v2/spans', handler: zipkin, csrf: false },
    { method: 'POST', path: '/v1/traces', handler: otlp, csrf: false },
  ];
}
