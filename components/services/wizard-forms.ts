import type { DestinationRule, StringMatch, VirtualService } from '@/lib/istio/types';
import type { CircuitBreakerSettings, FaultSettings, RoutingRule, TimeoutSettings } from '@/lib/istio/traffic/wizards';

/*
 * The wizards' forms as plain strings (what inputs hold), read from the current objects and parsed into the
 * settings lib/istio/traffic/wizards.ts turns into objects. Parsing reports per-field errors in words.
 */

export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const DURATION = /^\d+(\.\d+)?(ms|s|m|h)$/;

function percent(v: string, field: string, errors: FieldErrors): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) errors[field] = 'a percentage from 0 to 100';
  return n;
}
function duration(v: string, field: string, errors: FieldErrors, required: boolean): string | undefined {
  const t = v.trim();
  if (t === '') {
    if (required) errors[field] = 'required, e.g. 2s or 500ms';
    return undefined;
  }
  if (!DURATION.test(t)) errors[field] = 'a duration such as 2s, 500ms or 1m';
  return t;
}
function count(v: string, field: string, errors: FieldErrors, min = 0): number | undefined {
  const t = v.trim();
  if (t === '') return undefined;
  const n = Number(t);
  if (!Number.isInteger(n) || n < min) errors[field] = `a whole number${min > 0 ? ` from ${min}` : ''}`;
  return n;
}
const done = <T>(value: T, errors: FieldErrors): Parsed<T> => (Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value });

// ---- request routing ----
export type MatchKind = 'exact' | 'prefix' | 'regex';
export interface RoutingRow {
  header: string;
  headerKind: MatchKind;
  headerValue: string;
  uriKind: MatchKind;
  uri: string;
  method: string;
  subset: string;
}
export const emptyRoutingRow = (subset: string): RoutingRow => ({ header: '', headerKind: 'exact', headerValue: '', uriKind: 'prefix', uri: '', method: '', subset });

const firstMatch = (m: StringMatch | undefined): [MatchKind, string] => (m?.exact !== undefined ? ['exact', m.exact] : m?.prefix !== undefined ? ['prefix', m.prefix] : m?.regex !== undefined ? ['regex', m.regex] : ['exact', '']);

/** The match routes of the VirtualService as rows (first header, URI and method of each route's first match). */
export function routingRowsOf(vs: VirtualService | undefined): RoutingRow[] {
  return (vs?.spec?.http ?? []).filter((r) => r.match && r.match.length > 0).map((r) => {
    const m = r.match?.[0];
    const [header, hm] = Object.entries(m?.headers ?? {})[0] ?? ['', undefined];
    const [headerKind, headerValue] = firstMatch(hm);
    const [uriKind, uri] = m?.uri ? firstMatch(m.uri) : (['prefix', ''] as [MatchKind, string]);
    return { header, headerKind, headerValue, uriKind, uri, method: m?.method?.exact ?? '', subset: r.route?.[0]?.destination?.subset ?? '' };
  });
}

export function parseRoutingRows(rows: readonly RoutingRow[]): Parsed<RoutingRule[]> {
  const errors: FieldErrors = {};
  const rules = rows.map((r, i) => {
    const rule: RoutingRule = { subset: r.subset };
    if (!r.subset) errors[`${i}.subset`] = 'pick a version';
    if (r.header.trim()) {
      if (!/^[a-z0-9-]+$/i.test(r.header.trim())) errors[`${i}.header`] = 'a header name (letters, digits, -)';
      rule.headers = { [r.header.trim().toLowerCase()]: { [r.headerKind]: r.headerValue } };
    }
    if (r.uri.trim()) rule.uri = { [r.uriKind]: r.uri.trim() };
    if (r.method) rule.method = r.method;
    if (!rule.headers && !rule.uri && !rule.method) errors[`${i}.header`] = 'give a header, a URI or a method to match';
    return rule;
  });
  return done(rules, errors);
}

// ---- fault injection ----
export interface FaultForm {
  delayOn: boolean;
  delay: string;
  delayPercent: string;
  abortOn: boolean;
  abortStatus: string;
  abortPercent: string;
}
export function faultFormOf(vs: VirtualService | undefined): FaultForm {
  const f = (vs?.spec?.http ?? []).find((r) => r.fault)?.fault;
  return {
    delayOn: !!f?.delay,
    delay: f?.delay?.fixedDelay ?? '2s',
    delayPercent: String(f?.delay?.percentage?.value ?? 50),
    abortOn: !!f?.abort,
    abortStatus: String(f?.abort?.httpStatus ?? 503),
    abortPercent: String(f?.abort?.percentage?.value ?? 10),
  };
}
export function parseFaultForm(f: FaultForm): Parsed<FaultSettings | undefined> {
  const errors: FieldErrors = {};
  const out: FaultSettings = {};
  if (f.delayOn) out.delay = { fixedDelay: duration(f.delay, 'delay', errors, true) ?? '', percent: percent(f.delayPercent, 'delayPercent', errors) };
  if (f.abortOn) {
    const status = Number(f.abortStatus);
    if (!Number.isInteger(status) || status < 200 || status > 599) errors.abortStatus = 'an HTTP status from 200 to 599';
    out.abort = { httpStatus: status, percent: percent(f.abortPercent, 'abortPercent', errors) };
  }
  return done(out.delay || out.abort ? out : undefined, errors);
}

