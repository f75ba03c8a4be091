/**
 * Workloads: access-log parsing (what every logs answer for istio-proxy does per line) and the config dump built
 * from a routing table (what every demo sidecar's /config_dump does), on a synthetic mesh.
 */
import { formatAccessLog, type AccessLogEntry } from '../lib/envoy/access-log';
import { parseAccessLogLine } from '../lib/envoy/access-log-parse';
import { buildConfigDump } from '../lib/envoy/config-dump';
import { routeRows } from '../lib/envoy/config-views';
import type { ProxyView, ServiceView } from '../lib/envoy/proxy-view';
import { compileRoutingTable } from '../lib/istio/routing';
import type { K8sObject } from '../lib/istio/types';
import type { Emit } from './run';

const SERVICES = 500;

function entry(i: number): AccessLogEntry {
  return {
    startTime: '2026-12-04T20:41:00.123Z', method: 'GET', path: `/api/items/${i}?q=x`, protocol: 'HTTP/1.1', responseCode: i % 20 === 0 ? 503 : 200,
    responseFlags: i % 20 === 0 ? 'UF,URX' : '-', responseCodeDetails: 'via_upstream', connectionTerminationDetails: '-', upstreamTransportFailureReason: '-',
    bytesReceived: 0, bytesSent: 1234, durationMs: 12, upstreamServiceTimeMs: 11, xForwardedFor: '-', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
    requestId: 'f2b1c0de-1111-4222-8333-944445555666', authority: 'reviews:9080', upstreamHost: '10.0.3.7:9080',
    upstreamCluster: 'outbound|9080|v2|reviews.bookinfo.svc.cluster.local', upstreamLocalAddress: '10.0.1.2:51000', downstreamLocalAddress: '10.0.9.9:9080',
    downstreamRemoteAddress: '10.0.1.2:40000', requestedServerName: '-', routeName: 'reviews.0', traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  };
}

function mesh(): ProxyView {
  const objects: K8sObject[] = [];
  const services: ServiceView[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const name = `svc-${i}`;
    objects.push({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name, namespace: 'mesh' }, spec: { host: name, subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }] } });
    objects.push({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name, namespace: 'mesh' }, spec: { hosts: [name], http: [{ match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [{ destination: { host: name, subset: 'v2' } }], timeout: '2s' }, { route: [{ destination: { host: name, subset: 'v1' }, weight: 90 }, { destination: { host: name, subset: 'v2' }, weight: 10 }], retries: { attempts: 3, perTryTimeout: '500ms', retryOn: '5xx' } }] } });
    services.push({ host: `${name}.mesh.svc.cluster.local`, namespace: 'mesh', ports: [{ port: 9080, protocol: 'http' }], endpoints: ['v1', 'v2'].map((v, j) => ({ address: `10.1.${i % 250}.${j + 1}`, port: 9080, labels: { version: v }, workload: `${name}-${v}`, healthy: true, sidecar: true })) });
  }
  return {
    node: { workload: 'client', pod: 'client-abc', namespace: 'mesh', labels: {}, serviceAccount: 'default', address: '10.0.0.1', istioVersion: '1.27.0' },
    table: compileRoutingTable(objects, 1), services, binding: 'mesh', gatewayPorts: [], inbound: { port: 9080, protocol: 'http' }, versionInfo: '1', lastUpdated: '2026-12-04T20:00:00.000Z',
  };
}

export default async function bench(emit: Emit): Promise<void> {
  const lines = Array.from({ length: 100_000 }, (_, i) => formatAccessLog(entry(i)));
  let t = performance.now();
  let parsed = 0;
  for (const l of lines) if (parseAccessLogLine(l)) parsed++;
  const parseMs = performance.now() - t;
  if (parsed !== lines.length) throw new Error(`parsed ${parsed} of ${lines.length}`);
  emit({ bench: 'workloads.access_log_parse_lines_per_s', value: Math.round(lines.length / (parseMs / 1000)), unit: 'lines/s' });

  const view = mesh();
  buildConfigDump(view, { includeEds: true });
  t = performance.now();
  const runs = 5;
  let bytes = 0;
  for (let i = 0; i < runs; i++) bytes = JSON.stringify(buildConfigDump(view, { includeEds: true })).length;
  emit({ bench: 'workloads.config_dump_500_services_ms', value: Number(((performance.now() - t) / runs).toFixed(1)), unit: 'ms' });
  emit({ bench: 'workloads.config_dump_500_services_bytes', value: bytes, unit: 'bytes' });
  const dump = JSON.parse(JSON.stringify(buildConfigDump(view, { includeEds: true }))) as unknown;
  t = performance.now();
  const rows = routeRows(dump, 5000).length;
  emit({ bench: 'workloads.route_rows_ms', value: Number((performance.now() - t).toFixed(1)), unit: 'ms' });
  if (rows < SERVICES * 2) throw new Error(`expected at least ${SERVICES * 2} routes, got ${rows}`);
}
