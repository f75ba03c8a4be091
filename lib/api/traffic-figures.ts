/**
 * Wire contract of the traffic figures (lib/traffic derives them; every page shows these, none derives its own).
 *
 * - `GET /api/namespaces/{ns}/services/{service}/traffic?duration=60s&queryTime=<unix s>` → {@link ServiceTrafficFigures}:
 *   the service's inbound figures, its health with the reason, per version inbound/outbound figures, health and the
 *   canary evidence (counts over the window and a latency histogram), and the requests that failed at the source
 *   proxy and reached no version (fault-injected aborts and the like) with their flags.
 * - `GET /api/traffic/item?namespaces=a,b&id=<graph node or edge id>&duration=60s` → {@link ItemTrafficFigures}: the
 *   side panel's figures for one node (inbound and outbound) or edge, with health and reason.
 * - `GET /api/overview/traffic?duration=60s` → {@link OverviewTraffic}: per namespace, requests received at every hop
 *   and entry requests (from outside the namespace), what it sends, health with the reason of the worst workload.
 *
 * Rates are per second over the window; counts are rate × window. Latency in ms. An unknown namespace is a 404.
 * `bounds` end with `"+Inf"` on the wire (JSON has no Infinity); parsing turns it into `Infinity`.
 */
import { z } from 'zod';
import { HEALTH_STATUSES, PROTOCOLS } from './graph';
import { healthReasonSchema } from './health';

const num = z.number();

export const errorClassRatesSchema = z.object({ 'no-response': num, '5xx': num, '4xx': num, grpc: num, flag: num });

const protocolRatesSchema = z.object({ rate: num, errorRate: num, byClass: errorClassRatesSchema, flags: z.record(z.string(), num) });

/** Histogram of request durations over the window: `counts[i]` requests took at most `bounds[i]` ms and more than `bounds[i-1]` (not cumulative). */
export const latencyHistogramSchema = z.object({
  bounds: z.array(z.union([num, z.literal('+Inf')])).transform((b) => b.map((x) => (x === '+Inf' ? Infinity : x))),
  counts: z.array(num),
});

export const trafficFiguresSchema = z.object({
  /** Protocols with traffic in the window. */
  protocols: z.array(z.enum(PROTOCOLS)),
  /** HTTP and gRPC requests. */
  requests: z.object({ rate: num, count: num }),
  /** Failed requests by the one error rule (lib/traffic/error-rule); `percent` null without requests. */
  errors: z.object({ rate: num, count: num, percent: num.nullable(), byClass: errorClassRatesSchema }),
  /** Requests/s and failed requests/s per request protocol (health judges each protocol by its own tolerance). */
  byProtocol: z.object({ http: protocolRatesSchema, grpc: protocolRatesSchema }),
  /** Failed requests/s by Envoy response flag (`FI`, `UH`, …). */
  flags: z.record(z.string(), num),
  latency: z.object({ p50: num.nullable(), p95: num.nullable(), p99: num.nullable(), histogram: latencyHistogramSchema }),
  /** Bytes/s: HTTP response (or request) bodies, and TCP bytes sent. */
  throughput: z.object({ httpBytesPerSec: num, tcpBytesPerSec: num }),
  /** Share of requests (of TCP bytes where there are no requests) over mutual TLS, percent; null without traffic. */
  mtlsPercent: num.nullable(),
  /** Who sent (inbound) or received (outbound) the requests, most errors first (at most 20). */
  peers: z.array(z.object({ name: z.string(), protocol: z.enum(PROTOCOLS), requests: num, errors: num })),
});
export type TrafficFigures = z.infer<typeof trafficFiguresSchema>;
export type TrafficFiguresWire = z.input<typeof trafficFiguresSchema>;

export const healthVerdictSchema = z.object({ status: z.enum(HEALTH_STATUSES), reason: healthReasonSchema.optional() });

/** What the canary verdict consumes for one version (inbound requests over the window). */
export const canaryEvidenceSchema = z.object({
  version: z.string(),
  /** Requests over the window (a count). */
  requests: num,
  failures: num,
  latency: latencyHistogramSchema,
});
export type CanaryEvidence = z.infer<typeof canaryEvidenceSchema>;

export const versionTrafficSchema = z.object({
  version: z.string(),
  workload: z.string(),
  /** The version's node id in a versioned-app graph (for the metrics endpoint's charts). */
  nodeId: z.string(),
  /** Share of the requests the service routed to its versions that this one received, percent (0 without any). */
  share: num,
  inbound: trafficFiguresSchema,
  outbound: trafficFiguresSchema,
  health: healthVerdictSchema,
  evidence: canaryEvidenceSchema,
});