// ---- timeouts and retries ----
export interface TimeoutForm {
  timeout: string;
  retriesOn: boolean;
  attempts: string;
  perTryTimeout: string;
  retryOn: string;
}
export function timeoutFormOf(vs: VirtualService | undefined): TimeoutForm {
  const r = (vs?.spec?.http ?? []).find((x) => x.timeout || x.retries);
  return { timeout: r?.timeout ?? '', retriesOn: !!r?.retries, attempts: String(r?.retries?.attempts ?? 3), perTryTimeout: r?.retries?.perTryTimeout ?? '', retryOn: r?.retries?.retryOn ?? '5xx,reset,connect-failure' };
}
export function parseTimeoutForm(f: TimeoutForm): Parsed<TimeoutSettings> {
  const errors: FieldErrors = {};
  const out: TimeoutSettings = {};
  const timeout = duration(f.timeout, 'timeout', errors, false);
  if (timeout) out.timeout = timeout;
  if (f.retriesOn) {
    const attempts = count(f.attempts, 'attempts', errors, 1);
    if (attempts === undefined) errors.attempts = 'required: how many retries';
    const perTry = duration(f.perTryTimeout, 'perTryTimeout', errors, false);
    out.retries = { attempts: attempts ?? 0, ...(perTry ? { perTryTimeout: perTry } : {}), ...(f.retryOn.trim() ? { retryOn: f.retryOn.trim() } : {}) };
  }
  return done(out, errors);
}

// ---- circuit breaker ----
export interface BreakerForm {
  poolOn: boolean;
  maxConnections: string;
  maxPending: string;
  maxPerConnection: string;
  outlierOn: boolean;
  consecutive5xx: string;
  interval: string;
  baseEjection: string;
  maxEjectionPercent: string;
}
export function breakerFormOf(dr: DestinationRule | undefined): BreakerForm {
  const tp = dr?.spec?.trafficPolicy;
  const s = (n: number | undefined, d: string) => (n === undefined ? d : String(n));
  return {
    poolOn: !!tp?.connectionPool,
    maxConnections: s(tp?.connectionPool?.tcp?.maxConnections, '100'),
    maxPending: s(tp?.connectionPool?.http?.http1MaxPendingRequests, '10'),
    maxPerConnection: s(tp?.connectionPool?.http?.maxRequestsPerConnection, ''),
    outlierOn: !!tp?.outlierDetection,
    consecutive5xx: s(tp?.outlierDetection?.consecutive5xxErrors, '5'),
    interval: tp?.outlierDetection?.interval ?? '10s',
    baseEjection: tp?.outlierDetection?.baseEjectionTime ?? '30s',
    maxEjectionPercent: s(tp?.outlierDetection?.maxEjectionPercent, '100'),
  };
}
export function parseBreakerForm(f: BreakerForm): Parsed<CircuitBreakerSettings | undefined> {
  const errors: FieldErrors = {};
  const out: CircuitBreakerSettings = {};
  if (f.poolOn) {
    const maxConnections = count(f.maxConnections, 'maxConnections', errors, 1);
    const http1MaxPendingRequests = count(f.maxPending, 'maxPending', errors, 1);
    const maxRequestsPerConnection = count(f.maxPerConnection, 'maxPerConnection', errors, 1);
    if (maxConnections === undefined && http1MaxPendingRequests === undefined && maxRequestsPerConnection === undefined) errors.maxConnections = 'set at least one limit';
    out.connectionPool = { ...(maxConnections !== undefined ? { maxConnections } : {}), ...(http1MaxPendingRequests !== undefined ? { http1MaxPendingRequests } : {}), ...(maxRequestsPerConnection !== undefined ? { maxRequestsPerConnection } : {}) };
  }
  if (f.outlierOn) {
    const consecutive5xxErrors = count(f.consecutive5xx, 'consecutive5xx', errors, 1);
    const interval = duration(f.interval, 'interval', errors, false);
    const baseEjectionTime = duration(f.baseEjection, 'baseEjection', errors, false);
    const maxEjectionPercent = f.maxEjectionPercent.trim() === '' ? undefined : percent(f.maxEjectionPercent, 'maxEjectionPercent', errors);
    out.outlierDetection = { ...(consecutive5xxErrors !== undefined ? { consecutive5xxErrors } : {}), ...(interval ? { interval } : {}), ...(baseEjectionTime ? { baseEjectionTime } : {}), ...(maxEjectionPercent !== undefined ? { maxEjectionPercent } : {}) };
  }
  return done(out.connectionPool || out.outlierDetection ? out : undefined, errors);
}
