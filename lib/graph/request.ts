/**
 * Parses the graph endpoint's query string (CONTRACT §3 and Kiali's options) into options; a string is a
 * message for a 400.
 */
import { GRAPH_TYPES, RESPONSE_TIME_QUANTILES, type GraphType, type ResponseTimeQuantile } from '../api/graph';
import { parseDuration } from '../time/duration';
import type { GraphOptions } from './appenders/types';

const NAMESPACE_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Longest window a graph may cover (Kiali's UI offers up to a day; the embedded store keeps an hour). */
export const MAX_DURATION_SEC = 30 * 86_400;
const DEFAULT_DURATION_SEC = 600;

function bool(q: URLSearchParams, name: string, fallback: boolean): boolean | string {
  const v = q.get(name);
  if (v === null || v === '') return fallback;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return `${name} must be true or false (got ${JSON.stringify(v)})`;
}

/** Parses a duration parameter into whole seconds (at least 1s); a string is the error. */
export function parseDurationParam(name: string, v: string | null, fallbackSec: number, maxSec = MAX_DURATION_SEC): number | string {
  if (v === null || v === '') return fallbackSec;
  const ms = parseDuration(v);
  if (ms === undefined || ms < 1000) return `${name} must be a duration of at least 1s such as 60s, 10m or 1h (got ${JSON.stringify(v)})`;
  if (ms / 1000 > maxSec) return `${name} must be at most ${maxSec}s (got ${JSON.stringify(v)})`;
  return Math.round(ms / 1000);
}

/** Parses `queryTime` (unix seconds, default now, never in the future). */
export function parseQueryTime(v: string | null, nowSec: number): number | string {
  if (v === null || v === '') return Math.floor(nowSec);
  if (!/^\d+(\.\d+)?$/.test(v)) return `queryTime must be unix seconds (got ${JSON.stringify(v)})`;
  return Math.min(Math.floor(Number(v)), Math.floor(nowSec));
}

/** Most namespaces one request may name (a cluster rarely has more; each costs a regex alternative). */
export const MAX_NAMESPACES = 500;

/** Parses `namespaces=a,b` (required, valid DNS labels, at most {@link MAX_NAMESPACES}); a string is the error. */
export function parseNamespacesParam(q: URLSearchParams): string[] | string {
  const nsText = q.get('namespaces');
  if (nsText === null || nsText.trim() === '') return 'namespaces is required: a comma-separated list such as namespaces=bookinfo';
  if (nsText.length > MAX_NAMESPACES * 64) return `namespaces is too long (at most ${MAX_NAMESPACES} names)`;
  const namespaces = [...new Set(nsText.split(',').map((s) => s.trim()).filter(Boolean))];
  if (namespaces.length > MAX_NAMESPACES) return `namespaces names ${namespaces.length}; at most ${MAX_NAMESPACES}`;
  const bad = namespaces.find((n) => !NAMESPACE_RE.test(n) || n.length > 63);
  if (bad !== undefined) return `namespaces: ${JSON.stringify(bad)} is not a valid namespace name`;
  return namespaces;
}

export function parseGraphQuery(q: URLSearchParams, nowSec: number): GraphOptions | string {
  const namespaces = parseNamespacesParam(q);
  if (typeof namespaces === 'string') return namespaces;
  if (namespaces.length === 0) return 'namespaces is required';
  // Kiali's API defaults: a workload graph without service nodes over 10 minutes.
  const graphType = q.get('graphType') ?? 'workload';
  if (!(GRAPH_TYPES as readonly string[]).includes(graphType)) return `graphType must be one of ${GRAPH_TYPES.join(', ')} (got ${JSON.stringify(graphType)})`;
  const durationSec = parseDurationParam('duration', q.get('duration'), DEFAULT_DURATION_SEC);
  if (typeof durationSec === 'string') return durationSec;
  const queryTimeSec = parseQueryTime(q.get('queryTime'), nowSec);
  if (typeof queryTimeSec === 'string') return queryTimeSec;
  const injectServiceNodes = bool(q, 'injectServiceNodes', false);
  if (typeof injectServiceNodes === 'string') return injectServiceNodes;
  const includeIdleEdges = bool(q, 'includeIdleEdges', false);
  if (typeof includeIdleEdges === 'string') return includeIdleEdges;
  const idleNodes = bool(q, 'idleNodes', false);
  if (typeof idleNodes === 'string') return idleNodes;
  const responseTime = q.get('responseTime') ?? '95';
  if (!(RESPONSE_TIME_QUANTILES as readonly string[]).includes(responseTime)) return `responseTime must be one of ${RESPONSE_TIME_QUANTILES.join(', ')}`;
  const throughputType = q.get('throughputType') ?? 'response';
  if (throughputType !== 'request' && throughputType !== 'response') return 'throughputType must be request or response';
  const boxBy: GraphOptions['boxBy'] = [];
  for (const b of (q.get('boxBy') ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (b !== 'app' && b !== 'namespace' && b !== 'cluster') return `boxBy must list app, namespace or cluster (got ${JSON.stringify(b)})`;
    boxBy.push(b);
  }
  return {
    namespaces,
    graphType: graphType as GraphType,
    injectServiceNodes,
    includeIdleEdges,
    idleNodes,
    responseTime: responseTime as ResponseTimeQuantile,
    throughputType,
    boxBy,
    durationSec,
    queryTimeSec,
  };
}
