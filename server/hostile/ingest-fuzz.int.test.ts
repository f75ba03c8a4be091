/**
 * A seeded, bounded fuzz run per span receiver (Zipkin JSON, Zipkin proto3, OTLP JSON, OTLP protobuf): valid bodies
 * mutated structure-aware and byte-wise, sometimes gzipped, four in flight, against a real server. Fails on any 5xx,
 * any answer slower than ANSWER_MS, or a health stall of a second. The seed is printed with every failure;
 * MESHLENS_FUZZ_SEED replays one, MESHLENS_FUZZ_MS sets the time per receiver (default 10 s).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeOtlpRequest } from '../features/traces/otlp-proto';
import { encodeZipkinProto } from '../features/traces/zipkin-proto';
import { startApiServer, type ApiFixture } from '../testing/api-server';
import { underAttack } from '../testing/hostile';
import { gzip, otlpJson, post, zipkinSpan } from './ingest-attacks';
import { mutateBytes, mutateTree, pick, rng, type Rand } from './ingest-mutate';

const SEED = Number(process.env.MESHLENS_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUN_MS = Number(process.env.MESHLENS_FUZZ_MS ?? 10_000);
const ANSWER_MS = 3000;
const IN_FLIGHT = 4;

let fx: ApiFixture;
beforeAll(async () => {
  fx = await startApiServer();
});
afterAll(() => fx?.close());

interface Receiver {
  name: string;
  path: string;
  contentType: string;
  /** A mutated body from the seeded stream. */
  body(r: Rand): Buffer;
}

