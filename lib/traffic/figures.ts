/**
 * Traffic figures over a selection, from the same GraphTelemetry rows the graph reads, with the one reporter rule
 * (reporter.ts), the one error rule (error-rule.ts), the one mTLS rule (mtls.ts) and the window the rows were
 * taken over. Request rate and count, errors by class and flag, latency quantiles and the histogram (summed buckets,
 * the graph's responseTime arithmetic), HTTP body and TCP throughput, mTLS share, and the peers behind them.
 */
import type { Protocol } from '../api/graph';
import type { TrafficFiguresWire } from '../api/traffic-figures';
import { normaliseRow, type NormalisedRow } from '../graph/build-traffic';
import { isOK } from '../graph/node-id';
import type { GraphTelemetry, HistogramRow, TelemetryRow } from '../graph/telemetry';
import { BucketSum } from '../metrics/histogram';
import { classifyResponse, DEFAULT_ERROR_POLICY, FAILURE_FLAGS, type ErrorClass, type ErrorPolicy } from './error-rule';
import { isMutualTls } from './mtls';
import { countsRow } from './reporter';

/** Most peers a figure lists. */
export const MAX_PEERS = 20;

type Classes = Record<Exclude<ErrorClass, 'ok'>, number>;

interface ProtocolSums {
  rate: number;
  errorRate: number;
  byClass: Classes;
  flags: Map<string, number>;
}

const noClasses = (): Classes => ({ 'no-response': 0, '5xx': 0, '4xx': 0, grpc: 0, flag: 0 });
const protocolSums = (): ProtocolSums => ({ rate: 0, errorRate: 0, byClass: noClasses(), flags: new Map() });

/** Running sums for one selection; {@link finish} turns them into figures. */
export interface FigureSums {
  protocols: Set<Protocol>;
  requests: number;
  errors: number;
  byProtocol: { http: ProtocolSums; grpc: ProtocolSums };
  byClass: Classes;
  flags: Map<string, number>;
  mtlsRequests: number;
  tcpBytes: number;
  mtlsTcpBytes: number;
  httpBytes: number;
  latency: BucketSum;
  /** By `protocol|name`. */
  peers: Map<string, { requests: number; errors: number }>;
}

export function emptySums(): FigureSums {
  return {
    protocols: new Set(),
    requests: 0,
    errors: 0,
    byProtocol: { http: protocolSums(), grpc: protocolSums() },
    byClass: noClasses(),
    flags: new Map(),
    mtlsRequests: 0,
    tcpBytes: 0,
    mtlsTcpBytes: 0,
    httpBytes: 0,
    latency: new BucketSum(),
    peers: new Map(),
  };
}

/** The name a peer goes by: the destination service for calls, the calling workload (or app) for callers. */
export function peerOf(n: NormalisedRow, side: 'source' | 'dest'): string {
  if (side === 'dest') return isOK(n.dest.service) ? n.dest.service : isOK(n.dest.workload) ? n.dest.workload : n.host;
  return isOK(n.source.workload) ? n.source.workload : isOK(n.source.app) ? n.source.app : 'unknown callers';
}

/** A normalised, counted row of one telemetry list (the reporter rule applied). */
export interface CountedRow<R> {
  n: NormalisedRow;
  row: R;
}

/**
 * The rows of one list that count under the reporter rule: by exchange and outcome for request and TCP rows, by
 * exchange for the others (they carry no outcome). `keep` pre-filters (a selection), so large meshes scan once.
 */
export function countedRows<R extends { labels: TelemetryRow['labels'] }>(rows: readonly R[], byOutcome: boolean, keep: (n: NormalisedRow) => boolean, protocol?: Protocol): CountedRow<R>[] {
  const picked: CountedRow<R>[] = [];
  const atDestination = new Set<string>();
  for (const row of rows) {
    const n = normaliseRow(row.labels, protocol);
    if (!n || !keep(n)) continue;
    picked.push({ n, row });
    if (n.reporter === 'destination') atDestination.add(byOutcome ? n.dedupKey : n.pairKey);
  }
  return picked.filter(({ n }) => countsRow(n.reporter, n.reporter === 'source' && atDestination.has(byOutcome ? n.dedupKey : n.pairKey)));
}

/** Adds a counted request row. */
export function addRequest(s: FigureSums, n: NormalisedRow, labels: TelemetryRow['labels'], rate: number, peer: string, policy: ErrorPolicy): void {
  if (!(rate > 0) || !Number.isFinite(rate)) return;
  s.protocols.add(n.protocol);
  s.requests += rate;
  const bp = n.protocol === 'grpc' ? s.byProtocol.grpc : s.byProtocol.http;
  bp.rate += rate;
  if (isMutualTls(labels)) s.mtlsRequests += rate;
  const cls = classifyResponse(n.protocol, n.code, n.flags, policy);
  const key = `${n.protocol}|${peer}`;
  const p = s.peers.get(key) ?? (s.peers.set(key, { requests: 0, errors: 0 }).get(key) as { requests: number; errors: number });
  p.requests += rate;
  if (cls === 'ok') return;
  s.errors += rate;
  bp.errorRate += rate;
  bp.byClass[cls] += rate;
  s.byClass[cls] += rate;
  p.errors += rate;
  for (const f of n.flags.split(',')) {
    if (!FAILURE_FLAGS.has(f)) continue;
    s.flags.set(f, (s.flags.get(f) ?? 0) + rate);
    bp.flags.set(f, (bp.flags.get(f) ?? 0) + rate);
  }
}

