import type { Destination, HTTPRoute, HTTPRouteDestination } from '../types';
import { fqdn, portOf, stripPort } from './hosts';
import { matchAny, type RoutableRequest } from './match';
import { planFault, percentOf, retryPolicy, type FaultPlan, type RetryPolicy } from './policy';
import { findVirtualService, type RouteChoice, type RoutingTable } from './table';
import { parseDuration } from '../../time/duration';

/** Chooses the first matching http route of the VirtualService for the request's host, as Envoy's route table does. */
export function chooseRoute(table: RoutingTable, req: RoutableRequest, clientNs: string, gateway: string): { host: string; choice: RouteChoice } {
  const host = resolveAuthority(table, req.authority, clientNs);
  const c = findVirtualService(table, host, gateway);
  if (!c) return { host, choice: { kind: 'default' } };
  const routes = c.vs.spec?.http ?? [];
  for (let i = 0; i < routes.length; i++) {
    const r = routes[i] as HTTPRoute;
    if (matchAny(r.match, req, gateway === 'mesh' ? 'mesh' : (gateway.split('/')[1] ?? gateway))) {
      return { host, choice: { kind: 'route', vs: c.vs, routeIndex: i, route: r } };
    }
  }
  return { host, choice: { kind: 'no-route', vs: c.vs } };
}

/** The FQDN a client means by an authority: ServiceEntry hosts as written, short names within the client's namespace. */
export function resolveAuthority(table: RoutingTable, authority: string, clientNs: string): string {
  const bare = stripPort(authority.toLowerCase());
  for (const se of table.serviceEntries) if (se.hosts.includes(bare)) return bare;
  return fqdn(bare, clientNs);
}

export interface ResolvedDestination {
  /** FQDN of the destination service. */
  host: string;
  subset?: string;
  port?: number;
  /** Index in the route's destination list (for stable tests). */
  index: number;
}

/**
 * Picks one weighted destination. `roll` returns a uniform number in [0, total weight).
 * A single destination without weight takes everything; weights of 0 never receive traffic.
 */
export function pickDestination(route: HTTPRouteDestination[], vsNamespace: string, roll: (total: number) => number): ResolvedDestination | undefined {
  if (route.length === 0) return undefined;
  const weights = route.map((d) => (route.length === 1 && d.weight === undefined ? 100 : (d.weight ?? 0)));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return undefined;
  let r = roll(total);
  for (let i = 0; i < route.length; i++) {
    const w = weights[i] as number;
    if (r < w) return toResolved(route[i]?.destination, vsNamespace, i);
    r -= w;
  }
  return toResolved(route[route.length - 1]?.destination, vsNamespace, route.length - 1);
}

function toResolved(d: Destination | undefined, vsNamespace: string, index: number): ResolvedDestination | undefined {
  if (!d?.host) return undefined;
  const out: ResolvedDestination = { host: fqdn(d.host, vsNamespace), index };
  if (d.subset) out.subset = d.subset;
  const port = d.port?.number ?? portOf(d.host);
  if (port !== undefined) out.port = port;
  return out;
}

/** Everything the proxy must do for one request, decided up front. */
export interface RoutePlan {
  host: string;
  choice: RouteChoice;
  destination?: ResolvedDestination;
  timeoutMs?: number;
  retry: RetryPolicy;
  fault: FaultPlan;
  mirror?: ResolvedDestination;
  rewriteUri?: string;
  requestHeaders?: { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] };
  directResponse?: { status: number; body: string };
  redirect?: { status: number; location: string };
}

/** Random sources injected so routing stays pure and testable. */
export interface Dice {
  /** Uniform in [0, n). */
  below(n: number): number;
}

/** Plans a request end to end: route, weighted destination, fault, timeout, retries, mirror. */
export function planRequest(table: RoutingTable, req: RoutableRequest, clientNs: string, gateway: string, dice: Dice): RoutePlan {
  const { host, choice } = chooseRoute(table, req, clientNs, gateway);
  if (choice.kind !== 'route') {
    const plan: RoutePlan = { host, choice, retry: retryPolicy(undefined), fault: {} };
    if (choice.kind === 'default') plan.destination = { host, index: 0 };
    return plan;
  }
  const r = choice.route;
  const vsNs = choice.vs?.metadata.namespace ?? clientNs;
  const plan: RoutePlan = { host, choice, retry: retryPolicy(r.retries), fault: planFault(r.fault, () => dice.below(100)) };
  if (r.directResponse) {
    plan.directResponse = { status: r.directResponse.status ?? 200, body: r.directResponse.body?.string ?? '' };
    return plan;
  }
  if (r.redirect) {
    plan.redirect = { status: r.redirect.redirectCode ?? 301, location: r.redirect.uri ?? '/' };
    return plan;
  }
  const dest = pickDestination(r.route ?? [], vsNs, (n) => dice.below(n));
  if (dest) plan.destination = dest;
  const t = r.timeout ? parseDuration(r.timeout) : undefined;
  if (t !== undefined && t > 0) plan.timeoutMs = t;
  const mirrorDest = r.mirror ?? r.mirrors?.[0]?.destination;
  if (mirrorDest?.host) {
    const pct = r.mirror ? percentOf(r.mirrorPercentage, r.mirrorPercent) : percentOf(r.mirrors?.[0]?.percentage);
    if (dice.below(100) < pct) {
      const m = toResolved(mirrorDest, vsNs, 0);
      if (m) plan.mirror = m;
    }
  }
  if (r.rewrite?.uri !== undefined) plan.rewriteUri = r.rewrite.uri;
  const rh = r.headers?.request ?? (r.route ?? [])[dest?.index ?? 0]?.headers?.request;
  if (rh) plan.requestHeaders = rh;
  return plan;
}

/** Applies a `rewrite.uri` to the matched prefix (Istio replaces the matched prefix, else the whole path). */
export function rewritePath(path: string, route: HTTPRoute, rewriteUri: string): string {
  const q = path.indexOf('?');
  const uri = q === -1 ? path : path.slice(0, q);
  const query = q === -1 ? '' : path.slice(q);
  const prefix = route.match?.find((m) => m.uri?.prefix !== undefined && uri.startsWith(m.uri.prefix))?.uri?.prefix;
  return (prefix !== undefined ? rewriteUri + uri.slice(prefix.length) : rewriteUri) + query;
}
