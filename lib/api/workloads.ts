import { z } from 'zod';
import { ValidationMessageSchema } from './validation';

/** An Istio object that applies to a workload or app, with its validations. */
export const IstioRefSchema = z.object({
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  /** Why it applies: `host reviews.bookinfo.svc.cluster.local`, `selector app=reviews`, `namespace-wide`. */
  reason: z.string(),
  validations: z.array(ValidationMessageSchema),
});
export type IstioRef = z.infer<typeof IstioRefSchema>;

export const ContainerSchema = z.object({
  name: z.string(),
  image: z.string(),
  ready: z.boolean(),
  restarts: z.number().int(),
  state: z.string(),
  resources: z.object({ requests: z.record(z.string(), z.string()).optional(), limits: z.record(z.string(), z.string()).optional() }).optional(),
});

export const PodSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  workload: z.string(),
  labels: z.record(z.string(), z.string()),
  phase: z.string(),
  ready: z.boolean(),
  reason: z.string().optional(),
  podIP: z.string().optional(),
  nodeName: z.string().optional(),
  serviceAccount: z.string().optional(),
  createdAt: z.string().optional(),
  containers: z.array(ContainerSchema),
  sidecar: z.boolean(),
  holdApplicationUntilProxyStarts: z.boolean().optional(),
});
export type Pod = z.infer<typeof PodSchema>;

/** Counts of validation messages by level. */
export const ValidationCountsSchema = z.object({ errors: z.number().int(), warnings: z.number().int(), infos: z.number().int() });

/** Sidecar state with its reason: `present` (every pod has one), `partial`, `missing`. */
export const SidecarStateSchema = z.object({ state: z.enum(['present', 'partial', 'missing']), reason: z.string() });

/** One workload in a namespace list (Kiali's WorkloadListItem, in Meshlens's names). */
export const WorkloadItemSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  type: z.string(),
  labels: z.record(z.string(), z.string()),
  app: z.string().optional(),
  version: z.string().optional(),
  istioSidecar: z.boolean(),
  sidecar: SidecarStateSchema,
  podCount: z.number().int(),
  readyPodCount: z.number().int(),
  /** Why pods are not all ready (empty when they are). */
  notReadyReason: z.string().optional(),
  services: z.array(z.string()),
  istioReferences: z.array(IstioRefSchema.omit({ validations: true })),
  validations: ValidationCountsSchema,
});
export type WorkloadItem = z.infer<typeof WorkloadItemSchema>;

/** `GET /api/namespaces/{ns}/workloads`. */
export const WorkloadListSchema = z.object({ namespace: z.object({ name: z.string() }), workloads: z.array(WorkloadItemSchema) });
export type WorkloadList = z.infer<typeof WorkloadListSchema>;

/** `GET /api/namespaces/{ns}/workloads/{workload}`: the list item plus its pods by name and config with validations. */
export const WorkloadDetailSchema = WorkloadItemSchema.extend({
  pods: z.array(PodSchema),
  istioConfig: z.array(IstioRefSchema),
  /** The pods' istio-proxy requests/limits (the first pod's), when set. */
  proxyResources: ContainerSchema.shape.resources.optional(),
  /** Advice and info messages about the proxy (holdApplicationUntilProxyStarts, resources). */
  notes: z.array(z.object({ level: z.enum(['Info', 'Warning']), message: z.string() })),
  /** Where pods came from; `none` when Meshlens has no pod source (files-only config). */
  source: z.enum(['demo', 'kubernetes', 'none']),
});
export type WorkloadDetail = z.infer<typeof WorkloadDetailSchema>;

export const AppWorkloadSchema = z.object({ name: z.string(), version: z.string().optional(), istioSidecar: z.boolean(), podCount: z.number().int(), readyPodCount: z.number().int() });

/** One application: workloads sharing an `app` label. */
export const AppItemSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  istioSidecar: z.boolean(),
  sidecar: SidecarStateSchema,
  labels: z.record(z.string(), z.string()),
  versions: z.array(z.string()),
  workloads: z.array(AppWorkloadSchema),
  serviceNames: z.array(z.string()),
  validations: ValidationCountsSchema,
});
export type AppItem = z.infer<typeof AppItemSchema>;

/** `GET /api/namespaces/{ns}/apps`. */
export const AppListSchema = z.object({ namespace: z.object({ name: z.string() }), applications: z.array(AppItemSchema) });
export type AppList = z.infer<typeof AppListSchema>;

/** `GET /api/namespaces/{ns}/apps/{app}`. */
export const AppDetailSchema = AppItemSchema.extend({ istioConfig: z.array(IstioRefSchema) });
export type AppDetail = z.infer<typeof AppDetailSchema>;

/** Envoy access-log fields (lib/envoy/access-log). */
export const AccessLogSchema = z.object({
  startTime: z.string(), method: z.string(), path: z.string(), protocol: z.string(), responseCode: z.number().int(), responseFlags: z.string(),
  responseCodeDetails: z.string(), connectionTerminationDetails: z.string(), upstreamTransportFailureReason: z.string(), bytesReceived: z.number(),
  bytesSent: z.number(), durationMs: z.number(), upstreamServiceTimeMs: z.number().optional(), xForwardedFor: z.string(), userAgent: z.string(),
  requestId: z.string(), authority: z.string(), upstreamHost: z.string(), upstreamCluster: z.string(), upstreamLocalAddress: z.string(),
  downstreamLocalAddress: z.string(), downstreamRemoteAddress: z.string(), requestedServerName: z.string(), routeName: z.string(), traceId: z.string().optional(),
});

