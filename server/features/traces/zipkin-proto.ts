import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';
import { bytesToHex } from '../../../lib/traces/ids';

/*
 * Zipkin proto3 (ListOfSpans) -> the Zipkin v2 JSON shape, so both encodings share one converter
 * (lib/traces/zipkin) and its checks.
 */

const root = protobuf.parse(readFileSync(new URL('./zipkin-proto3.proto', import.meta.url), 'utf8'), { keepCase: false }).root;
const ListOfSpans = root.lookupType('meshlens.zipkin.ListOfSpans');
const KINDS = [undefined, 'CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER'] as const;

type Msg = Record<string, unknown>;
const own = (m: Msg, k: string) => Object.prototype.hasOwnProperty.call(m, k) && m[k] !== undefined && m[k] !== null;

/** A uint64 from protobufjs (number or Long-like) as a number; µs since the epoch fit a double exactly. */
function u64(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null && 'low' in v && 'high' in v) {
    const { low, high } = v as { low: number; high: number };
    return (high >>> 0) * 4294967296 + (low >>> 0);
  }
  return undefined;
}

function ip(bytes: unknown): string | undefined {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) return undefined;
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length === 16) return (bytesToHex(bytes).match(/.{4}/g) ?? []).join(':');
  return undefined;
}

function endpoint(m: unknown): Msg | undefined {
  if (typeof m !== 'object' || m === null) return undefined;
  const e = m as Msg;
  const out: Msg = {};
  if (typeof e.serviceName === 'string' && e.serviceName) out.serviceName = e.serviceName;
  const v4 = ip(e.ipv4);
  const v6 = ip(e.ipv6);
  if (v4) out.ipv4 = v4;
  if (v6) out.ipv6 = v6;
  if (typeof e.port === 'number' && e.port) out.port = e.port;
  return out;
}

const hexId = (v: unknown): string | undefined => (v instanceof Uint8Array && v.length ? bytesToHex(v) : undefined);

/** Decodes a Zipkin proto3 ListOfSpans into Zipkin v2 JSON span objects; throws on malformed input. */
export function decodeZipkinProto(buf: Uint8Array): Msg[] {
  const list = ListOfSpans.decode(buf) as unknown as { spans: Msg[] };
  return list.spans.map((s) => {
    const out: Msg = {};
    const traceId = hexId(s.traceId);
    const id = hexId(s.id);
    const parentId = hexId(s.parentId);
    if (traceId) out.traceId = traceId;
    if (id) out.id = id;
    if (parentId) out.parentId = parentId;
    const kind = KINDS[typeof s.kind === 'number' ? s.kind : 0];
    if (kind) out.kind = kind;
    if (typeof s.name === 'string' && s.name) out.name = s.name;
    // Zero means absent in Zipkin's proto encoding.
    const ts = u64(s.timestamp);
    if (ts) out.timestamp = ts;
    const dur = u64(s.duration);
    if (dur) out.duration = dur;
    const local = own(s, 'localEndpoint') ? endpoint(s.localEndpoint) : undefined;
    const remote = own(s, 'remoteEndpoint') ? endpoint(s.remoteEndpoint) : undefined;
    if (local) out.localEndpoint = local;
    if (remote) out.remoteEndpoint = remote;
    const annotations = Array.isArray(s.annotations) ? (s.annotations as Msg[]) : [];
    if (annotations.length) out.annotations = annotations.map((a) => ({ timestamp: u64(a.timestamp) ?? 0, value: typeof a.value === 'string' ? a.value : '' }));
    if (own(s, 'tags') && typeof s.tags === 'object') out.tags = { ...(s.tags as Record<string, string>) };
    if (s.shared === true) out.shared = true;
    return out;
  });
}

/** Encodes Zipkin v2 JSON-shaped spans as proto3 (tests). */
export function encodeZipkinProto(spans: Msg[]): Uint8Array {
  return ListOfSpans.encode(ListOfSpans.fromObject({ spans })).finish();
}
