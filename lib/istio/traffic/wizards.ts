import type { DestinationRule, HTTPFaultInjection, HTTPMatchRequest, HTTPRetry, HTTPRoute, Service, StringMatch, TrafficPolicy, VirtualService } from '../types';
import { defaultRouteIndex } from './shift';

/**
 * Kiali-parity wizards as pure edits: each takes the current VirtualService/DestinationRule (or none) and returns
 * the next one, keeping everything it does not own. The UI previews and validates the result before applying.
 */

const API = 'networking.istio.io/v1';

function baseVs(service: Service, vs: VirtualService | undefined): VirtualService {
  const ns = service.metadata.namespace ?? 'default';
  const next: VirtualService = vs ? structuredClone(vs) : { apiVersion: API, kind: 'VirtualService', metadata: { name: service.metadata.name, namespace: ns }, spec: { hosts: [service.metadata.name] } };
  next.spec = next.spec ?? { hosts: [service.metadata.name] };
  next.spec.http = next.spec.http ?? [];
  if (defaultRouteIndex(next) === -1) next.spec.http.push({ route: [{ destination: { host: service.metadata.name } }] });
  return next;
}

function baseDr(service: Service, dr: DestinationRule | undefined): DestinationRule {
  const ns = service.metadata.namespace ?? 'default';
  const next: DestinationRule = dr ? structuredClone(dr) : { apiVersion: API, kind: 'DestinationRule', metadata: { name: service.metadata.name, namespace: ns }, spec: { host: service.metadata.name } };
  next.spec = next.spec ?? { host: service.metadata.name };
  return next;
}

/** One request-routing rule: requests matching all given conditions go to `subset`. */
export interface RoutingRule {
  headers?: Record<string, StringMatch>;
  uri?: StringMatch;
  method?: string;
  subset: string;
}

/** Request routing: replaces the match routes (before the catch-all) with one route per rule, in order. */
export function applyRequestRouting(service: Service, vs: VirtualService | undefined, rules: readonly RoutingRule[]): VirtualService {
  const next = baseVs(service, vs);
  const http = next.spec?.http ?? [];
  const catchAll = http[defaultRouteIndex(next)] as HTTPRoute;
  const routes: HTTPRoute[] = rules.map((r) => {
    const match: HTTPMatchRequest = {};
    if (r.headers && Object.keys(r.headers).length > 0) match.headers = r.headers;
    if (r.uri) match.uri = r.uri;
    if (r.method) match.method = { exact: r.method };
    return { match: [match], route: [{ destination: { host: service.metadata.name, subset: r.subset } }] };
  });
  (next.spec as { http: HTTPRoute[] }).http = [...routes, catchAll];
  return next;
}

export interface FaultSettings {
  delay?: { fixedDelay: string; percent: number };
  abort?: { httpStatus: number; percent: number };
}

/** Fault injection on every HTTP route of the service's VirtualService; `undefined` removes it. */
export function applyFaultInjection(service: Service, vs: VirtualService | undefined, f: FaultSettings | undefined): VirtualService {
  const next = baseVs(service, vs);
  for (const r of next.spec?.http ?? []) {
    if (!f || (!f.delay && !f.abort)) {
      delete r.fault;
      continue;
    }
    const fault: HTTPFaultInjection = {};
    if (f.delay) fault.delay = { fixedDelay: f.delay.fixedDelay, percentage: { value: f.delay.percent } };
    if (f.abort) fault.abort = { httpStatus: f.abort.httpStatus, percentage: { value: f.abort.percent } };
    r.fault = fault;
  }
  return next;
}

export interface TimeoutSettings {
  timeout?: string;
  retries?: { attempts: number; perTryTimeout?: string; retryOn?: string };
}

/** Timeout and retries on every HTTP route; absent fields are removed. */
export function applyTimeouts(service: Service, vs: VirtualService | undefined, t: TimeoutSettings): VirtualService {
  const next = baseVs(service, vs);
  for (const r of next.spec?.http ?? []) {
    if (t.timeout) r.timeout = t.timeout;
    else delete r.timeout;
    if (t.retries) {
      const retries: HTTPRetry = { attempts: t.retries.attempts };
      if (t.retries.perTryTimeout) retries.perTryTimeout = t.retries.perTryTimeout;
      if (t.retries.retryOn) retries.retryOn = t.retries.retryOn;
      r.retries = retries;
    } else delete r.retries;
  }
  return next;
}

