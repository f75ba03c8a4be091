/*
 * The field layout of the OTLP trace request and Zipkin proto3 ListOfSpans, as the pre-scan (proto-scan.ts) needs
 * it: how protobufjs reads each known field. Mirrors server/features/traces/otlp-trace.proto and zipkin-proto3.proto;
 * a field missing here is skipped by wire type, as protobufjs skips unknown fields.
 */

/** A sub-message, or how a scalar is read: 32-bit varints (enum, bool, int32, uint32), 64-bit ones, fixed, length-delimited. */
export type FieldKind = MessageShape | 'varint32' | 'varint64' | 'fixed32' | 'fixed64' | 'bytes';

export interface MessageShape {
  fields: Record<number, FieldKind>;
  /** Each one is a span (counted against maxSpansPerRequest). */
  span?: boolean;
  /** ResourceSpans / ScopeSpans entries (counted too: an empty one still costs an object). */
  container?: boolean;
}

const shape = (fields: Record<number, FieldKind>, extra: Omit<MessageShape, 'fields'> = {}): MessageShape => ({ fields, ...extra });

// AnyValue is recursive (arrays and kv lists of AnyValue): getters close the cycle without mutating anything.
const anyValue: MessageShape = {
  fields: Object.freeze({
    1: 'bytes',
    2: 'varint32',
    3: 'varint64',
    4: 'fixed64',
    get 5(): FieldKind {
      return arrayValue;
    },
    get 6(): FieldKind {
      return kvList;
    },
    7: 'bytes',
  }),
};
const keyValue = shape({ 1: 'bytes', 2: anyValue });
const arrayValue = shape({ 1: anyValue });
const kvList = shape({ 1: keyValue });

const event = shape({ 1: 'fixed64', 2: 'bytes', 3: keyValue, 4: 'varint32' });
const link = shape({ 1: 'bytes', 2: 'bytes', 3: 'bytes', 4: keyValue, 5: 'varint32', 6: 'fixed32' });
const status = shape({ 2: 'bytes', 3: 'varint32' });
const otlpSpan = shape(
  { 1: 'bytes', 2: 'bytes', 3: 'bytes', 4: 'bytes', 16: 'fixed32', 5: 'bytes', 6: 'varint32', 7: 'fixed64', 8: 'fixed64', 9: keyValue, 10: 'varint32', 11: event, 12: 'varint32', 13: link, 14: 'varint32', 15: status },
  { span: true },
);
const scope = shape({ 1: 'bytes', 2: 'bytes', 3: keyValue, 4: 'varint32' });
const scopeSpans = shape({ 1: scope, 2: otlpSpan, 3: 'bytes' }, { container: true });
const resource = shape({ 1: keyValue, 2: 'varint32' });
const resourceSpans = shape({ 1: resource, 2: scopeSpans, 3: 'bytes' }, { container: true });

/** ExportTraceServiceRequest. */
export const OTLP_REQUEST: MessageShape = shape({ 1: resourceSpans });

const endpoint = shape({ 1: 'bytes', 2: 'bytes', 3: 'bytes', 4: 'varint32' });
const annotation = shape({ 1: 'fixed64', 2: 'bytes' });
const tagEntry = shape({ 1: 'bytes', 2: 'bytes' });
const zipkinSpan = shape(
  { 1: 'bytes', 2: 'bytes', 3: 'bytes', 4: 'varint32', 5: 'bytes', 6: 'fixed64', 7: 'varint64', 8: endpoint, 9: endpoint, 10: annotation, 11: tagEntry, 12: 'varint32', 13: 'varint32' },
  { span: true },
);

/** Zipkin proto3 ListOfSpans. */
export const ZIPKIN_LIST: MessageShape = shape({ 1: zipkinSpan });
