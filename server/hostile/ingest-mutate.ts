/**
 * Seeded mutations of valid span bodies for the receiver fuzz run: structure-aware (a random node of the parsed
 * body replaced with a hostile value, removed or multiplied) and byte-level (flips, inserts, deletes, truncation,
 * splices). Deterministic for a seed, so a failure replays with MESHLENS_FUZZ_SEED.
 */
import { mulberry32 } from '../../lib/stats/simulate';

/** mulberry32: small, fast, good enough to drive a fuzzer. */
export function rng(seed: number): () => number {
  return mulberry32(seed);
}

export type Rand = () => number;
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: Rand, n: number) => Math.floor(r() * n);

const PROPERTY_NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', 'length'];
/** Span fields whose values the receivers interpret (ids, kinds, times, names): mutated more often than others. */
const SPAN_FIELDS = ['kind', 'traceId', 'id', 'spanId', 'parentId', 'timestamp', 'duration', 'startTimeUnixNano', 'endTimeUnixNano', 'name', 'serviceName', 'stringValue', 'intValue'];

/** A hostile value: odd numbers, property names, control characters, wrong types, big containers. */
function hostileValue(r: Rand, depth: number): unknown {
  switch (int(r, 16)) {
    case 0:
      return 1e308;
    case 1:
      return -1;
    case 2:
      return pick(r, [0, 1.5, 2 ** 53 + 1, -0, 4102444800000000, 4102444800000000000]);
    case 3:
      return pick(r, PROPERTY_NAMES);
    case 4:
      return 'a\u0000b\u0007';
    case 5:
      return 'x'.repeat(int(r, 20_000));
    case 6:
      return null;
    case 7:
      return pick(r, [true, false]);
    case 8:
      return depth < 4 ? Array.from({ length: int(r, 5) }, () => hostileValue(r, depth + 1)) : [];
    case 9:
      // No `length` key: protobufjs would trust it as a byte count and the test would build a 700 MB body itself.
      return depth < 4 ? Object.fromEntries(Array.from({ length: int(r, 4) }, () => [pick(r, [...PROPERTY_NAMES.filter((k) => k !== 'length'), 'k', 'stringValue', 'intValue']), hostileValue(r, depth + 1)])) : {};
    case 10:
      return pick(r, ['', 'zz', '0'.repeat(32), 'f'.repeat(33), 'AAAAAAAAAAAAAAAAAAAAAA==']);
    case 11:
      return Array.from({ length: int(r, 3000) }, () => ({}));
    case 12:
      return pick(r, ['SPAN_KIND_SERVER', 'CLIENT', 'SERVER', 'STATUS_CODE_ERROR', 'NaN', 'Infinity']);
    case 13:
      return String(int(r, 2 ** 31));
    case 14:
      return pick(r, [{ low: -1, high: -1 }, { low: 1, high: 2 ** 31 }]);
    default:
      // Property names again: they are what broke the kind lookup and the SQLite bind.
      return pick(r, PROPERTY_NAMES);
  }
}

type Node = Record<string, unknown> | unknown[];
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null;

/** Every container in the value, with the path depth (for a uniform pick). */
function containers(v: unknown, out: Node[] = [], depth = 0): Node[] {
  if (!isNode(v) || depth > 12) return out;
  out.push(v);
  for (const c of Array.isArray(v) ? v : Object.values(v)) containers(c, out, depth + 1);
  return out;
}

/** A structure-aware mutation of a JSON-shaped value (mutates a copy; `structuredClone` keeps Buffers as Uint8Array). */
export function mutateTree<T>(r: Rand, value: T, rounds = 1 + int(r, 3)): T {
  const copy = structuredClone(value);
  for (let k = 0; k < rounds; k++) {
    const nodes = containers(copy);
    const fielded = nodes.filter((n): n is Record<string, unknown> => !Array.isArray(n) && Object.keys(n).some((k) => SPAN_FIELDS.includes(k)));
    if (fielded.length && r() < 0.5) {
      // Aim at a field the receivers interpret.
      const node = pick(r, fielded);
      node[pick(r, Object.keys(node).filter((k) => SPAN_FIELDS.includes(k)))] = hostileValue(r, 0);
      continue;
    }
    const node = pick(r, nodes);
    if (Array.isArray(node)) {
      const op = int(r, 4);
      if (op === 0 && node.length) node.splice(int(r, node.length), 1);
      else if (op === 1 && node.length && nodes.length < 2000) {
        // Multiply an element, but only a small one in a small body: the bodies must stay bounded too.
        const item = node[int(r, node.length)];
        if ((JSON.stringify(item) ?? '').length < 4096) node.push(...Array.from({ length: int(r, 50) }, () => structuredClone(item)));
      }
      else if (node.length) node[int(r, node.length)] = hostileValue(r, 0);
      else node.push(hostileValue(r, 0));
    } else {
      const keys = Object.keys(node);
      const op = int(r, 4);
      if (op === 0 && keys.length) delete node[pick(r, keys)];
      else if (op === 1) node[pick(r, [...PROPERTY_NAMES.filter((k) => k !== 'length'), ...keys, 'kind', 'timestamp', 'traceId'])] = hostileValue(r, 0);
      else if (keys.length) {
        const known = keys.filter((k) => SPAN_FIELDS.includes(k));
        node[pick(r, known.length && r() < 0.7 ? known : keys)] = hostileValue(r, 0);
      }
    }
  }
  return copy;
}

/** Byte-level damage: flips, inserts, deletes, truncation, a spliced copy of a chunk. */
export function mutateBytes(r: Rand, input: Uint8Array): Buffer {
  let b = Buffer.from(input);
  const rounds = 1 + int(r, 4);
  for (let k = 0; k < rounds && b.length; k++) {
    const at = int(r, b.length);
    switch (int(r, 6)) {
      case 0:
        b[at] = (b[at] as number) ^ (1 << int(r, 8));
        break;
      case 1:
        b[at] = int(r, 256);
        break;
      case 2:
        b = Buffer.concat([b.subarray(0, at), Buffer.from([pick(r, [0x00, 0x0a, 0x0b, 0x12, 0x22, 0x5b, 0x7b, 0x5c, 0xff, 0x80])]), b.subarray(at)]);
        break;
      case 3:
        b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + int(r, 16)))]);
        break;
      case 4:
        b = b.subarray(0, at);
        break;
      default: {
        const len = 1 + int(r, Math.min(64, b.length - at));
        const chunk = b.subarray(at, at + len);
        const times = 1 + int(r, 200);
        b = Buffer.concat([b.subarray(0, at), ...Array.from({ length: times }, () => chunk), b.subarray(at)]);
      }
    }
  }
  return b;
}
