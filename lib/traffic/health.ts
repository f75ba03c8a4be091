/**
 * Health with its reason, Kiali's request-error semantics: an error-rate tolerance per protocol and direction
 * (Kiali's served default `healthConfig.rate`: HTTP `^[4-5]\d\d$` and gRPC `^[1-9]$|^1[0-6]$`, degraded from
 * 0.1 %, failure from 20 %, any direction), checked ascending as Kiali's `ascendingThresholdCheck` (a rate > 0 that
 * is ≥ failure is Failure, else ≥ degraded is Degraded). Inbound and outbound are judged separately and the worse
 * wins; a state that is not Healthy carries which rate, which direction, which threshold and, for calls, to whom.
 * The same function judges graph nodes and edges, services, workloads and versions.
 */
import type { HealthStatus } from '../api/graph';
import type { ErrorClass, ErrorPolicy } from './error-rule';
import { DEFAULT_ERROR_POLICY } from './error-rule';

export type HealthDirection = 'inbound' | 'outbound' | 'edge';

/** One tolerance: percentages of failed requests. */
export interface Tolerance {
  protocol: 'http' | 'grpc';
  /** `any` applies to every direction. */
  direction: HealthDirection | 'any';
  degraded: number;
  failure: number;
}

export interface HealthPolicy {
  errors: ErrorPolicy;
  /** First matching tolerance (protocol and direction) applies. */
  tolerances: Tolerance[];
}

export const DEFAULT_HEALTH_POLICY: HealthPolicy = {
  errors: DEFAULT_ERROR_POLICY,
  tolerances: [
    { protocol: 'http', direction: 'any', degraded: 0.1, failure: 20 },
    { protocol: 'grpc', direction: 'any', degraded: 0.1, failure: 20 },
  ],
};

/** Request and error rates of one direction and protocol, as health reads them. */
export interface HealthInput {
  direction: HealthDirection;
  protocol: 'http' | 'grpc';
  /** Requests/s (or a count: only the ratio matters). */
  requests: number;
  errors: number;
  /** Errors by class, to name the dominant one. */
  byClass?: Partial<Record<Exclude<ErrorClass, 'ok'>, number>>;
  /** Response flags seen on failed requests, most frequent first (e.g. `FI`). */
  flags?: string[];
  /** Who the worst errors came from (inbound) or went to (outbound): a service, app or workload name. */
  peer?: string;
}

/** Why an item is not Healthy (absent when it is). */
export interface HealthReason {
  status: 'Degraded' | 'Failure';
  direction: HealthDirection;
  protocol: 'http' | 'grpc';
  /** Failed share, percent. */
  errorPercent: number;
  /** The threshold crossed, percent (`≥`). */
  threshold: number;
  /** The dominant error class. */
  errorClass: Exclude<ErrorClass, 'ok'>;
  flags?: string[];
  peer?: string;
  /** One sentence for people: "Degraded: 4.8% 5xx on calls to ratings (≥ 0.1%)". */
  text: string;
}

export interface HealthVerdict {
  status: HealthStatus;
  reason?: HealthReason;
}

const RANK: Record<HealthStatus, number> = { NA: 0, Healthy: 1, Degraded: 2, Failure: 3 };

/** The tolerance for a protocol and direction (first match), if any. */
export function toleranceFor(policy: HealthPolicy, protocol: 'http' | 'grpc', direction: HealthDirection): Tolerance | undefined {
  return policy.tolerances.find((t) => t.protocol === protocol && (t.direction === 'any' || t.direction === direction));
}

/** Kiali's ascending check of one error percentage. */
export function statusOfPercent(percent: number, t: Pick<Tolerance, 'degraded' | 'failure'>): 'Healthy' | 'Degraded' | 'Failure' {
  if (percent > 0 && percent >= t.failure) return 'Failure';
  if (percent > 0 && percent >= t.degraded) return 'Degraded';
  return 'Healthy';
}

const CLASS_TEXT: Record<Exclude<ErrorClass, 'ok'>, string> = { '5xx': '5xx', '4xx': '4xx', 'no-response': 'no response', grpc: 'gRPC errors', flag: 'failed' };

function dominantClass(i: HealthInput): Exclude<ErrorClass, 'ok'> {
  let best: Exclude<ErrorClass, 'ok'> = i.protocol === 'grpc' ? 'grpc' : '5xx';
  let max = -1;
  for (const [k, v] of Object.entries(i.byClass ?? {}) as [Exclude<ErrorClass, 'ok'>, number][]) {
    if (v > max) {
      max = v;
      best = k;
    }
  }
  return best;
}

/** Formats a percentage as the reason sentence shows it (one decimal, two below 1 %). */
export function percentText(p: number): string {
  if (p >= 1 || p === 0) return `${(Math.round(p * 10) / 10).toString()}%`;
  return `${Number(p.toPrecision(2)).toString()}%`;
}

function sentence(r: Omit<HealthReason, 'text'>): string {
  const flags = r.flags && r.flags.length > 0 ? ` (${r.flags.join(', ')})` : '';
  const where =
    r.direction === 'outbound' ? ` on calls${r.peer ? ` to ${r.peer}` : ''}` : r.direction === 'inbound' ? ` of requests received${r.peer ? ` (most from ${r.peer})` : ''}` : ` on this edge`;
  return `${r.status}: ${percentText(r.errorPercent)} ${CLASS_TEXT[r.errorClass]}${flags}${where} (≥ ${percentText(r.threshold)})`;
}

/**
 * Judges an item from its request rates per direction and protocol: NA without requests, else the worst of the
 * inputs, with the reason of the worst (ties: the larger error share).
 */
export function judgeHealth(inputs: readonly HealthInput[], policy: HealthPolicy = DEFAULT_HEALTH_POLICY): HealthVerdict {
  let status: HealthStatus = 'NA';
  let reason: HealthReason | undefined;
  for (const i of inputs) {
    if (!(i.requests > 0)) continue;
    const t = toleranceFor(policy, i.protocol, i.direction);
    if (!t) {
      if (RANK[status] < RANK.Healthy) status = 'Healthy';
      continue;
    }
    const percent = (Math.max(0, i.errors) / i.requests) * 100;
    const s = statusOfPercent(percent, t);
    const better = RANK[s] > RANK[status] || (s !== 'Healthy' && RANK[s] === RANK[status] && reason !== undefined && percent > reason.errorPercent);
    if (!better) continue;
    status = s;
    if (s === 'Healthy') continue;
    const r: Omit<HealthReason, 'text'> = {
      status: s,
      direction: i.direction,
      protocol: i.protocol,
      errorPercent: Math.round(percent * 100) / 100,
      threshold: s === 'Failure' ? t.failure : t.degraded,
      errorClass: dominantClass(i),
      ...(i.flags && i.flags.length > 0 ? { flags: i.flags.slice(0, 3) } : {}),
      ...(i.peer ? { peer: i.peer } : {}),
    };
    reason = { ...r, text: sentence(r) };
  }
  return reason ? { status, reason } : { status };
}
