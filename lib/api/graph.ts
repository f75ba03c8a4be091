/**
 * Wire contract of the service graph: `GET /api/namespaces/graph` (CONTRACT §3, Kiali's JSON shape).
 *
 * Query: `namespaces=a,b` (required), `graphType=app|versionedApp|workload|service` (default workload, as
 * Kiali's API), `duration=60s` (Go/Prometheus duration or bare seconds, default 10m), `injectServiceNodes=true|false`
 * (default false, as Kiali's API; its UI always sends true), `queryTime=<unix s>` (default now: replay the graph
 * as it was then), plus Kiali's options
 * `includeIdleEdges`, `idleNodes` (default false), `responseTime=avg|50|95|99` (default 95),
 * `throughputType=request|response` (default response) and `boxBy=app,namespace,cluster` (default none).
 *
 * Differences from Kiali, on purpose: rates, percentages, `responseTime`, `throughput` and `isMTLS` are JSON
 * numbers (Kiali sends strings); boolean flags are always present; node ids are readable
 * (`wl:<cluster>:<ns>:<name>`, see lib/api/metrics.ts) so a client can ask the metrics endpoint about a node
 * or edge by its id.
 */
import { z } from 'zod';
import { healthReasonSchema } from './health';

export const GRAPH_TYPES = ['app', 'versionedApp', 'workload', 'service'] as const;
export type GraphType = (typeof GRAPH_TYPES)[number];

