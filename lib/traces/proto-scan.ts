import { refusedMalformed, refusedTooLarge, type BodyBounds, type ScanResult } from './body-bounds';
import { OTLP_REQUEST, ZIPKIN_LIST, type FieldKind, type MessageShape } from './proto-shapes';

/*
 * A wire-level pre-scan of a protobuf span body: walks the fields without decoding them and counts the sub-messages
 * and spans protobufjs would allocate, refusing before decoding. protobufjs reads a known field by its declared type
 * whatever wire type the tag says, so the walk does the same (the shapes in proto-shapes.ts mirror the .proto files);
 * unknown fields are skipped by wire type. A sub-message must end inside its parent and groups are refused, so what
 * passes is parsed by protobufjs exactly as it was counted.
 */

export type ProtoLayout = 'otlp' | 'zipkin';

interface Frame {
  shape: MessageShape;
  end: number;
}

/**
 * Counts the messages, depth and spans of an OTLP ExportTraceServiceRequest or a Zipkin ListOfSpans and refuses the
 * body as soon as a count passes its bound or the wire format is broken. Linear in the bytes.
 */
export function scanProtoBody(buf: Uint8Array, layout: ProtoLayout, bounds: BodyBounds): ScanResult {
  const n = buf.length;
  let pos = 0;
  let messages = 0;
  let spans = 0;
  let containers = 0;
  const stack: Frame[] = [{ shape: layout === 'otlp' ? OTLP_REQUEST : ZIPKIN_LIST, end: n }];

  // A varint of at most `maxBytes`; -1 when longer or truncated. Values past 2^53 are not needed (only lengths are used).
  const varint = (maxBytes: number): number => {
    let value = 0;
    let mul = 1;
    for (let k = 0; k < maxBytes; k++) {
      if (pos >= n) return -1;
      const b = buf[pos++] as number;
      value += (b & 0x7f) * mul;
      if (b < 0x80) return value;
      mul *= 128;
    }
    return -1;
  };
  // protobufjs reads 32-bit varints as 5 bytes, or skips to 10 when the fifth continues: accept only those two forms.
  const varint32 = (): boolean => {
    const start = pos;
    if (varint(10) < 0) return false;
    const len = pos - start;
    return len <= 5 || len === 10;
  };

  for (;;) {
    let top = stack[stack.length - 1] as Frame;
    while (pos === top.end && stack.length > 1) {
      stack.pop();
      top = stack[stack.length - 1] as Frame;
    }
    if (pos >= top.end) break;
    const tag = varint(5);
    if (tag < 0) return refusedMalformed('malformed protobuf: bad field tag');
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    const kind: FieldKind | undefined = top.shape.fields[field];
    const readAs = kind ?? (wire === 0 ? 'varint64' : wire === 1 ? 'fixed64' : wire === 2 ? 'bytes' : wire === 5 ? 'fixed32' : undefined);
    if (readAs === undefined) return refusedMalformed(`malformed protobuf: wire type ${wire} (groups are not supported)`);
    if (readAs === 'varint64') {
      if (kind === undefined) {
        // protobufjs skips an unknown varint byte by byte, however long.
        while (pos < top.end && (buf[pos] as number) >= 0x80) pos++;
        pos++;
      } else if (varint(10) < 0) return refusedMalformed('malformed protobuf: bad varint');
    } else if (readAs === 'varint32') {
      if (!varint32()) return refusedMalformed('malformed protobuf: bad varint');
    } else if (readAs === 'fixed64') pos += 8;
    else if (readAs === 'fixed32') pos += 4;
    else {
      const len = varint(5);
      if (len < 0 || pos + len > top.end) return refusedMalformed('malformed protobuf: a length runs past the end of its message');
      if (readAs === 'bytes') pos += len;
      else {
        if (++messages > bounds.maxValuesPerRequest) return refusedTooLarge(`more than ${bounds.maxValuesPerRequest} protobuf messages in one request`);
        if (readAs.span && ++spans > bounds.maxSpansPerRequest) return refusedTooLarge(`more than ${bounds.maxSpansPerRequest} spans in one request; the limit is ${bounds.maxSpansPerRequest}`);
        if (readAs.container && ++containers > bounds.maxSpansPerRequest) return refusedTooLarge(`more than ${bounds.maxSpansPerRequest} resourceSpans/scopeSpans entries in one request`);
        if (stack.length > bounds.maxDepth) return refusedMalformed(`protobuf messages nested deeper than ${bounds.maxDepth} levels`);
        stack.push({ shape: readAs, end: pos + len });
      }
    }
    if (pos > top.end) return refusedMalformed('malformed protobuf: a field runs past the end of its message');
  }
  if (stack.length > 1 || pos !== n) return refusedMalformed('malformed protobuf: truncated');
  return { ok: true, spans, values: messages };
}
