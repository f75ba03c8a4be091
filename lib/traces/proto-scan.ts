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

// How a field is read, as small integers (the walk is hot: array lookups, no closures).
const UNKNOWN = 0;
const VARINT32 = 1;
const VARINT64 = 2;
const FIXED32 = 3;
const FIXED64 = 4;
const BYTES = 5;
const MESSAGE = 6;

interface Compiled {
  /** Read mode per field number (UNKNOWN past the end). */
  modes: Uint8Array;
  children: (Compiled | undefined)[];
  span: boolean;
  container: boolean;
}

const MODE: Record<Exclude<FieldKind, MessageShape>, number> = { varint32: VARINT32, varint64: VARINT64, fixed32: FIXED32, fixed64: FIXED64, bytes: BYTES };

function compile(shape: MessageShape, seen: Map<MessageShape, Compiled>): Compiled {
  const done = seen.get(shape);
  if (done) return done;
  const numbers = Object.keys(shape.fields).map(Number);
  const c: Compiled = { modes: new Uint8Array(Math.max(0, ...numbers) + 1), children: [], span: shape.span === true, container: shape.container === true };
  seen.set(shape, c);
  for (const f of numbers) {
    const kind = shape.fields[f] as FieldKind;
    if (typeof kind === 'string') c.modes[f] = MODE[kind];
    else {
      c.modes[f] = MESSAGE;
      c.children[f] = compile(kind, seen);
    }
  }
  return c;
}

const ROOTS: Record<ProtoLayout, Compiled> = { otlp: compile(OTLP_REQUEST, new Map()), zipkin: compile(ZIPKIN_LIST, new Map()) };

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
  const shapes: Compiled[] = [ROOTS[layout]];
  const ends: number[] = [n];
  let shape = ROOTS[layout];
  let end = n;

  for (;;) {
    while (pos === end && shapes.length > 1) {
      shapes.pop();
      ends.pop();
      shape = shapes[shapes.length - 1] as Compiled;
      end = ends[ends.length - 1] as number;
    }
    if (pos >= end) break;
    // The tag: a varint of at most 5 bytes.
    let tag = 0;
    let mul = 1;
    let k = 0;
    for (; k < 5 && pos < end; k++) {
      const b = buf[pos++] as number;
      tag += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
    }
    if (k === 5 || (buf[pos - 1] as number) >= 0x80) return refusedMalformed('malformed protobuf: bad field tag');
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    let mode = field < shape.modes.length ? (shape.modes[field] as number) : UNKNOWN;
    const known = mode !== UNKNOWN;
    if (!known) mode = wire === 0 ? VARINT64 : wire === 1 ? FIXED64 : wire === 2 ? BYTES : wire === 5 ? FIXED32 : UNKNOWN;
    if (mode === UNKNOWN) return refusedMalformed(`malformed protobuf: wire type ${wire} (groups are not supported)`);
    if (mode === VARINT32 || mode === VARINT64) {
      const start = pos;
      if (!known) {
        // protobufjs skips an unknown varint byte by byte, however long.
        while (pos < end && (buf[pos] as number) >= 0x80) pos++;
        pos++;
      } else {
        while (pos < end && pos - start < 10 && (buf[pos] as number) >= 0x80) pos++;
        pos++;
        const len = pos - start;
        // protobufjs reads 32-bit varints as 5 bytes, or skips to 10 when the fifth continues: only those two forms.
        if (len > 10 || (buf[pos - 1] as number) >= 0x80 || (mode === VARINT32 && len > 5 && len !== 10)) return refusedMalformed('malformed protobuf: bad varint');
      }
    } else if (mode === FIXED64) pos += 8;
    else if (mode === FIXED32) pos += 4;
    else {
      let len = 0;
      mul = 1;
      for (k = 0; k < 5 && pos < end; k++) {
        const b = buf[pos++] as number;
        len += (b & 0x7f) * mul;
        if (b < 0x80) break;
        mul *= 128;
      }
      if (k === 5 || (buf[pos - 1] as number) >= 0x80 || pos + len > end) return refusedMalformed('malformed protobuf: a length runs past the end of its message');
      if (mode === BYTES) pos += len;
      else {
        const child = shape.children[field] as Compiled;
        if (++messages > bounds.maxValuesPerRequest) return refusedTooLarge(`more than ${bounds.maxValuesPerRequest} protobuf messages in one request`);
        if (child.span && ++spans > bounds.maxSpansPerRequest) return refusedTooLarge(`more than ${bounds.maxSpansPerRequest} spans in one request; the limit is ${bounds.maxSpansPerRequest}`);
        if (child.container && ++containers > bounds.maxSpansPerRequest) return refusedTooLarge(`more than ${bounds.maxSpansPerRequest} resourceSpans/scopeSpans entries in one request`);
        if (shapes.length > bounds.maxDepth) return refusedMalformed(`protobuf messages nested deeper than ${bounds.maxDepth} levels`);
        shapes.push(child);
        ends.push(pos + len);
        shape = child;
        end = pos + len;
        continue;
      }
    }
    if (pos > end) return refusedMalformed('malformed protobuf: a field runs past the end of its message');
  }
  if (shapes.length > 1 || pos !== n) return refusedMalformed('malformed protobuf: truncated');
  return { ok: true, spans, values: messages };
}