export function addTcp(s: FigureSums, labels: TelemetryRow['labels'], rate: number): void {
  if (!(rate > 0) || !Number.isFinite(rate)) return;
  s.protocols.add('tcp');
  s.tcpBytes += rate;
  if (isMutualTls(labels)) s.mtlsTcpBytes += rate;
}

export function addBuckets(s: FigureSums, h: HistogramRow): void {
  s.latency.add(h.les, h.rates);
}

const q = (b: BucketSum, phi: number): number | null => {
  const v = b.quantile(phi);
  return Number.isFinite(v) && v >= 0 ? Math.round(v * 100) / 100 : null;
};

const r3 = (v: number) => Math.round(v * 1000) / 1000;

/** The latency histogram over the window: per-bucket counts (not cumulative), `+Inf` last. */
export function histogramOf(b: BucketSum, durationSec: number): { bounds: (number | '+Inf')[]; counts: number[] } {
  const bounds: (number | '+Inf')[] = [];
  const counts: number[] = [];
  let prev = 0;
  b.les.forEach((le, i) => {
    const cum = Math.max(prev, (b.rates[i] as number) * durationSec);
    bounds.push(le === Infinity ? '+Inf' : le);
    counts.push(r3(cum - prev));
    prev = cum;
  });
  return { bounds, counts };
}

/** Turns sums into the wire figures. */
export function finish(s: FigureSums, durationSec: number): TrafficFiguresWire {
  const mtlsBase = s.requests > 0 ? s.requests : s.tcpBytes;
  const mtls = s.requests > 0 ? s.mtlsRequests : s.mtlsTcpBytes;
  const classes = (c: Classes) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, r3(v)])) as Classes;
  const flags = (m: Map<string, number>) => Object.fromEntries([...m].sort((a, b) => b[1] - a[1]).map(([f, v]) => [f, r3(v)]));
  const proto = (p: ProtocolSums) => ({ rate: r3(p.rate), errorRate: r3(p.errorRate), byClass: classes(p.byClass), flags: flags(p.flags) });
  const byClass = classes(s.byClass);
  return {
    protocols: (['http', 'grpc', 'tcp'] as const).filter((p) => s.protocols.has(p)),
    requests: { rate: r3(s.requests), count: Math.round(s.requests * durationSec) },
    errors: { rate: r3(s.errors), count: Math.round(s.errors * durationSec), percent: s.requests > 0 ? Math.round((s.errors / s.requests) * 10000) / 100 : null, byClass },
    byProtocol: { http: proto(s.byProtocol.http), grpc: proto(s.byProtocol.grpc) },
    flags: flags(s.flags),
    latency: { p50: q(s.latency, 0.5), p95: q(s.latency, 0.95), p99: q(s.latency, 0.99), histogram: histogramOf(s.latency, durationSec) },
    throughput: { httpBytesPerSec: r3(s.httpBytes), tcpBytesPerSec: r3(s.tcpBytes) },
    mtlsPercent: mtlsBase > 0 ? Math.min(100, Math.round((mtls / mtlsBase) * 1000) / 10) : null,
    peers: [...s.peers]
      .sort((a, b) => b[1].errors - a[1].errors || b[1].requests - a[1].requests || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_PEERS)
      .map(([key, p]) => {
        const bar = key.indexOf('|');
        return { name: key.slice(bar + 1), protocol: key.slice(0, bar) as Protocol, requests: r3(p.requests), errors: r3(p.errors) };
      }),
  };
}

/**
 * Figures for every group a row belongs to, in one pass over the telemetry: `groupsOf` names the groups of a
 * normalised row (none: the row is not selected) and the peer it stands for in each.
 */
export function deriveGroups(t: GraphTelemetry, groupsOf: (n: NormalisedRow) => readonly (readonly [string, string])[], policy: ErrorPolicy = DEFAULT_ERROR_POLICY): Map<string, FigureSums> {
  const out = new Map<string, FigureSums>();
  const memo = new WeakMap<NormalisedRow, readonly (readonly [string, string])[]>();
  const groups = (n: NormalisedRow) => memo.get(n) ?? (memo.set(n, groupsOf(n)).get(n) as readonly (readonly [string, string])[]);
  const sums = (k: string) => out.get(k) ?? (out.set(k, emptySums()).get(k) as FigureSums);
  const keep = (n: NormalisedRow) => groups(n).length > 0;
  for (const { n, row } of countedRows(t.requests, true, keep)) for (const [k, peer] of groups(n)) addRequest(sums(k), n, row.labels, row.value, peer, policy);
  for (const { n, row } of countedRows(t.tcp, true, keep, 'tcp')) for (const [k] of groups(n)) addTcp(sums(k), row.labels, row.value);
  for (const { n, row } of countedRows(t.durationBuckets, false, keep)) if (n.protocol !== 'tcp') for (const [k] of groups(n)) addBuckets(sums(k), row);
  for (const { n, row } of countedRows(t.throughput, false, keep)) {
    if (n.protocol === 'tcp' || !(row.value > 0)) continue;
    for (const [k] of groups(n)) sums(k).httpBytes += row.value;
  }
  return out;
}