/** One log line (Kiali's LogEntry): the text, its time, a severity, and for istio-proxy the parsed access-log entry. */
export const LogEntrySchema = z.object({
  message: z.string(),
  /** RFC 3339 as the API server stamped it. */
  timestamp: z.string(),
  /** The same in ms since the epoch (0 when the stamp was unreadable). */
  timestampUnix: z.number(),
  severity: z.enum(['ERROR', 'WARN', 'INFO', 'DEBUG', 'UNKNOWN']),
  accessLog: AccessLogSchema.optional(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

/** `GET /api/namespaces/{ns}/pods/{pod}/logs?container=&sinceTime=&maxLines=`. */
export const PodLogsSchema = z.object({ pod: z.string(), container: z.string(), entries: z.array(LogEntrySchema), linesTruncated: z.boolean() });
export type PodLogs = z.infer<typeof PodLogsSchema>;

export const SYNC_STATES = ['SYNCED', 'STALE', 'NOT SENT', 'UNKNOWN'] as const;
/** The proxy's config against the control plane's, as `istioctl proxy-status` says it. */
export const ProxySyncSchema = z.object({ state: z.enum(SYNC_STATES), reason: z.string(), proxyVersion: z.string().optional(), controlPlaneVersion: z.string().optional() });
export type ProxySync = z.infer<typeof ProxySyncSchema>;

export const CONFIG_RESOURCES = ['routes', 'clusters', 'listeners', 'endpoints'] as const;
export type ConfigResource = (typeof CONFIG_RESOURCES)[number];

const RouteRowSchema = z.object({
  routeConfig: z.string(), virtualHost: z.string(), domains: z.array(z.string()), name: z.string(), match: z.string(),
  clusters: z.array(z.object({ name: z.string(), weight: z.number() })), action: z.enum(['route', 'redirect', 'direct_response', 'none']),
  timeout: z.string().optional(), retries: z.object({ attempts: z.number(), retryOn: z.string(), perTryTimeout: z.string().optional() }).optional(),
  fault: z.object({ abortStatus: z.number().optional(), abortPercent: z.number().optional(), delay: z.string().optional(), delayPercent: z.number().optional() }).optional(),
  mirror: z.object({ cluster: z.string(), percent: z.number() }).optional(), virtualService: z.string().optional(),
});
const ClusterRowSchema = z.object({
  name: z.string(), service: z.string(), port: z.number().optional(), subset: z.string(), direction: z.enum(['outbound', 'inbound', '-']), type: z.string(),
  destinationRule: z.string().optional(), connectTimeout: z.string().optional(), lbPolicy: z.string().optional(), outlierDetection: z.boolean(), mtls: z.boolean(),
});
const ListenerRowSchema = z.object({ name: z.string(), address: z.string(), port: z.number().optional(), direction: z.string(), chains: z.array(z.object({ match: z.string(), destination: z.string() })) });
const EndpointRowSchema = z.object({ cluster: z.string(), address: z.string(), health: z.string(), workload: z.string().optional() });

/** `GET .../pods/{pod}/config_dump/{resource}`: the proxy's table for one resource, with its sync state. */
export const ConfigResourceSchema = z.discriminatedUnion('resource', [
  z.object({ resource: z.literal('routes'), items: z.array(RouteRowSchema), truncated: z.boolean(), sync: ProxySyncSchema }),
  z.object({ resource: z.literal('clusters'), items: z.array(ClusterRowSchema), truncated: z.boolean(), sync: ProxySyncSchema }),
  z.object({ resource: z.literal('listeners'), items: z.array(ListenerRowSchema), truncated: z.boolean(), sync: ProxySyncSchema }),
  z.object({ resource: z.literal('endpoints'), items: z.array(EndpointRowSchema), truncated: z.boolean(), sync: ProxySyncSchema }),
]);
export type ConfigResourceAnswer = z.infer<typeof ConfigResourceSchema>;

/** `GET .../pods/{pod}/config_dump`: Envoy's own shape (`{"configs": [...]}`), passed through. */
export const ConfigDumpSchema = z.object({ configs: z.array(z.record(z.string(), z.unknown())) });

const seg = encodeURIComponent;
export const workloadsPath = (ns: string) => `/api/namespaces/${seg(ns)}/workloads`;
export const workloadPath = (ns: string, workload: string) => `/api/namespaces/${seg(ns)}/workloads/${seg(workload)}`;
export const appsPath = (ns: string) => `/api/namespaces/${seg(ns)}/apps`;
export const appPath = (ns: string, app: string) => `/api/namespaces/${seg(ns)}/apps/${seg(app)}`;
export function podLogsPath(ns: string, pod: string, q: { container: string; sinceTime?: number; maxLines?: number }): string {
  const p = new URLSearchParams({ container: q.container });
  if (q.sinceTime !== undefined) p.set('sinceTime', String(Math.floor(q.sinceTime)));
  if (q.maxLines !== undefined) p.set('maxLines', String(q.maxLines));
  return `/api/namespaces/${seg(ns)}/pods/${seg(pod)}/logs?${p.toString()}`;
}
export const configDumpPath = (ns: string, pod: string, resource?: ConfigResource) => `/api/namespaces/${seg(ns)}/pods/${seg(pod)}/config_dump${resource ? `/${resource}` : ''}`;