const nowUs = () => Date.now() * 1000;
const hex = (r: Rand, width: number) => Array.from({ length: width }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');

function zipkinBatch(r: Rand): Record<string, unknown>[] {
  const trace = hex(r, pick(r, [16, 32]));
  return Array.from({ length: 1 + Math.floor(r() * 6) }, (_, i) => zipkinSpan(trace, i, nowUs(), { annotations: [{ timestamp: nowUs(), value: 'cs' }], remoteEndpoint: { ipv4: '10.0.0.9', port: 9080 } }));
}

function otlpRequest(r: Rand): Record<string, unknown> {
  const req = otlpJson(hex(r, 32), 1 + Math.floor(r() * 6), nowUs(), {
    events: [{ timeUnixNano: `${nowUs()}000`, name: 'ev', attributes: [{ key: 'a', value: { arrayValue: { values: [{ intValue: '5' }, { kvlistValue: { values: [{ key: 'k', value: { doubleValue: 1.5 } }] } }] } } }] }],
    status: { code: 2, message: 'boom' },
    links: [{ traceId: hex(r, 32), spanId: hex(r, 16) }],
  });
  return req;
}

/** The OTLP request with ids as bytes, as protobufjs encodes them. */
function toProtoShape(req: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(req) as { resourceSpans?: { scopeSpans?: { spans?: Record<string, unknown>[] }[] }[] };
  for (const rs of copy.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) for (const k of ['traceId', 'spanId']) if (typeof s[k] === 'string') s[k] = Buffer.from(s[k] as string, 'hex');
  return copy as Record<string, unknown>;
}

function zipkinProtoShape(spans: Record<string, unknown>[]): Record<string, unknown>[] {
  return spans.map((s) => ({ ...s, traceId: Buffer.from(String(s.traceId), 'hex'), id: Buffer.from(String(s.id), 'hex'), ...(s.parentId ? { parentId: Buffer.from(String(s.parentId), 'hex') } : {}), kind: s.kind === 'CLIENT' ? 1 : 2, localEndpoint: { serviceName: 'fuzz.ns', ipv4: Buffer.from([10, 0, 0, 1]) }, remoteEndpoint: undefined }));
}

/** Half structure-aware, half byte-level; a proto encode that refuses the mutated tree falls back to bytes. */
function mutated(r: Rand, tree: unknown, encode: (v: unknown) => Uint8Array): Buffer {
  if (r() < 0.5) {
    try {
      return Buffer.from(encode(mutateTree(r, tree)));
    } catch {
      // protobufjs refused the shape: damage the valid encoding instead.
    }
  }
  return mutateBytes(r, encode(tree));
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const RECEIVERS: Receiver[] = [
  { name: 'Zipkin JSON', path: '/api/v2/spans', contentType: 'application/json', body: (r) => mutated(r, zipkinBatch(r), json) },
  { name: 'Zipkin proto3', path: '/api/v2/spans', contentType: 'application/x-protobuf', body: (r) => mutated(r, zipkinProtoShape(zipkinBatch(r)), (v) => encodeZipkinProto(v as Record<string, unknown>[])) },
  { name: 'OTLP JSON', path: '/v1/traces', contentType: 'application/json', body: (r) => mutated(r, otlpRequest(r), json) },
  { name: 'OTLP protobuf', path: '/v1/traces', contentType: 'application/x-protobuf', body: (r) => mutated(r, toProtoShape(otlpRequest(r)), (v) => encodeOtlpRequest(v as Record<string, unknown>)) },
];

describe(`span receiver fuzz (seed ${SEED}; replay with MESHLENS_FUZZ_SEED=${SEED})`, () => {
  it.each(RECEIVERS.map((rc, i) => [rc.name, rc, i] as const))('%s: no 5xx, no slow answer, no stall', async (_name, rc, i) => {
    const r = rng(SEED + i);
    const failures: string[] = [];
    const counts: Record<number, number> = {};
    let sent = 0;
    const deadline = performance.now() + RUN_MS;
    const attack = await underAttack(fx.url, async () => {
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async (_, lane) => {
          while (performance.now() < deadline && failures.length === 0) {
            const n = sent++;
            let body = rc.body(r);
            const gz = r() < 0.2;
            if (gz) body = gzip(body);
            const headers: Record<string, string> = { 'content-type': rc.contentType, ...(gz ? { 'content-encoding': 'gzip' } : {}) };
            // Spread over client addresses so the per-client rate limit answers few of them.
            const localAddress = `127.0.0.${10 + ((n * IN_FLIGHT + lane) % 40)}`;
            const t0 = performance.now();
            try {
              const a = await post(fx.url, rc.path, headers, body, { localAddress, timeoutMs: ANSWER_MS * 3 });
              const ms = performance.now() - t0;
              counts[a.status] = (counts[a.status] ?? 0) + 1;
              if (a.status >= 500 || a.status < 200) failures.push(`request ${n}: ${a.status} ${a.body.slice(0, 200)}; body (base64, ${body.length} bytes): ${body.subarray(0, 300).toString('base64')}`);
              else if (ms > ANSWER_MS) failures.push(`request ${n}: answered ${a.status} after ${ms.toFixed(0)} ms (bound ${ANSWER_MS})`);
            } catch (err) {
              failures.push(`request ${n}: no answer: ${(err as Error).message}`);
            }
          }
        }),
      );
    });
    const msg = `seed ${SEED} (MESHLENS_FUZZ_SEED=${SEED}), ${rc.name}, ${sent} requests, statuses ${JSON.stringify(counts)}`;
    console.warn(`${msg}, worst health ${attack.worstHealthMs.toFixed(0)} ms`);
    expect(failures, `${msg}\n${failures.slice(0, 5).join('\n')}`).toEqual([]);
    expect(attack.worstHealthMs, msg).toBeLessThan(1000);
    expect(sent, msg).toBeGreaterThan(20);
    // Some mutations must still be accepted, or the run only exercised the first check.
    expect((counts[200] ?? 0) + (counts[202] ?? 0), msg).toBeGreaterThan(0);
  }, RUN_MS + 30_000);

  it('still ingests and serves a good span afterwards', async () => {
    const id = 'fa00000000000000000000000000000f';
    expect((await post(fx.url, '/api/v2/spans', { 'content-type': 'application/json' }, JSON.stringify([zipkinSpan(id, 0, nowUs())]), { localAddress: '127.0.0.3' })).status).toBe(202);
    expect((await fx.call('GET', `/api/traces/${id}`)).status).toBe(200);
  });
});
