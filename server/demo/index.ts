import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { compileRoutingTable, type Dice, type RoutingTable } from '../../lib/istio/routing';
import { labelsMatch, type Gateway } from '../../lib/istio/types';
import type { DemoHandle, DemoWorkloadInfo } from '../core';
import { FileConfigStore } from '../sources/config/file-store';
import type { MeshConfigStore } from '../sources/config/store';
import * as apps from './apps';
import { Istiod } from './istiod';
import { LoadGenerator } from './load-generator';
import { MeshRegistry } from './registry';
import type { AppContext, HttpApp, TcpApp } from './sidecar/app-types';
import { CLUSTER_NAME, type WorkloadIdentity } from './sidecar/identity';
import { Inbound } from './sidecar/inbound';
import { Outbound } from './sidecar/outbound';
import { IstioStats } from './sidecar/stats';
import { ClusterStats } from './sidecar/cluster-stats';
import type { ProxyLogs } from './sidecar/access-log';
import { demoLogFile, demoPodName, PROXY_CONTAINER } from './pods';
import { PodLogWriter } from './pod-log-writer';
import { noopTracer, type DemoTracer, type TracedWorkload } from './tracing/types';
import { EXTERNAL_HOST, labelsOf, SERVICES, WORKLOADS, type WorkloadSpec } from './topology';

/** The demo's seed config (Bookinfo YAML), copied into an empty config folder on first start. */
export const DEMO_CONFIG_DIR = fileURLToPath(new URL('./config', import.meta.url));

export interface DemoOptions {
  dataDir: string;
  /** Config folder; seeded with the demo YAML when empty. Ignored when `configStore` is given. */
  configDir?: string;
  /** Share the server's config store instead of opening one. */
  configStore?: MeshConfigStore;
  /** Page loads per second through the gateway. */
  rps: number;
  log: Logger;
  tracer?: DemoTracer;
  /** Randomness for routing and apps (tests pass a seeded one). */
  random?: () => number;
  tuning?: apps.AppTuning;
  /** Rotate each container log at this size (default 4 MiB; one rotated file is kept, as kubelet does). */
  podLogMaxBytes?: number;
}

export interface RunningDemo extends DemoHandle {
  configStore: MeshConfigStore;
  registry: MeshRegistry;
  routing(): RoutingTable;
  /** Base URL of the ingress gateway (send `/productpage` here). */
  gatewayUrl: string;
  istiodUrl: string;
  /** Per-workload addresses, by workload name. */
  addresses: Record<string, { host: string; port: number }>;
}

const HOST = '127.0.0.1';

/**
 * Starts the demo mesh: every Bookinfo workload as a real loopback server behind a sidecar shim, an istiod
 * stand-in, the load generator, and `<dataDir>/demo/targets.json` for Prometheus `file_sd`.
 */
