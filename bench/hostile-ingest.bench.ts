/**
 * Span-ingest attacks (issue 12) against a real server, each under the health probe of server/testing/hostile.ts:
 * - hostile_ingest.<attack>.refuse_ms: from sending the attack to its refusal (ms);
 * - hostile_ingest.<attack>.worst_health_ms: the slowest /api/health answer meanwhile (ms; the bar is 1000);
 * - hostile_ingest.json_scan_<size>.ns_per_byte and proto_scan_<size>: the pre-scan's cost per byte on valid bodies
 *   of growing size (flat figures mean the cost grows linearly).
 */
import type { Emit } from './run';
import { scanJsonBody } from '../lib/traces/json-scan';
import { INGEST_LIMITS } from '../lib/limits/ingest';
import { scanProtoBody } from '../lib/traces/proto-scan';
import { emptyOtlpJsonSpans, emptyOtlpProtoSpans, emptyZipkinProtoSpans, emptyZipkinSpans, gzip, otlpJson, otlpProto, otlpProtoAttributeFlood, post, slowUpload, zipkinSpan, type Answer } from '../server/hostile/ingest-attacks';
import { startApiServer } from '../server/testing/api-server';
import { underAttack } from '../server/testing/hostile';

const JSON_TYPE = { 'content-type': 'application/json' };
const PROTO = { 'content-type': 'application/x-protobuf' };
const GZ = { 'content-encoding': 'gzip' };

function scanCost(emit: Emit): void {
  const bounds = { ...INGEST_LIMITS, maxSpansPerRequest: Number.MAX_SAFE_INTEGER, maxValuesPerRequest: Number.MAX_SAFE_INTEGER };
  const nowUs = Date.now() * 1000;
  const cases = [2_000, 8_000, 32_000].flatMap((spans) => {
    const json = Buffer.from(JSON.stringify(Array.from({ length: spans }, (_, i) => zipkinSpan('ab'.repeat(16), i, nowUs))));
    const proto = otlpProto('cd'.repeat(16), spans, nowUs);
    return [
      { name: `json_scan_${spans}_spans`, body: json, scan: () => scanJsonBody(json, 'zipkin', bounds) },
      { name: `proto_scan_${spans}_spans`, body: proto, scan: () => scanProtoBody(proto, 'otlp', bounds) },
    ];
  });
  // Warm up (JIT) on every size first, so the smallest body does not pay for compilation.
  for (let k = 0; k < 3; k++) for (const c of cases) c.scan();
  for (const { name, body, scan } of cases) {
    let best = Infinity;
    for (let pass = 0; pass < 7; pass++) {
      const t0 = performance.now();
      if (!scan().ok) throw new Error(`${name} refused a valid body`);
      best = Math.min(best, performance.now() - t0);
    }
    emit({ bench: `hostile_ingest.${name}.ns_per_byte`, value: Number(((best * 1e6) / body.length).toFixed(2)), unit: 'ns/byte' });
  }
}

export default async function hostileIngestBench(emit: Emit): Promise<void> {
  scanCost(emit);
  const fx = await startApiServer();
  try {
    const attacks: [string, number, () => Promise<Answer>][] = [];
    const add = (name: string, status: number, body: Buffer, path: string, headers: Record<string, string>) => attacks.push([name, status, () => post(fx.url, path, headers, body)]);
    const eightMb = emptyZipkinSpans(Math.floor((8 * 1024 * 1024 - 2) / 3));
    add('zipkin_10m_empty_gzip', 413, gzip(emptyZipkinSpans(10_000_000)), '/api/v2/spans', { ...JSON_TYPE, ...GZ });
    add('otlp_json_10m_empty_gzip', 413, gzip(emptyOtlpJsonSpans(10_000_000)), '/v1/traces', { ...JSON_TYPE, ...GZ });
    add('zipkin_8mb_text_plain', 415, eightMb, '/api/v2/spans', { 'content-type': 'text/plain' });
    add('zipkin_8mb_json', 413, eightMb, '/api/v2/spans', JSON_TYPE);
    add('otlp_json_1m_empty_spans', 413, emptyOtlpJsonSpans(1_000_000), '/v1/traces', JSON_TYPE);
    add('otlp_proto_1m_empty_spans', 413, emptyOtlpProtoSpans(1_000_000), '/v1/traces', PROTO);
    add('zipkin_proto_1m_empty_spans', 413, emptyZipkinProtoSpans(1_000_000), '/api/v2/spans', PROTO);
    add('otlp_proto_3m_attributes_gzip', 413, gzip(otlpProtoAttributeFlood(3_000_000)), '/v1/traces', { ...PROTO, ...GZ });
    add('json_nested_1m', 400, gzip(Buffer.from('['.repeat(1_000_000))), '/v1/traces', { ...JSON_TYPE, ...GZ });
    add('gzip_bomb_64mb', 413, gzip(Buffer.alloc(64 * 1024 * 1024, 0x20)), '/v1/traces', { ...JSON_TYPE, ...GZ });
    add('zipkin_kind_constructor', 202, Buffer.from(JSON.stringify([zipkinSpan('ee'.repeat(16), 0, Date.now() * 1000, { kind: 'constructor' })])), '/api/v2/spans', JSON_TYPE);
    add('otlp_timestamp_2100', 200, Buffer.from(JSON.stringify(otlpJson('ef'.repeat(16), 1, 4_102_444_800_000_000))), '/v1/traces', JSON_TYPE);
    for (const [name, status, run] of attacks) {
      const r = await underAttack(fx.url, run);
      if (r.value.status !== status) throw new Error(`${name}: expected ${status}, got ${r.value.status}: ${r.value.body.slice(0, 200)}`);
      emit({ bench: `hostile_ingest.${name}.${status < 300 ? 'answer_ms' : 'refuse_ms'}`, value: Number(r.elapsedMs.toFixed(1)), unit: 'ms' });
      emit({ bench: `hostile_ingest.${name}.worst_health_ms`, value: Number(r.worstHealthMs.toFixed(1)), unit: 'ms' });
    }

    // 64 uploads trickling one byte every 500 ms from one address: another client's request is answered at once.
    const slow = Array.from({ length: 64 }, () => slowUpload(fx.url, '/v1/traces', 500));
    try {
      await new Promise((res) => setTimeout(res, 500));
      const r = await underAttack(fx.url, () => post(fx.url, '/v1/traces', PROTO, otlpProto('fe'.repeat(16), 3, Date.now() * 1000), { localAddress: '127.0.0.2' }));
      if (r.value.status !== 200) throw new Error(`other client during slow uploads: ${r.value.status}`);
      emit({ bench: 'hostile_ingest.other_client_during_64_slow_uploads.answer_ms', value: Number(r.elapsedMs.toFixed(1)), unit: 'ms' });
      emit({ bench: 'hostile_ingest.other_client_during_64_slow_uploads.worst_health_ms', value: Number(r.worstHealthMs.toFixed(1)), unit: 'ms' });
    } finally {
      for (const s of slow) s.stop();
    }
  } finally {
    await fx.close();
  }
}
