import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';

/*
 * OTLP protobuf codec, built once from otlp-trace.proto. Decoding walks the wire format with
 * protobufjs's generated reader; the decoded message goes straight to lib/traces/otlp's walker.
 */

const root = protobuf.parse(readFileSync(new URL('./otlp-trace.proto', import.meta.url), 'utf8'), { keepCase: false }).root;
const Request = root.lookupType('meshlens.otlp.ExportTraceServiceRequest');
const Response = root.lookupType('meshlens.otlp.ExportTraceServiceResponse');

/** Decodes an ExportTraceServiceRequest; throws on truncated or malformed input. */
export function decodeOtlpRequest(buf: Uint8Array): unknown {
  return Request.decode(buf);
}

/** Encodes an ExportTraceServiceRequest from a plain object (tests and the bench build payloads with it). */
export function encodeOtlpRequest(obj: Record<string, unknown>): Uint8Array {
  return Request.encode(Request.fromObject(obj)).finish();
}

/** Encodes an ExportTraceServiceResponse, with partial success when spans were rejected. */
export function encodeOtlpResponse(rejectedSpans: number, errorMessage: string): Uint8Array {
  const body = rejectedSpans > 0 ? { partialSuccess: { rejectedSpans, errorMessage } } : {};
  return Response.encode(Response.fromObject(body)).finish();
}

/** Decodes an ExportTraceServiceResponse into plain JSON-style values (tests). */
export function decodeOtlpResponse(buf: Uint8Array): Record<string, unknown> {
  return Response.toObject(Response.decode(buf), { longs: Number }) as Record<string, unknown>;
}