export async function startDemo(opts: DemoOptions): Promise<RunningDemo> {
  const log = opts.log.child({ component: 'demo' });
  const random = opts.random ?? Math.random;
  const dice: Dice = { below: (n) => Math.floor(random() * n) };
  const appRandom = { next: random };
  const tuning = opts.tuning ?? apps.DEFAULT_TUNING;
  const tracer = opts.tracer ?? noopTracer;
  const ownStore = opts.configStore ? undefined : await FileConfigStore.open({ dir: opts.configDir ?? path.join(opts.dataDir, 'demo', 'config'), seedFrom: DEMO_CONFIG_DIR, log });
  const store = opts.configStore ?? (ownStore as FileConfigStore);

  // Routing tables are rebuilt once per config version, like istiod pushing to proxies.
  let table = compileRoutingTable(store.list().map((o) => o.object), store.version);
  // What the proxies accepted: a push with rejected objects is NACKed, so their xDS version stays behind.
  let accepted = { version: table.rejections.length === 0 ? table.version : 0, at: Date.now() };
  const gatewayBinding = new Map<string, string>();
  const rebind = () => {
    const gateways = store.list({ kinds: ['Gateway'] }).map((g) => g.object as Gateway);
    for (const w of WORKLOADS.filter((x) => x.role === 'gateway')) {
      const gw = gateways.find((g) => g.spec?.selector && Object.keys(g.spec.selector).length > 0 && labelsMatch(g.spec.selector, labelsOf(w)));
      gatewayBinding.set(w.name, gw ? `${gw.metadata.namespace ?? 'default'}/${gw.metadata.name}` : 'none');
    }
  };
  rebind();
  const proxies = WORKLOADS.filter((w) => w.sidecar).length;
  const istiod = new Istiod(proxies);
  const unsubscribe = store.subscribe((change) => {
    const t0 = performance.now();
    table = compileRoutingTable(store.list().map((o) => o.object), change.version, table);
    if (table.rejections.length === 0) accepted = { version: table.version, at: Date.now() };
    rebind();
    for (const r of table.rejections) log.warn({ object: `${r.kind} ${r.namespace ?? ''}/${r.name}` }, `proxy rejected config: ${r.reason}; keeping the last accepted version`);
    istiod.push((performance.now() - t0) / 1000, table.virtualServices.length, table.rejections.length);
    log.info({ version: change.version, changed: change.changed.length }, 'demo proxies received new config');
  });

  const registry = new MeshRegistry();
  for (const s of SERVICES) registry.addService(s);
  const inbounds: Inbound[] = [];
  const outbounds: Outbound[] = [];
  const stats = new Map<string, IstioStats>();
  const addresses: Record<string, { host: string; port: number }> = {};
  const logWriters: PodLogWriter[] = [];
  const writer = (ns: string, pod: string, container: string) => {
    const w = new PodLogWriter(demoLogFile(opts.dataDir, ns, pod, container), { maxBytes: opts.podLogMaxBytes ?? 4 * 1024 * 1024 });
    logWriters.push(w);
    return w;
  };

  for (const w of WORKLOADS) {
    const identity: WorkloadIdentity = { name: w.name, namespace: w.namespace, app: w.app, serviceAccount: w.serviceAccount, cluster: CLUSTER_NAME, ...(w.version ? { version: w.version } : {}) };
    const traced: TracedWorkload = { name: w.name, namespace: w.namespace, app: w.app, tracing: w.tracing, sidecar: w.sidecar, ...(w.version ? { version: w.version } : {}) };
    const s = new IstioStats();
    stats.set(w.name, s);
    const pod = demoPodName(w.name);
    const clusterStats = new ClusterStats();
    const appWriter = w.role === 'gateway' || w.role === 'external' ? undefined : writer(w.namespace, pod, w.app);
    const proxyWriter = w.sidecar ? writer(w.namespace, pod, PROXY_CONTAINER) : undefined;
    const logs: ProxyLogs = { proxy: (line) => proxyWriter?.write(line), app: (line) => appWriter?.write(line) };
    const binding = () => (w.role === 'gateway' ? (gatewayBinding.get(w.name) ?? 'none') : 'mesh');
    const outbound = new Outbound({ identity, traced, binding, registry, routing: () => table, stats: s, tracer: w.sidecar ? tracer : noopTracer, dice, log, logs, clusterStats });
    outbounds.push(outbound);
    const context: AppContext = {
      call: (authority, p, init) => outbound.http(authority, init?.method ?? 'GET', p, init?.headers ?? {}, init?.body === undefined ? undefined : Buffer.from(init.body)),
      tcp: (authority, payload) => outbound.tcp(authority, payload),
    };
    const inbound = new Inbound({
      endpoint: { identity, labels: labelsOf(w), host: HOST, sidecar: w.sidecar },
      traced,
      registry,
      routing: () => table,
      stats: s,
      tracer: w.sidecar ? tracer : noopTracer,
      log,
      reportInbound: w.role !== 'gateway',
      app: appFor(w, appRandom, tuning),
      context,
      logs,
      admin: {
        identity, pod, labels: labelsOf(w), registry, routing: () => table, accepted: () => accepted, binding,
        gateways: () => store.list({ kinds: ['Gateway'] }).map((g) => g.object as Gateway), stats: clusterStats, protocol: w.protocol,
      },
    });
    const port = await inbound.listen(HOST);
    inbounds.push(inbound);
    addresses[w.name] = { host: HOST, port };
    if (w.role === 'external') registry.addExternal(EXTERNAL_HOST, { host: HOST, port });
    else registry.addEndpoint({ identity, labels: labelsOf(w), host: HOST, port, sidecar: w.sidecar });
  }
  // Every push is sent to every proxy; a proxy NACKs routes it cannot use and keeps acknowledging the last good ones.
  istiod.syncz = () => WORKLOADS.filter((w) => w.sidecar).map((w) => {
    const sent = String(table.version);
    return {
      cluster_id: CLUSTER_NAME, proxy: `${demoPodName(w.name)}.${w.namespace}`, istio_version: '1.27.0',
      cluster_sent: sent, cluster_acked: sent, listener_sent: sent, listener_acked: sent, endpoint_sent: sent, endpoint_acked: sent,
      route_sent: sent, route_acked: String(accepted.version),
    };
  });
  const istiodPort = await istiod.listen(HOST);

  const statsTargets = WORKLOADS.filter((w) => w.sidecar).map((w) => ({ w, addr: addresses[w.name] as { host: string; port: number } }));
  const targetsFile = path.join(opts.dataDir, 'demo', 'targets.json');
  await writeTargets(targetsFile, statsTargets, `${HOST}:${istiodPort}`);

  const gateway = addresses['istio-ingressgateway'] as { host: string; port: number };
  const load = new LoadGenerator({ gateway, direct: addresses['productpage-v1'] as { host: string; port: number }, rps: opts.rps, log });
  load.start();
  log.info({ workloads: WORKLOADS.length, gateway: `http://${gateway.host}:${gateway.port}`, targetsFile, rps: opts.rps }, 'demo mesh running');

  const workloads: DemoWorkloadInfo[] = WORKLOADS.filter((w) => w.role !== 'external').map((w) => ({
    name: w.name,
    namespace: w.namespace,
    app: w.app,
    ...(w.version ? { version: w.version } : {}),
    port: (addresses[w.name] as { port: number }).port,
    sidecar: w.sidecar,
    protocol: w.protocol,
  }));

  return {
    configStore: store,
    registry,
    routing: () => table,
    gatewayUrl: `http://${gateway.host}:${gateway.port}`,
    istiodUrl: `http://${HOST}:${istiodPort}`,
    addresses,
    targets: () => [...statsTargets.map(({ addr }) => `http://${addr.host}:${addr.port}/stats/prometheus`), `http://${HOST}:${istiodPort}/metrics`],
    workloads: () => workloads,
    async stop() {
      load.stop();
      unsubscribe();
      await Promise.all(inbounds.map((i) => i.close()));
      await Promise.all(logWriters.map((w) => w.close()));
      for (const o of outbounds) o.close();
      await istiod.close();
      // Bounded: an exporter retrying against an unreachable collector must not hold up shutdown.
      await Promise.race([tracer.flush().catch(() => undefined), new Promise((r) => setTimeout(r, 3000).unref())]);
      await ownStore?.close();
      log.info('demo mesh stopped');
    },
  };
}