export const NODE_TYPES = ['app', 'service', 'workload', 'unknown', 'box'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const PROTOCOLS = ['http', 'grpc', 'tcp'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** Kiali's health names; `NA` when a node or edge has no request traffic to judge. */
export const HEALTH_STATUSES = ['Healthy', 'Degraded', 'Failure', 'NA'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export const RESPONSE_TIME_QUANTILES = ['avg', '50', '95', '99'] as const;
export type ResponseTimeQuantile = (typeof RESPONSE_TIME_QUANTILES)[number];

const rate = z.number().nonnegative();

/** Node rates per protocol (requests/s; bytes/s for TCP). Absent keys mean zero. */
export const httpNodeRatesSchema = z.object({
  httpIn: rate.optional(),
  httpIn3xx: rate.optional(),
  httpIn4xx: rate.optional(),
  httpIn5xx: rate.optional(),
  httpInNoResponse: rate.optional(),
  httpOut: rate.optional(),
});
export const grpcNodeRatesSchema = z.object({
  grpcIn: rate.optional(),
  grpcInErr: rate.optional(),
  grpcInNoResponse: rate.optional(),
  grpcOut: rate.optional(),
});
export const tcpNodeRatesSchema = z.object({ tcpIn: rate.optional(), tcpOut: rate.optional() });

/** A node's traffic for one protocol: a tagged union on `protocol`. */
export const nodeTrafficSchema = z.discriminatedUnion('protocol', [
  z.object({ protocol: z.literal('http'), rates: httpNodeRatesSchema }),
  z.object({ protocol: z.literal('grpc'), rates: grpcNodeRatesSchema }),
  z.object({ protocol: z.literal('tcp'), rates: tcpNodeRatesSchema }),
]);
export type NodeTraffic = z.infer<typeof nodeTrafficSchema>;

/** Edge rates: the total, error breakdown, and percentages (of this edge's requests / of the source's output). */
export const httpEdgeRatesSchema = z.object({
  http: rate.optional(),
  http3xx: rate.optional(),
  http4xx: rate.optional(),
  http5xx: rate.optional(),
  httpNoResponse: rate.optional(),
  httpPercentErr: rate.optional(),
  httpPercentReq: rate.optional(),
});
export const grpcEdgeRatesSchema = z.object({
  grpc: rate.optional(),
  grpcErr: rate.optional(),
  grpcNoResponse: rate.optional(),
  grpcPercentErr: rate.optional(),
  grpcPercentReq: rate.optional(),
});
export const tcpEdgeRatesSchema = z.object({ tcp: rate.optional() });

/**
 * Per response code (HTTP status, gRPC status, or `-` for TCP): the percentage of the edge's traffic
 * by Envoy response flags (`-` when none) and by destination host.
 */
export const responseDetailSchema = z.object({
  flags: z.record(z.string(), z.number()),
  hosts: z.record(z.string(), z.number()),
});
export const responsesSchema = z.record(z.string(), responseDetailSchema);
export type Responses = z.infer<typeof responsesSchema>;

export const edgeTrafficSchema = z.discriminatedUnion('protocol', [
  z.object({ protocol: z.literal('http'), rates: httpEdgeRatesSchema, responses: responsesSchema }),
  z.object({ protocol: z.literal('grpc'), rates: grpcEdgeRatesSchema, responses: responsesSchema }),
  z.object({ protocol: z.literal('tcp'), rates: tcpEdgeRatesSchema, responses: responsesSchema }),
]);
export type EdgeTraffic = z.infer<typeof edgeTrafficSchema>;

export const serviceNameSchema = z.object({ cluster: z.string(), namespace: z.string(), name: z.string() });
export type ServiceName = z.infer<typeof serviceNameSchema>;

const hostnamesSchema = z.object({ hostnames: z.array(z.string()).optional() });

export const nodeDataSchema = z.object({
  id: z.string(),
  /** Compound (box) parent id when boxing was requested. */
  parent: z.string().optional(),
  nodeType: z.enum(NODE_TYPES),
  cluster: z.string(),
  namespace: z.string(),
  workload: z.string().optional(),
  app: z.string().optional(),
  version: z.string().optional(),
  service: z.string().optional(),
  /** Set on box nodes: what they group (app, namespace, cluster). */
  isBox: z.string().optional(),
  /** Services requested of this node (destination_service_*), sorted. */
  destServices: z.array(serviceNameSchema).optional(),
  traffic: z.array(nodeTrafficSchema).optional(),
  healthStatus: z.enum(HEALTH_STATUSES).optional(),
  /** Why the node is Degraded or Failure (lib/api/health.ts); absent when Healthy or NA. */
  healthReason: healthReasonSchema.optional(),
  isRoot: z.boolean(),
  isIdle: z.boolean(),
  isOutside: z.boolean(),
  isOutOfMesh: z.boolean(),
  isInaccessible: z.boolean().optional(),
  isGateway: z
    .object({ ingressInfo: hostnamesSchema.optional(), egressInfo: hostnamesSchema.optional() })
    .optional(),
  isServiceEntry: z.object({ location: z.string(), hosts: z.array(z.string()) }).optional(),
  hasVS: hostnamesSchema.optional(),
  hasCB: z.boolean(),
  hasTrafficShifting: z.boolean(),
  hasTCPTrafficShifting: z.boolean(),
  hasFaultInjection: z.boolean(),
  hasRequestRouting: z.boolean(),
  hasRequestTimeout: z.boolean(),
  hasMirroring: z.boolean(),
});
export type NodeData = z.infer<typeof nodeDataSchema>;

/** The required boolean flags of a node, all off: the starting point for every node the builder or a fixture makes. */
export const NODE_FLAGS_OFF = {
  isRoot: false,
  isIdle: false,
  isOutside: false,
  isOutOfMesh: false,
  hasCB: false,
  hasTrafficShifting: false,
  hasTCPTrafficShifting: false,
  hasFaultInjection: false,
  hasRequestRouting: false,
  hasRequestTimeout: false,
  hasMirroring: false,
} as const satisfies Partial<NodeData>;

export const edgeDataSchema = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  traffic: edgeTrafficSchema,
  /** Milliseconds; the quantile chosen by `responseTime` (p95 by default). HTTP/gRPC only. */
  responseTime: z.number().nonnegative().optional(),
  /** Bytes/s of request or response bodies (`throughputType`). HTTP/gRPC only. */
  throughput: z.number().nonnegative().optional(),
  /** Percentage (0-100) of the edge's traffic over mutual TLS. */
  isMTLS: z.number().min(0).max(100).optional(),
  sourcePrincipal: z.string().optional(),
  destPrincipal: z.string().optional(),
  healthStatus: z.enum(HEALTH_STATUSES).optional(),
  /** Why the edge is Degraded or Failure (lib/api/health.ts). */
  healthReason: healthReasonSchema.optional(),
});
export type EdgeData = z.infer<typeof edgeDataSchema>;

export const graphResponseSchema = z.object({
  /** Unix seconds: the end of the window (queryTime). */
  timestamp: z.number().int(),
  /** Seconds. */
  duration: z.number().int(),
  graphType: z.enum(GRAPH_TYPES),
  elements: z.object({
    nodes: z.array(z.object({ data: nodeDataSchema })),
    edges: z.array(z.object({ data: edgeDataSchema })),
  }),
});
export type GraphResponse = z.infer<typeof graphResponseSchema>;

/** The graph request as the client states it (see the file comment for meanings and defaults). */
export interface GraphRequest {
  namespaces: string[];
  graphType?: GraphType;
  /** A duration such as `60s`, `10m`. */
  duration?: string;
  injectServiceNodes?: boolean;
  /** Unix seconds. */
  queryTime?: number;
  includeIdleEdges?: boolean;
  idleNodes?: boolean;
  responseTime?: ResponseTimeQuantile;
  throughputType?: 'request' | 'response';
  boxBy?: ('app' | 'namespace' | 'cluster')[];
}

export const GRAPH_PATH = '/api/namespaces/graph';

/** Builds `/api/namespaces/graph?...` for a request, leaving defaults out of the URL. */
export function graphPath(r: GraphRequest): string {
  const q = new URLSearchParams();
  q.set('namespaces', r.namespaces.join(','));
  if (r.graphType) q.set('graphType', r.graphType);
  if (r.duration) q.set('duration', r.duration);
  if (r.injectServiceNodes !== undefined) q.set('injectServiceNodes', String(r.injectServiceNodes));
  if (r.queryTime !== undefined) q.set('queryTime', String(Math.floor(r.queryTime)));
  if (r.includeIdleEdges) q.set('includeIdleEdges', 'true');
  if (r.idleNodes) q.set('idleNodes', 'true');
  if (r.responseTime) q.set('responseTime', r.responseTime);
  if (r.throughputType) q.set('throughputType', r.throughputType);
  if (r.boxBy && r.boxBy.length > 0) q.set('boxBy', r.boxBy.join(','));
  return `${GRAPH_PATH}?${q.toString()}`;
}
