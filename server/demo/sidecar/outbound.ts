import http from 'node:http';
import net from 'node:net';
import type { Logger } from 'pino';
import { findDestinationRule, peerAuthMode, planRequest, resolveAuthority, retryPolicy, rewritePath, shouldRetry, trafficPolicyFor, type AttemptOutcome, type Dice, type RoutePlan, type RoutingTable } from '../../../lib/istio/routing';
import { FORWARDED_TRACE_HEADERS, type DemoTracer, type HeaderMap, type TracedWorkload } from '../tracing/types';
import type { Endpoint, MeshRegistry } from '../registry';
import type { UpstreamResponse } from './app-types';
import { attempt, type AttemptResult } from './http-client';
import { decodePeer, encodePeer, httpLabels, peerLabels, PEER_METADATA_HEADER, PEER_METADATA_ID_HEADER, tcpLabels, TLS_PEER_HEADER, principalOf, type ServiceRef, type WorkloadIdentity } from './identity';
import type { IstioStats } from './stats';
import { accessLogLine, codeDetails, requestIdOf, traceIdOf, type ProxyLogs } from './access-log';
import type { ClusterStats } from './cluster-stats';

export interface OutboundOptions {
  identity: WorkloadIdentity;
  traced: TracedWorkload;
  /** `mesh` for sidecars; `ns/name` of the Gateway this proxy serves for a gateway. */
  binding: () => string;
  registry: MeshRegistry;
  routing: () => RoutingTable;
  stats: IstioStats;
  tracer: DemoTracer;
  dice: Dice;
  log: Logger;
  /** The proxy's access log (and its app's log); absent in tests that do not read them. */
  logs?: ProxyLogs;
  /** Per-host counters for the admin `/clusters` page. */
  clusterStats?: ClusterStats;
}

const RETRY_BACKOFF_MS = 25;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Where the plan sends a request, or the local reply Envoy would give instead. */
type Upstream =
  | { kind: 'pods'; service: ServiceRef; endpoints: Endpoint[]; mtls: boolean }
  | { kind: 'external'; service: ServiceRef; address: { host: string; port: number } }
  | { kind: 'local-reply'; service?: ServiceRef; status: number; flags: string };

/**
 * The outbound half of a sidecar: what Envoy does when an app calls `http://reviews:9080/...` —
 * route through the VirtualServices, pick a weighted subset and a pod, inject faults, enforce timeouts and
 * retries, mirror, speak mTLS to other sidecars, and record `reporter="source"` telemetry and a client span.
 */