export interface CircuitBreakerSettings {
  connectionPool?: { maxConnections?: number; http1MaxPendingRequests?: number; maxRequestsPerConnection?: number };
  outlierDetection?: { consecutive5xxErrors?: number; interval?: string; baseEjectionTime?: string; maxEjectionPercent?: number };
}

/** Circuit breaker on the DestinationRule's traffic policy (connection pool + outlier detection); `undefined` removes both. */
export function applyCircuitBreaker(service: Service, dr: DestinationRule | undefined, cb: CircuitBreakerSettings | undefined): DestinationRule {
  const next = baseDr(service, dr);
  const spec = next.spec as NonNullable<DestinationRule['spec']>;
  const policy: TrafficPolicy = { ...spec.trafficPolicy };
  delete policy.connectionPool;
  delete policy.outlierDetection;
  if (cb?.connectionPool) {
    const { maxConnections, http1MaxPendingRequests, maxRequestsPerConnection } = cb.connectionPool;
    policy.connectionPool = {
      ...(maxConnections !== undefined ? { tcp: { maxConnections } } : {}),
      ...(http1MaxPendingRequests !== undefined || maxRequestsPerConnection !== undefined
        ? { http: { ...(http1MaxPendingRequests !== undefined ? { http1MaxPendingRequests } : {}), ...(maxRequestsPerConnection !== undefined ? { maxRequestsPerConnection } : {}) } }
        : {}),
    };
  }
  if (cb?.outlierDetection) policy.outlierDetection = { ...cb.outlierDetection };
  if (Object.keys(policy).length > 0) spec.trafficPolicy = policy;
  else delete spec.trafficPolicy;
  return next;
}

/** What the service's rules do, in words (for the service page's "current routing"). */
export function describeRouting(vs: VirtualService | undefined, dr: DestinationRule | undefined): string[] {
  const out: string[] = [];
  if (!vs) out.push('No VirtualService: requests are spread over all pods of the service.');
  for (const r of vs?.spec?.http ?? []) {
    const to = (r.route ?? []).map((d) => `${d.destination?.subset ?? d.destination?.host ?? '?'}${r.route && r.route.length > 1 ? ` ${d.weight ?? 0}%` : ''}`).join(', ');
    const when = r.match && r.match.length > 0
      ? `Requests ${r.match.map((m) => [m.headers ? Object.entries(m.headers).map(([k, v]) => `with header ${k} ${describeMatch(v)}`).join(' and ') : '', m.uri ? `to URI ${describeMatch(m.uri)}` : '', m.method ? `with method ${describeMatch(m.method)}` : ''].filter(Boolean).join(' and ')).join(', or ')}`
      : 'All other requests';
    const extras = [r.timeout ? `time out after ${r.timeout}` : '', r.retries ? `retry up to ${r.retries.attempts ?? 0} times${r.retries.retryOn ? ` on ${r.retries.retryOn}` : ''}` : '', r.fault?.delay ? `are delayed ${r.fault.delay.fixedDelay} (${r.fault.delay.percentage?.value ?? 100}%)` : '', r.fault?.abort ? `fail with ${r.fault.abort.httpStatus} (${r.fault.abort.percentage?.value ?? 100}%)` : '', r.mirror ? `are mirrored to ${r.mirror.subset ?? r.mirror.host}` : ''].filter(Boolean);
    out.push(`${when} go to ${to || 'nowhere'}${extras.length ? `; they ${extras.join(', ')}` : ''}.`);
  }
  const tp = dr?.spec?.trafficPolicy;
  if (tp?.connectionPool || tp?.outlierDetection) out.push(`Circuit breaker: ${[tp.connectionPool?.tcp?.maxConnections !== undefined ? `max ${tp.connectionPool.tcp.maxConnections} connections` : '', tp.connectionPool?.http?.http1MaxPendingRequests !== undefined ? `max ${tp.connectionPool.http.http1MaxPendingRequests} pending requests` : '', tp.outlierDetection ? `eject hosts after ${tp.outlierDetection.consecutive5xxErrors ?? 5} consecutive 5xx` : ''].filter(Boolean).join(', ')}.`);
  return out;
}

function describeMatch(m: StringMatch): string {
  if (m.exact !== undefined) return `= ${m.exact}`;
  if (m.prefix !== undefined) return `starting ${m.prefix}`;
  if (m.regex !== undefined) return `matching /${m.regex}/`;
  return 'present';
}
