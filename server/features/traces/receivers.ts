import type { Logger } from 'pino';
import { fromOtlp } from '../../../lib/traces/otlp';
import { fromZipkin } from '../../../lib/traces/zipkin';
import { DEFAULT_SPAN_LIMITS, type ConvertResult, type Span, type SpanLimits } from '../../../lib/traces/model';
import { HttpError } from '../../http/errors';
import type { ApiRequest, ApiResponse, Route } from '../../http/router';
import { StoreClosedError, StoreOverloadedError } from '../../stores/traces/write-queue';
import { readBody, type BodyLimits } from './body';
import type { IngestMetrics, IngestProtocol, RequestRefusal } from './metrics';
import { decodeOtlpRequest, encodeOtlpResponse } from './otlp-proto';
import { decodeZipkinProto } from './zipkin-proto';

export interface ReceiverLimits extends BodyLimits {
  maxSpansPerRequest: number;
  /** Requests being read or converted at once; more get 429 + Retry-After. */
  maxConcurrentRequests: number;
  span: SpanLimits;
}

export const DEFAULT_RECEIVER_LIMITS: ReceiverLimits = {
  maxWireBytes: 8 * 1024 * 1024,
  maxBodyBytes: 32 * 1024 * 1024,
  maxSpansPerRequest: 20_000,
  maxConcurrentRequests: 64,
  span: DEFAULT_SPAN_LIMITS,
};

export interface ReceiverDeps {
  append(spans: readonly Span[]): Promise<void>;
  metrics: IngestMetrics;
  log: Logger;
  limits: ReceiverLimits;
}

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

/**
 * The span receivers: Zipkin v2 JSON at /api/v2/spans (Envoy's Zipkin tracer) and OTLP/HTTP
 * (JSON and protobuf) at /v1/traces. A 2xx is sent only after the spans are committed.
 */
export function receiverRoutes(deps: ReceiverDeps): Route[] {
  let inFlight = 0;

  const refuse = (protocol: IngestProtocol, reason: RequestRefusal, err: HttpError): never => {
    deps.metrics.refusedRequest(protocol, reason);
    throw err;
  };

  /** Shared path: admission, body, conversion, commit. Returns what was kept and refused. */
  async function ingest(req: ApiRequest, protocol: IngestProtocol, convert: (body: Buffer) => ConvertResult): Promise<ConvertResult> {
    if (inFlight >= deps.limits.maxConcurrentRequests) {
      req.raw.resume();
      refuse(protocol, 'overloaded', new HttpError('too_many_requests', `more than ${deps.limits.maxConcurrentRequests} span requests in flight; retry later`, undefined, { 'retry-after': RETRY_AFTER_S }));
    }
    inFlight++;
    try {
      let body: Buffer;
      try {
        body = await readBody(req.raw, deps.limits);
      } catch (err) {
        if (err instanceof HttpError) refuse(protocol, err.code === 'payload_too_large' ? 'too_large' : err.code === 'unsupported_media_type' ? 'unsupported' : 'malformed', err);
        throw err;
      }
      let result: ConvertResult;
      try {
        result = convert(body);
      } catch (err) {
        if (err instanceof HttpError) throw err;
        return refuse(protocol, 'malformed', new HttpError('bad_request', `malformed ${PROTOCOL_NAMES[protocol]} body: ${(err as Error).message}`));
      }
      const total = result.spans.length + result.rejected.length;
      if (total > deps.limits.maxSpansPerRequest) {
        refuse(protocol, 'too_large', new HttpError('payload_too_large', `${total} spans in one request; the limit is ${deps.limits.maxSpansPerRequest}`));
      }
      for (const r of result.rejected) deps.metrics.rejected(protocol, r.reason, 1);
      if (result.rejected.length) deps.log.debug({ protocol, rejected: result.rejected.length, first: result.rejected[0]?.message }, 'spans rejected');
      try {
        await deps.append(result.spans);
      } catch (err) {
        deps.metrics.rejected(protocol, err instanceof StoreOverloadedError ? 'overloaded' : 'store_error', result.spans.length);
        if (err instanceof StoreOverloadedError || err instanceof StoreClosedError) {
          refuse(protocol, 'overloaded', new HttpError('unavailable', `trace store is busy: ${err.message}; retry later`, undefined, { 'retry-after': RETRY_AFTER_S }));
        }
        deps.log.error({ err, protocol }, 'trace store write failed');
        refuse(protocol, 'store_error', new HttpError('unavailable', 'trace store write failed; retry later', undefined, { 'retry-after': RETRY_AFTER_S }));
      }
      deps.metrics.received(protocol, result.spans.length);
      return result;
    } finally {
      inFlight--;
    }
  }

  const zipkin = async (req: ApiRequest): Promise<ApiResponse> => {
    const type = mediaType(req);
    const proto = type === 'application/x-protobuf' || type === 'application/protobuf';
    if (!proto && type !== '' && type !== 'application/json' && type !== 'text/plain') {
      req.raw.resume();
      refuse('zipkin', 'unsupported', new HttpError('unsupported_media_type', `Content-Type ${type} is not supported here; send Zipkin v2 JSON (application/json) or proto3 (application/x-protobuf)`));
    }
    const result = await ingest(req, proto ? 'zipkin_proto' : 'zipkin', (body) => {
      const parsed = proto ? decodeZipkinProto(body) : (JSON.parse(body.toString('utf8')) as unknown);
      const r = fromZipkin(parsed, deps.limits.span);
      // Zipkin has no partial success: a batch where nothing is usable is a client error.
      if (r.spans.length === 0 && r.rejected.length > 0) throw new HttpError('bad_request', r.rejected[0]!.message + (r.rejected.length > 1 ? ` (and ${r.rejected.length - 1} more)` : ''));
      return r;
    });
    void result;
    return { status: 202, text: '', contentType: 'text/plain' };
  };

  const otlp = async (req: ApiRequest): Promise<ApiResponse> => {
    const type = mediaType(req);
    const proto = type === 'application/x-protobuf' || type === 'application/protobuf';
    if (!proto && type !== 'application/json') {
      req.raw.resume();
      refuse('otlp_json', 'unsupported', new HttpError('unsupported_media_type', `Content-Type ${JSON.stringify(type)} is not supported; send application/x-protobuf or application/json`));
    }
    const result = await ingest(req, proto ? 'otlp_proto' : 'otlp_json', (body) =>
      fromOtlp(proto ? decodeOtlpRequest(body) : (JSON.parse(body.toString('utf8')) as unknown), deps.limits.span),
    );
    const rejected = result.rejected.length;
    const message = rejected ? `${rejected} of ${rejected + result.spans.length} spans rejected; first: ${result.rejected[0]!.message}` : '';
    if (proto) return { status: 200, text: Buffer.from(encodeOtlpResponse(rejected, message)), contentType: 'application/x-protobuf' };
    return { status: 200, body: rejected ? { partialSuccess: { rejectedSpans: String(rejected), errorMessage: message } } : {} };
  };

  return [
    { method: 'POST', path: '/api/v2/spans', handler: zipkin, csrf: false },
    { method: 'POST', path: '/v1/traces', handler: otlp, csrf: false },
  ];
}
