import { parseDuration } from '../../time/duration';
import type { HTTPFaultInjection, HTTPRetry, Percent } from '../types';

/** Istio's retry policy when a route sets none: 2 attempts on connection-level failures. */
export const DEFAULT_RETRY_ON = 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes';
export const DEFAULT_RETRY_ATTEMPTS = 2;

export interface RetryPolicy {
  attempts: number;
  perTryTimeoutMs?: number;
  retryOn: Set<string>;
  /** Status codes named in retryOn (Istio accepts them there). */
  retriableStatus: Set<number>;
}

/** Normalises a VirtualService `retries` block (or Istio's default when absent). */
export function retryPolicy(r: HTTPRetry | undefined): RetryPolicy {
  const attempts = r ? Math.max(0, Math.floor(r.attempts ?? 0)) : DEFAULT_RETRY_ATTEMPTS;
  const tokens = (r?.retryOn ?? DEFAULT_RETRY_ON).split(',').map((t) => t.trim()).filter(Boolean);
  const retriableStatus = new Set<number>();
  const retryOn = new Set<string>();
  for (const t of tokens) {
    if (/^\d{3}$/.test(t)) retriableStatus.add(Number(t));
    else retryOn.add(t);
  }
  const policy: RetryPolicy = { attempts, retryOn, retriableStatus };
  const per = r?.perTryTimeout ? parseDuration(r.perTryTimeout) : undefined;
  if (per !== undefined && per > 0) policy.perTryTimeoutMs = per;
  return policy;
}

/** What went wrong on one attempt, in Envoy's terms. */
export type AttemptOutcome = { status: number } | { failure: 'connect-failure' | 'reset' | 'per-try-timeout' };

/** Whether Envoy would retry after this attempt under the policy (as `x-envoy-retry-on` semantics). */
export function shouldRetry(policy: RetryPolicy, outcome: AttemptOutcome): boolean {
  const on = policy.retryOn;
  if ('failure' in outcome) {
    if (outcome.failure === 'connect-failure') return on.has('connect-failure') || on.has('5xx') || on.has('gateway-error');
    if (outcome.failure === 'reset') return on.has('reset') || on.has('5xx');
    return on.has('5xx') || on.has('gateway-error') || on.has('reset');
  }
  const s = outcome.status;
  if (policy.retriableStatus.has(s)) return true;
  if (s >= 500 && on.has('5xx')) return true;
  if ((s === 502 || s === 503 || s === 504) && on.has('gateway-error')) return true;
  if (s === 503 && on.has('unavailable')) return false; // gRPC "unavailable" status, not HTTP 503
  if (s === 409 && on.has('retriable-4xx')) return true;
  return false;
}

/** A percentage in [0, 100]; Istio applies a fault to every request when no percentage is given. */
export function percentOf(p: Percent | undefined, legacy?: number): number {
  if (p?.value !== undefined) return Math.min(100, Math.max(0, p.value));
  if (legacy !== undefined) return Math.min(100, Math.max(0, legacy));
  return 100;
}

export interface FaultPlan {
  delayMs?: number;
  abortStatus?: number;
}

/** Decides the fault for one request; `roll` returns uniform numbers in [0, 100). */
export function planFault(f: HTTPFaultInjection | undefined, roll: () => number): FaultPlan {
  const plan: FaultPlan = {};
  if (!f) return plan;
  if (f.delay) {
    const d = f.delay.fixedDelay ? parseDuration(f.delay.fixedDelay) : undefined;
    if (d !== undefined && roll() < percentOf(f.delay.percentage, f.delay.percent)) plan.delayMs = d;
  }
  if (f.abort && f.abort.httpStatus !== undefined && roll() < percentOf(f.abort.percentage)) plan.abortStatus = f.abort.httpStatus;
  return plan;
}
