import type { ApiErrorCode } from '../../../lib/api/errors';

/** One container of a pod, as the workload pages show it. */
export interface ContainerInfo {
  name: string;
  image: string;
  ready: boolean;
  restarts: number;
  /** `running`, `waiting: CrashLoopBackOff`, `terminated: Completed`... */
  state: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

/** A pod with what troubleshooting needs: where it runs, whether it is ready, and its proxy. */
export interface PodInfo {
  name: string;
  namespace: string;
  /** The Deployment (or other owner) it belongs to. */
  workload: string;
  labels: Record<string, string>;
  phase: string;
  ready: boolean;
  /** Why it is not ready, when it is not. */
  reason?: string;
  podIP?: string;
  nodeName?: string;
  serviceAccount?: string;
  createdAt?: string;
  containers: ContainerInfo[];
  /** Carries an Envoy sidecar (`istio-proxy`). */
  sidecar: boolean;
  /** `proxy.istio.io/config` sets holdApplicationUntilProxyStarts (undefined when the pod does not say). */
  holdApplicationUntilProxyStarts?: boolean;
}

export interface LogQuery {
  container: string;
  /** Only lines at or after this time (unix seconds). */
  sinceTimeSec?: number;
  /** At most this many of the newest lines. */
  maxLines: number;
  /** At most this many bytes read. */
  maxBytes: number;
}

/** Log lines, each `<RFC 3339 timestamp> <text>` as `kubectl logs --timestamps` prints them, oldest first. */
export interface LogChunk {
  lines: string[];
  /** More lines existed than the caps let through. */
  truncated: boolean;
}

/** The Envoy admin paths Meshlens reads. */
export type AdminPath = 'config_dump' | 'config_dump?include_eds' | 'clusters';

/**
 * Pods, container logs and Envoy's admin API: the cluster (Kubernetes API with the person's own token) and the demo
 * (its pods, log files and sidecar shims) behind one interface, so the API and pages take one code path.
 */
export interface WorkloadsSource {
  readonly kind: 'demo' | 'kubernetes';
  pods(namespace: string): Promise<PodInfo[]>;
  logs(namespace: string, pod: string, q: LogQuery): Promise<LogChunk>;
  /** The admin answer as text (JSON for config_dump), refused past `maxBytes`. */
  proxyAdmin(namespace: string, pod: string, path: AdminPath, maxBytes: number): Promise<string>;
  /** istiod's `/debug/syncz` (JSON text), what `istioctl proxy-status` reads, refused past `maxBytes`. */
  syncz(maxBytes: number): Promise<string>;
}

/** A source failure with the HTTP code it maps to and a message for the person. */
export class WorkloadSourceError extends Error {
  constructor(
    readonly code: Extract<ApiErrorCode, 'not_found' | 'forbidden' | 'unauthorized' | 'unavailable' | 'bad_gateway' | 'gateway_timeout' | 'bad_request'>,
    message: string,
  ) {
    super(message);
  }
}
