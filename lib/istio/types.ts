/**
 * Kubernetes and Istio object shapes, as far as Meshlens reads them. Objects are parsed from untrusted YAML,
 * so every field is optional and readers must cope with absence; validation (lib/istio/validation) reports shape errors.
 */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  uid?: string;
}

export interface K8sObject<Spec = unknown> {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Spec;
  [extra: string]: unknown;
}

/** Where an object came from, so messages can point at a line. */
export interface SourcePosition {
  file: string;
  /** 1-based line of the document start. */
  line: number;
  column: number;
}

export interface StringMatch {
  exact?: string;
  prefix?: string;
  regex?: string;
}

export interface Percent {
  value?: number;
}

export interface PortSelector {
  number?: number;
}

export interface Destination {
  host?: string;
  subset?: string;
  port?: PortSelector;
}

export interface HTTPRouteDestination {
  destination?: Destination;
  weight?: number;
  headers?: Headers;
}

export interface HeaderOperations {
  set?: Record<string, string>;
  add?: Record<string, string>;
  remove?: string[];
}

export interface Headers {
  request?: HeaderOperations;
  response?: HeaderOperations;
}

export interface HTTPMatchRequest {
  name?: string;
  uri?: StringMatch;
  scheme?: StringMatch;
  method?: StringMatch;
  authority?: StringMatch;
  headers?: Record<string, StringMatch>;
  withoutHeaders?: Record<string, StringMatch>;
  queryParams?: Record<string, StringMatch>;
  port?: number;
  sourceLabels?: Record<string, string>;
  sourceNamespace?: string;
  gateways?: string[];
  ignoreUriCase?: boolean;
}

export interface HTTPFaultInjection {
  delay?: { fixedDelay?: string; percentage?: Percent; percent?: number };
  abort?: { httpStatus?: number; grpcStatus?: string; percentage?: Percent };
}

export interface HTTPRetry {
  attempts?: number;
  perTryTimeout?: string;
  retryOn?: string;
  retryRemoteLocalities?: boolean;
}

export interface HTTPRoute {
  name?: string;
  match?: HTTPMatchRequest[];
  route?: HTTPRouteDestination[];
  redirect?: { uri?: string; authority?: string; redirectCode?: number };
  directResponse?: { status?: number; body?: { string?: string } };
  rewrite?: { uri?: string; authority?: string };
  timeout?: string;
  retries?: HTTPRetry;
  fault?: HTTPFaultInjection;
  mirror?: Destination;
  mirrors?: { destination?: Destination; percentage?: Percent }[];
  mirrorPercentage?: Percent;
  mirrorPercent?: number;
  headers?: Headers;
  corsPolicy?: unknown;
}

export interface TCPRoute {
  match?: { port?: number; sourceLabels?: Record<string, string>; gateways?: string[] }[];
  route?: { destination?: Destination; weight?: number }[];
}

export interface VirtualServiceSpec {
  hosts?: string[];
  gateways?: string[];
  http?: HTTPRoute[];
  tcp?: TCPRoute[];
  tls?: unknown[];
  exportTo?: string[];
}

export interface TrafficPolicy {
  loadBalancer?: { simple?: string; consistentHash?: unknown };
  connectionPool?: {
    tcp?: { maxConnections?: number; connectTimeout?: string };
    http?: { http1MaxPendingRequests?: number; http2MaxRequests?: number; maxRequestsPerConnection?: number; maxRetries?: number };
  };
  outlierDetection?: { consecutive5xxErrors?: number; consecutiveErrors?: number; interval?: string; baseEjectionTime?: string; maxEjectionPercent?: number };
  tls?: { mode?: 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL'; credentialName?: string };
  portLevelSettings?: (TrafficPolicy & { port?: PortSelector })[];
}

export interface Subset {
  name?: string;
  labels?: Record<string, string>;
  trafficPolicy?: TrafficPolicy;
}

export interface DestinationRuleSpec {
  host?: string;
  trafficPolicy?: TrafficPolicy;
  subsets?: Subset[];
  exportTo?: string[];
  workloadSelector?: { matchLabels?: Record<string, string> };
}

export interface GatewaySpec {
  selector?: Record<string, string>;
  servers?: { port?: { number?: number; name?: string; protocol?: string }; hosts?: string[]; tls?: { mode?: string; credentialName?: string } }[];
}

export interface ServiceEntrySpec {
  hosts?: string[];
  addresses?: string[];
  ports?: { number?: number; name?: string; protocol?: string; targetPort?: number }[];
  location?: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  resolution?: 'NONE' | 'STATIC' | 'DNS' | 'DNS_ROUND_ROBIN';
  endpoints?: { address?: string; ports?: Record<string, number>; labels?: Record<string, string> }[];
  exportTo?: string[];
  workloadSelector?: { labels?: Record<string, string> };
}

export interface PeerAuthenticationSpec {
  selector?: { matchLabels?: Record<string, string> };
  mtls?: { mode?: 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT' };
  portLevelMtls?: Record<string, { mode?: string }>;
}

export interface ServicePort {
  name?: string;
  port?: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

export interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: ServicePort[];
  type?: string;
  clusterIP?: string;
}

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { serviceAccountName?: string; containers?: { name?: string; image?: string; ports?: { containerPort?: number }[] }[] };
}

export interface DeploymentSpec {
  replicas?: number;
  selector?: { matchLabels?: Record<string, string> };
  template?: PodTemplate;
}

export type VirtualService = K8sObject<VirtualServiceSpec>;
export type DestinationRule = K8sObject<DestinationRuleSpec>;
export type Gateway = K8sObject<GatewaySpec>;
export type ServiceEntry = K8sObject<ServiceEntrySpec>;
export type PeerAuthentication = K8sObject<PeerAuthenticationSpec>;
export type Service = K8sObject<ServiceSpec>;
export type Deployment = K8sObject<DeploymentSpec>;

/** `Kind namespace/name`, or `Kind name` without a namespace, as istioctl prints a resource. */
export function resourceName(o: Pick<K8sObject, 'kind' | 'metadata'>): string {
  const ns = o.metadata?.namespace;
  return ns ? `${o.kind} ${ns}/${o.metadata.name}` : `${o.kind} ${o.metadata?.name ?? ''}`;
}

/** A stable key for an object: `Kind/namespace/name`. */
export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** The API group of an apiVersion (`networking.istio.io/v1` → `networking.istio.io`, `v1` → ``). */
export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i === -1 ? '' : apiVersion.slice(0, i);
}

/** True when every label in `selector` is present in `labels` with the same value. An empty selector matches all. */
export function labelsMatch(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector)) if (labels?.[k] !== v) return false;
  return true;
}
