/**
 * The one error rule: which requests count as failed, on every page (graph edges and nodes, side panel, service
 * page, canary evidence, overview). A request failed when
 * - it got no response (`response_code` 0, shown as `-`),
 * - its HTTP status is 5xx, or 4xx while {@link ErrorPolicy.count4xx} is on (Kiali's default tolerance counts
 *   `^[4-5]\d\d$`),
 * - its gRPC status is not OK (1–16), or
 * - Envoy marked it with a failure flag ({@link FAILURE_FLAGS}: fault-injected abort `FI`, no healthy upstream `UH`,
 *   connect failure `UF`, retries exhausted `URX`, overflow `UO`, no route `NR`, downstream disconnect `DC`, …),
 *   whatever status it carries (an `FI` abort with a 4xx status is a failure even when 4xx are not counted).
 */
import type { Protocol } from '../api/graph';

/** Envoy response flags that mean the request did not succeed (a delay, `DI`, is not one). */
export const FAILURE_FLAGS: ReadonlySet<string> = new Set([
  'FI', 'UH', 'UF', 'URX', 'UO', 'NR', 'DC', 'UC', 'UT', 'LR', 'LH', 'RL', 'UAEX', 'RLSE', 'IH', 'SI', 'DPE', 'UPE', 'UMSDR', 'NC', 'OM', 'DF',
]);

export interface ErrorPolicy {
  /** Count HTTP 4xx as errors (Kiali's default tolerance does; turn off where 404s are expected). */
  count4xx: boolean;
}

export const DEFAULT_ERROR_POLICY: ErrorPolicy = { count4xx: true };

/** Why a request failed, in the order the rule checks; `ok` when it did not. */
export type ErrorClass = 'ok' | 'no-response' | '5xx' | '4xx' | 'grpc' | 'flag';

/** Whether a `response_flags` value (comma-separated, `-` for none) holds a failure flag. */
export function hasFailureFlag(flags: string): boolean {
  if (flags === '' || flags === '-') return false;
  if (flags.indexOf(',') === -1) return FAILURE_FLAGS.has(flags);
  for (const f of flags.split(',')) if (FAILURE_FLAGS.has(f)) return true;
  return false;
}

/**
 * Classifies one response. `code` is as the graph keeps it: the HTTP status, `-` for no response, and for gRPC
 * the gRPC status unless HTTP itself failed (a 3-digit 4xx/5xx).
 */
export function classifyResponse(protocol: Protocol, code: string, flags: string, policy: ErrorPolicy = DEFAULT_ERROR_POLICY): ErrorClass {
  if (protocol === 'tcp') return 'ok';
  if (code === '-' || code === '') return 'no-response';
  const http = code.length === 3;
  if (http && code[0] === '5') return '5xx';
  if (http && code[0] === '4') {
    if (policy.count4xx) return '4xx';
  } else if (protocol === 'grpc' && !http && code !== '0') {
    return 'grpc';
  }
  return hasFailureFlag(flags) ? 'flag' : 'ok';
}

/** {@link classifyResponse} as a yes/no. */
export function isErrorResponse(protocol: Protocol, code: string, flags: string, policy: ErrorPolicy = DEFAULT_ERROR_POLICY): boolean {
  return classifyResponse(protocol, code, flags, policy) !== 'ok';
}

/** Kiali's HandleResponseCode on raw labels: `0`/missing-as-success, gRPC status unless HTTP failed. */
export function responseCodeOf(protocol: Protocol, responseCode: string | undefined, grpcStatus: string | undefined): string {
  if (protocol === 'tcp') return '-';
  const code = responseCode ?? '200';
  if (code === '0' || code === '') return '-';
  if (protocol !== 'grpc' || code[0] === '4' || code[0] === '5' || grpcStatus === undefined || grpcStatus === '') return code;
  return grpcStatus;
}
