import type { HealthStatus } from '@/lib/api/graph';
import type { HealthReasonWire } from '@/lib/api/health';
import type { CanaryEvidence, ServiceTrafficFigures } from '@/lib/api/traffic-figures';

/**
 * One version of a service over the live window, as the service traffic endpoint derived it (lib/traffic): the
 * page only picks fields, it sums nothing.
 */
export interface VersionTraffic {
  version: string;
  /** The version's node id, for the metrics endpoint. */
  nodeId: string;
  /** Requests/s the version received. */
  requestRate: number;
  /** Failed requests/s (the one error rule). */
  errorRate: number;
  /** Share of the service's routed requests (0–100). */
  share: number;
  /** p95 ms; undefined with no requests. */
  p95Ms?: number;
  /** TCP bytes/s received (databases). */
  tcpRate: number;
  health: HealthStatus;
  reason?: HealthReasonWire;
  /** Inbound evidence for the canary verdict (counts over the window, latency histogram). */
  evidence: CanaryEvidence;
}

/** The versions of a service figure, in version order (as the endpoint sorts them). */
export function versionTraffic(f: ServiceTrafficFigures | undefined): VersionTraffic[] {
  if (!f) return [];
  return f.versions.map((v) => ({
    version: v.version,
    nodeId: v.nodeId,
    requestRate: v.inbound.requests.rate,
    errorRate: v.inbound.errors.rate,
    share: v.share,
    ...(v.inbound.latency.p95 !== null ? { p95Ms: v.inbound.latency.p95 } : {}),
    tcpRate: v.inbound.throughput.tcpBytesPerSec,
    health: v.health.status,
    ...(v.health.reason ? { reason: v.health.reason } : {}),
    evidence: v.evidence,
  }));
}