export class Outbound {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly o: OutboundOptions) {}

  async http(authority: string, method: string, path: string, appHeaders: HeaderMap, body?: Buffer): Promise<UpstreamResponse> {
    const started = performance.now();
    const table = this.o.routing();
    const req = { method, path, authority, headers: appHeaders, sourceLabels: { app: this.o.identity.app, ...(this.o.identity.version ? { version: this.o.identity.version } : {}) }, sourceNamespace: this.o.identity.namespace };
    const plan = planRequest(table, req, this.o.identity.namespace, this.o.binding(), this.o.dice);
    const upstream = this.resolve(plan, table);
    const span = this.o.tracer.startClient(this.o.traced, pickTraceHeaders(appHeaders), { method, host: authority, path, protocol: 'http' });
    const flags: string[] = [];
    const requestId = requestIdOf({ ...appHeaders, ...span.headers });
    let upstreamMs: number | undefined;
    let result: { status: number; headers: HeaderMap; body: Buffer; peer?: WorkloadIdentity; mtls: boolean; address?: string };

    if (plan.fault.delayMs !== undefined) {
      flags.push('DI');
      await sleep(plan.fault.delayMs);
    }
    if (plan.directResponse) {
      result = { status: plan.directResponse.status, headers: {}, body: Buffer.from(plan.directResponse.body), mtls: false };
    } else if (plan.redirect) {
      result = { status: plan.redirect.status, headers: { location: plan.redirect.location }, body: Buffer.alloc(0), mtls: false };
    } else if (plan.fault.abortStatus !== undefined) {
      flags.push('FI');
      result = { status: plan.fault.abortStatus, headers: {}, body: Buffer.from('fault filter abort'), mtls: false };
    } else if (upstream.kind === 'local-reply') {
      flags.push(upstream.flags);
      result = { status: upstream.status, headers: {}, body: Buffer.from(localReplyText(upstream.flags)), mtls: false };
    } else {
      const upstreamPath = plan.rewriteUri !== undefined && plan.choice.kind === 'route' ? rewritePath(path, plan.choice.route, plan.rewriteUri) : path;
      const headers = applyHeaderOps({ ...appHeaders, ...span.headers, 'x-request-id': requestId, host: authority }, plan.requestHeaders);
      const sendStarted = performance.now();
      result = await this.send(plan, upstream, method, upstreamPath, headers, body, flags);
      upstreamMs = performance.now() - sendStarted;
      if (plan.mirror) this.mirror(plan, table, method, upstreamPath, headers, body);
    }

    const service = upstream.service ?? { host: plan.host, name: plan.host.split('.')[0] ?? plan.host, namespace: 'unknown' };
    const flagText = flags.length > 0 ? [...new Set(flags)].join(',') : '-';
    const durationMs = performance.now() - started;
    const peer = peerLabels('source', this.o.identity, result.peer, service, 'http', result.mtls);
    this.o.stats.recordHttp({ labels: httpLabels(peer, result.status, flagText, 'source', result.mtls), durationMs, requestBytes: body?.length ?? 0, responseBytes: result.body.length });
    span.end({
      statusCode: result.status,
      responseFlags: flagText,
      upstreamCluster: clusterName(plan, service),
      requestSize: body?.length ?? 0,
      responseSize: result.body.length,
      ...(result.peer ? { peerWorkload: result.peer.name } : {}),
      ...(result.address ? { peerAddress: result.address } : {}),
    });
    const cluster = flagText.includes('NR') ? '-' : clusterName(plan, service);
    this.o.clusterStats?.record(cluster, result.address, result.status);
    this.o.logs?.proxy(accessLogLine({
      started: Date.now() - durationMs, method, path, headers: { ...appHeaders, host: authority }, status: result.status, flags: flagText, details: codeDetails(flagText, result.status),
      requestBytes: body?.length ?? 0, responseBytes: result.body.length, durationMs, ...(upstreamMs !== undefined && result.peer !== undefined ? { upstreamServiceTimeMs: upstreamMs } : {}),
      ...(result.address ? { upstreamHost: result.address } : {}), upstreamCluster: cluster, downstreamLocal: `127.0.0.1:${plan.destination?.port ?? 9080}`, downstreamRemote: '-',
      routeName: routeNameOf(plan), requestId, ...(traceIdOf(span.headers) ? { traceId: traceIdOf(span.headers) as string } : {}),
    }));
    const { [PEER_METADATA_HEADER]: _m, [PEER_METADATA_ID_HEADER]: _i, ...headers } = result.headers;
    return { status: result.status, headers, body: result.body, flags: flagText };
  }

  /** A TCP exchange: connect through the proxy, send one line, read one line back, close. */
  async tcp(authority: string, payload: Buffer): Promise<Buffer> {
    const table = this.o.routing();
    // TCP has no HTTP routes to match: the service the authority names, spread over its pods.
    const host = resolveAuthority(table, authority, this.o.identity.namespace);
    const upstream = this.resolve({ host, choice: { kind: 'default' }, destination: { host, index: 0 }, retry: retryPolicy({ attempts: 0 }), fault: {} }, table);
    const service = upstream.service ?? { host, name: host.split('.')[0] ?? host, namespace: 'unknown' };
    if (upstream.kind !== 'pods' || upstream.endpoints.length === 0) {
      const labels = tcpLabels(peerLabels('source', this.o.identity, undefined, service, 'tcp', false), 'UF', 'source', false);
      this.o.stats.tcpOpen(labels);
      this.o.stats.tcpClose(labels);
      throw new Error(`no upstream for ${authority}`);
    }
    const ep = upstream.endpoints[this.o.dice.below(upstream.endpoints.length)] as Endpoint;
    const mtls = upstream.mtls;
    const started = Date.now();
    const cluster = `outbound|${this.o.registry.service(host)?.port ?? 0}||${host}`;
    let sentBytes = 0;
    const labels = tcpLabels(peerLabels('source', this.o.identity, ep.sidecar ? ep.identity : undefined, service, 'tcp', mtls), '-', 'source', mtls);
    this.o.stats.tcpOpen(labels);
    const preamble = ep.sidecar ? Buffer.from(`ISTIO-PEER ${encodePeer(this.o.identity)} ${mtls ? principalOf(this.o.identity) : '-'}\n`) : Buffer.alloc(0);
    try {
      const reply = await tcpExchange(ep, Buffer.concat([preamble, payload, Buffer.from('\n')]));
      // Istio's naming: "sent" is response bytes (server to client), "received" request bytes, at both reporters.
      this.o.stats.tcpBytes(labels, reply.length, payload.length + 1);
      sentBytes = reply.length;
      return reply;
    } finally {
      this.o.stats.tcpClose(labels);
      this.o.clusterStats?.record(cluster, `${ep.host}:${ep.port}`, 200);
      this.o.logs?.proxy(accessLogLine({
        started, method: '-', path: '-', protocol: '-', headers: {}, status: 0, flags: '-', details: '-', requestBytes: payload.length + 1, responseBytes: sentBytes, durationMs: Date.now() - started,
        upstreamHost: `${ep.host}:${ep.port}`, upstreamCluster: cluster, downstreamLocal: `127.0.0.1:${this.o.registry.service(host)?.port ?? 0}`, downstreamRemote: '-', routeName: '-', requestId: '-',
      }));
    }
  }

  close(): void {
    this.agent.destroy();
  }

  private resolve(plan: RoutePlan, table: RoutingTable): Upstream {
    if (plan.choice.kind === 'no-route') return { kind: 'local-reply', status: 404, flags: 'NR' };
    const dest = plan.destination;
    if (!dest) return { kind: 'local-reply', status: 503, flags: 'NR' };
    const svc = this.o.registry.service(dest.host);
    if (!svc) {
      const se = table.serviceEntries.find((s) => s.hosts.includes(dest.host));
      const address = this.o.registry.externalAddress(dest.host);
      const service: ServiceRef = { host: dest.host, name: dest.host, namespace: se?.namespace ?? 'unknown' };
      if (se && address) return { kind: 'external', service, address };
      return { kind: 'local-reply', service, status: 503, flags: 'NC' };
    }
    const service: ServiceRef = { host: dest.host, name: svc.name, namespace: svc.namespace };
    const dr = findDestinationRule(table, dest.host, this.o.identity.namespace);
    let subsetLabels: Record<string, string> | undefined;
    if (dest.subset) {
      const subset = dr?.spec?.subsets?.find((s) => s.name === dest.subset);
      // Envoy has no cluster for an undefined subset: 503 with NC (no cluster found).
      if (!subset) return { kind: 'local-reply', service, status: 503, flags: 'NC' };
      subsetLabels = subset.labels ?? {};
    }
    const endpoints = this.o.registry.endpointsFor(dest.host, subsetLabels);
    if (endpoints.length === 0) return { kind: 'local-reply', service, status: 503, flags: 'UH' };
    const first = endpoints[0] as Endpoint;
    const tlsMode = trafficPolicyFor(dr, dest.subset)?.tls?.mode;
    // Auto mTLS: sidecar to sidecar unless the DestinationRule or the server's PeerAuthentication turns it off.
    const mtls = first.sidecar && (tlsMode === undefined || tlsMode === 'ISTIO_MUTUAL') && peerAuthMode(table, first.identity.namespace, first.labels) !== 'DISABLE';
    return { kind: 'pods', service, endpoints, mtls };
  }

  private async send(plan: RoutePlan, upstream: Extract<Upstream, { kind: 'pods' | 'external' }>, method: string, path: string, headers: HeaderMap, body: Buffer | undefined, flags: string[]) {
    const deadline = plan.timeoutMs !== undefined ? performance.now() + plan.timeoutMs : Infinity;
    const maxAttempts = 1 + plan.retry.attempts;
    let last: AttemptResult = { ok: false, failure: 'connect-failure' };
    let target: { host: string; port: number; ep?: Endpoint } = { host: '127.0.0.1', port: 0 };
    let attempts = 0;
    const mtls = upstream.kind === 'pods' && upstream.mtls;
    for (; attempts < maxAttempts; attempts++) {
      if (upstream.kind === 'pods') {
        const ep = upstream.endpoints[this.o.dice.below(upstream.endpoints.length)] as Endpoint;
        target = { host: ep.host, port: ep.port, ep };
      } else {
        target = upstream.address;
      }
      const h: HeaderMap = { ...headers };
      if (upstream.kind === 'pods' && target.ep?.sidecar) {
        h[PEER_METADATA_HEADER] = encodePeer(this.o.identity);
        h[PEER_METADATA_ID_HEADER] = `sidecar~${this.o.identity.name}.${this.o.identity.namespace}`;
        if (mtls) h[TLS_PEER_HEADER] = principalOf(this.o.identity);
      }
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        last = { ok: false, failure: 'route-timeout' };
        break;
      }
      const perTry = plan.retry.perTryTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS * 3;
      const routeBound = remaining <= perTry;
      last = await attempt(this.agent, target, method, path, h, body, Math.min(remaining, perTry), routeBound);
      if (last.ok && !shouldRetry(plan.retry, { status: last.status })) break;
      if (!last.ok && last.failure === 'route-timeout') break;
      const outcome: AttemptOutcome = last.ok ? { status: last.status } : { failure: last.failure === 'route-timeout' ? 'per-try-timeout' : last.failure };
      if (!shouldRetry(plan.retry, outcome) || attempts + 1 >= maxAttempts) break;
      await sleep(Math.min(RETRY_BACKOFF_MS * 2 ** attempts * (0.5 + this.o.dice.below(1000) / 1000), Math.max(0, deadline - performance.now())));
    }
    const address = `${target.host}:${target.port}`;
    if (last.ok) {
      if (attempts > 0 && attempts + 1 >= maxAttempts && shouldRetry(plan.retry, { status: last.status })) flags.push('URX');
      const peer = upstream.kind === 'pods' ? decodePeer(last.headers[PEER_METADATA_HEADER]) : undefined;
      return { status: last.status, headers: last.headers, body: last.body, ...(peer ? { peer } : {}), mtls: mtls && peer !== undefined, address };
    }
    if (last.failure === 'route-timeout' || last.failure === 'per-try-timeout') {
      flags.push('UT');
      return { status: 504, headers: {}, body: Buffer.from('upstream request timeout'), mtls: false, address };
    }
    flags.push(last.failure === 'connect-failure' ? 'UF' : 'UC');
    if (attempts > 0) flags.push('URX');
    return { status: 503, headers: {}, body: Buffer.from('upstream connect error or disconnect/reset before headers'), mtls: false, address };
  }

  /** Fire-and-forget shadow copy, as Envoy sends it: Host gets `-shadow`, the response is dropped. */
  private mirror(plan: RoutePlan, table: RoutingTable, method: string, path: string, headers: HeaderMap, body: Buffer | undefined): void {
    const m = plan.mirror;
    if (!m) return;
    const upstream = this.resolve({ ...plan, choice: { kind: 'default' }, destination: m, mirror: undefined } as RoutePlan, table);
    if (upstream.kind !== 'pods') return;
    const ep = upstream.endpoints[this.o.dice.below(upstream.endpoints.length)] as Endpoint;
    const h: HeaderMap = { ...headers, host: `${headers.host ?? m.host}-shadow`, [PEER_METADATA_HEADER]: encodePeer(this.o.identity) };
    if (upstream.mtls) h[TLS_PEER_HEADER] = principalOf(this.o.identity);
    void attempt(this.agent, { host: ep.host, port: ep.port }, method, path, h, body, 10_000, true);
  }
}