function appFor(w: WorkloadSpec, rand: apps.AppRandom, tuning: apps.AppTuning): HttpApp | { tcp: TcpApp } {
  switch (w.app) {
    case 'istio-ingressgateway': return apps.gatewayForwarder();
    case 'productpage': return apps.productpage(rand);
    case 'details': return apps.details(rand);
    case 'reviews': return apps.reviews((w.version ?? 'v1') as 'v1' | 'v2' | 'v3', rand, tuning);
    case 'ratings': return apps.ratings(rand, tuning);
    case 'mongodb': return { tcp: apps.mongodb() };
    case 'openlibrary-api': return apps.externalBooks();
    default: return apps.legacyClient();
  }
}

/** Writes Prometheus `file_sd` targets atomically (temp file + rename), so a watching Prometheus never reads half a file. */
async function writeTargets(file: string, sidecars: { w: WorkloadSpec; addr: { host: string; port: number } }[], istiod: string): Promise<void> {
  const groups = [
    ...sidecars.map(({ w, addr }) => ({
      targets: [`${addr.host}:${addr.port}`],
      labels: { job: 'envoy-stats', __metrics_path__: '/stats/prometheus', namespace: w.namespace, pod: w.name },
    })),
    { targets: [istiod], labels: { job: 'istiod', __metrics_path__: '/metrics', namespace: 'istio-system', pod: 'istiod' } },
  ];
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(groups, null, 2) + '\n');
  await rename(tmp, file);
}