export const serviceTrafficFiguresSchema = z.object({
  namespace: z.string(),
  service: z.string(),
  /** Window, seconds, ending at `timestamp` (unix s). */
  duration: num,
  timestamp: num,
  /** Every request to the service, served or not. */
  inbound: trafficFiguresSchema,
  /** Every call the service's versions made (their outbound, summed by lib/traffic). */
  outbound: trafficFiguresSchema,
  /** Inbound health (Kiali's service health); versions carry their own, outbound included. */
  health: healthVerdictSchema,
  versions: z.array(versionTrafficSchema),
  /** Requests that failed at the source proxy and reached no version (source telemetry, destination_workload unknown). */
  unserved: z.object({
    requests: num,
    rate: num,
    /** Share of the service's requests, percent (null without requests). */
    percent: num.nullable(),
    /** Requests (counts) by Envoy response flag. */
    flags: z.record(z.string(), num),
    /** Requests (counts) by response code. */
    codes: z.record(z.string(), num),
  }),
});
export type ServiceTrafficFigures = z.infer<typeof serviceTrafficFiguresSchema>;
export type ServiceTrafficFiguresWire = z.input<typeof serviceTrafficFiguresSchema>;

export const itemTrafficFiguresSchema = z.object({
  id: z.string(),
  kind: z.enum(['node', 'edge']),
  duration: num,
  timestamp: num,
  /** Node: what it received; edge: the edge's requests. */
  inbound: trafficFiguresSchema,
  /** Node: what it sent (absent for an edge). */
  outbound: trafficFiguresSchema.optional(),
  health: healthVerdictSchema,
});
export type ItemTrafficFigures = z.infer<typeof itemTrafficFiguresSchema>;
export type ItemTrafficFiguresWire = z.input<typeof itemTrafficFiguresSchema>;

export const namespaceTrafficSchema = z.object({
  namespace: z.string(),
  /** Requests received by the namespace's workloads and services, at every hop. */
  inbound: trafficFiguresSchema,
  /** Requests entering the namespace from outside it (another namespace, or a caller outside the mesh). */
  entry: z.object({ rate: num, errorRate: num, percent: num.nullable() }),
  /** Requests its workloads sent (to any namespace). */
  outbound: trafficFiguresSchema,
  /** The worst workload health, with that workload's reason. */
  health: healthVerdictSchema.extend({ item: z.string().optional() }),
  /** Per service of the namespace: every request to it (served or not), its failed share and inbound health. */
  services: z.array(z.object({ service: z.string(), rate: num, errorPercent: num.nullable(), health: healthVerdictSchema })),
  /** Workloads that are Degraded or Failure, with their reasons. */
  unhealthy: z.array(z.object({ workload: z.string(), health: healthVerdictSchema })),
  /** Every workload of the namespace with telemetry (at most 500): what it received and sent, and its health. */
  workloads: z
    .array(
      z.object({
        workload: z.string(),
        inbound: z.object({ rate: num, errorRate: num, percent: num.nullable(), tcpBytesPerSec: num }),
        outbound: z.object({ rate: num, errorRate: num, percent: num.nullable(), tcpBytesPerSec: num }),
        health: healthVerdictSchema,
      }),
    )
    .default([]),
});
export type NamespaceTraffic = z.infer<typeof namespaceTrafficSchema>;

export const overviewTrafficSchema = z.object({
  duration: num,
  timestamp: num,
  namespaces: z.array(namespaceTrafficSchema),
});
export type OverviewTraffic = z.infer<typeof overviewTrafficSchema>;
export type OverviewTrafficWire = z.input<typeof overviewTrafficSchema>;

export function serviceTrafficFiguresPath(namespace: string, service: string, duration?: string): string {
  const q = duration ? `?duration=${encodeURIComponent(duration)}` : '';
  return `/api/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(service)}/traffic${q}`;
}

export const ITEM_TRAFFIC_PATH = '/api/traffic/item';
export function itemTrafficPath(r: { id: string; namespaces: string[]; duration?: string; queryTime?: number }): string {
  const q = new URLSearchParams({ id: r.id, namespaces: r.namespaces.join(',') });
  if (r.duration) q.set('duration', r.duration);
  if (r.queryTime !== undefined) q.set('queryTime', String(Math.floor(r.queryTime)));
  return `${ITEM_TRAFFIC_PATH}?${q.toString()}`;
}

export const OVERVIEW_TRAFFIC_PATH = '/api/overview/traffic';
export function overviewTrafficPath(namespaces: string[], duration?: string): string {
  const q = new URLSearchParams({ namespaces: namespaces.join(',') });
  if (duration) q.set('duration', duration);
  return `${OVERVIEW_TRAFFIC_PATH}?${q.toString()}`;
}