function pickTraceHeaders(h: HeaderMap): HeaderMap {
  const out: HeaderMap = {};
  for (const k of FORWARDED_TRACE_HEADERS) if (h[k] !== undefined) out[k] = h[k] as string;
  return out;
}

function applyHeaderOps(h: HeaderMap, ops: RoutePlan['requestHeaders']): HeaderMap {
  if (!ops) return h;
  const out = { ...h };
  for (const [k, v] of Object.entries(ops.set ?? {})) out[k.toLowerCase()] = v;
  for (const [k, v] of Object.entries(ops.add ?? {})) out[k.toLowerCase()] = out[k.toLowerCase()] ? `${out[k.toLowerCase()]}, ${v}` : v;
  for (const k of ops.remove ?? []) delete out[k.toLowerCase()];
  return out;
}

/** The Envoy route name the config dump gives this route (`reviews.0`, or Istio's `default` without a VirtualService). */
function routeNameOf(plan: RoutePlan): string {
  if (plan.choice.kind !== 'route') return plan.choice.kind === 'default' ? 'default' : '-';
  return plan.choice.route.name ?? `${plan.choice.vs?.metadata.name ?? 'route'}.${plan.choice.routeIndex}`;
}

/** Envoy's cluster name: `outbound|<port>|<subset>|<host>`. */
function clusterName(plan: RoutePlan, service: ServiceRef): string {
  return `outbound|${plan.destination?.port ?? 9080}|${plan.destination?.subset ?? ''}|${service.host}`;
}

function localReplyText(flags: string): string {
  switch (flags) {
    case 'NR': return 'no route';
    case 'NC': return 'no healthy upstream (no cluster)';
    case 'UH': return 'no healthy upstream';
    default: return 'upstream error';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function tcpExchange(ep: Endpoint, bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: ep.host, port: ep.port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => sock.destroy(new Error('tcp exchange timed out')), 10_000);
    sock.on('connect', () => sock.write(bytes));
    sock.on('data', (c: Buffer) => {
      chunks.push(c);
      if (c.includes(10)) sock.end();
    });
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    sock.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
