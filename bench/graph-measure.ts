/**
 * graph.build: p50 ms to answer a graph request (query the embedded store + build + serialise) for a synthetic
 * mesh of 1,000 workloads / 5,000 edges, both proxies reporting, scraped into the store as the server would.
 * graph.rss_mb: process RSS after building that graph.
 */
import { buildGraph } from '../lib/graph/build-graph';
import { emptyMeshConfig, type GraphOptions } from '../lib/graph/appenders/types';
import { isGraphMetric, renderIstioExposition } from '../lib/metrics/istio';
import { ScrapeCache } from '../lib/metrics/scrape-cache';
import { EmbeddedSource } from '../server/sources/metrics/embedded-source';
import type { StoreRef } from '../server/stores/tsdb/store';
import { TimeSeriesStore } from '../server/stores/tsdb/store';
import type { Emit } from './run';
import { syntheticMesh } from './synthetic-mesh';

const T0 = 1_700_000_000_000;
const INTERVAL_MS = 10_000;

export default async function bench(emit: Emit): Promise<void> {
  const mesh = syntheticMesh(1000, 5000);
  const store = new TimeSeriesStore({ maxSamplesPerSeries: 3_600_000 / INTERVAL_MS + 2 });
  const caches: ScrapeCache<StoreRef>[] = [];
  const samples: { s: StoreRef; perInterval: number }[] = [];
  // One scrape per proxy through the real cache (so its memory is counted), then counters advance per interval.
  for (let i = 0; i < mesh.workloads.length; i++) {
    const instance = `10.0.${i >> 8}.${i & 255}:15090`;
    const cache = new ScrapeCache<StoreRef>((name, labels) => store.resolve(instance, name, labels), isGraphMetric);
    cache.ingest(renderIstioExposition(mesh.proxyTraffic(i, INTERVAL_MS / 1000)), (s, v) => samples.push({ s, perInterval: v }));
    caches.push(cache);
  }
  for (let k = 0; k <= 6; k++) for (const { s, perInterval } of samples) store.append(s, T0 + k * INTERVAL_MS, perInterval * k);

  const source = new EmbeddedSource(store, undefined, INTERVAL_MS);
  const options: GraphOptions = {
    namespaces: mesh.namespaces,
    graphType: 'versionedApp',
    injectServiceNodes: true,
    includeIdleEdges: false,
    idleNodes: false,
    responseTime: '95',
    throughputType: 'response',
    boxBy: [],
    durationSec: 60,
    queryTimeSec: (T0 + 6 * INTERVAL_MS) / 1000,
  };
  const times: number[] = [];
  const cpu: number[] = [];
  let nodes = 0;
  let edges = 0;
  let bytes = 0;
  for (let r = 0; r < 12; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const telemetry = await source.graphTelemetry({
      namespaces: options.namespaces,
      durationSec: options.durationSec,
      queryTimeSec: options.queryTimeSec,
      includeIdle: false,
      throughputType: 'response',
      needDurationSum: false,
    });
    const graph = buildGraph({ options, telemetry, config: emptyMeshConfig() });
    bytes = JSON.stringify(graph).length;
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    nodes = graph.elements.nodes.length;
    edges = graph.elements.edges.length;
  }
  const p50 = (xs: number[]) => Math.round(([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number) * 10) / 10;
  emit({ bench: 'graph.build', value: p50(times), unit: 'ms' });
  // CPU time of the same requests: steadier than wall time on a shared machine (includes GC threads).
  emit({ bench: 'graph.build_cpu', value: p50(cpu), unit: 'ms' });
  const mem = process.memoryUsage();
  emit({ bench: 'graph.rss_mb', value: Math.round(mem.rss / 1048576), unit: 'MB' });
  emit({ bench: 'graph.heap_used_mb', value: Math.round(mem.heapUsed / 1048576), unit: 'MB' });
  emit({ bench: 'graph.series', value: store.seriesCount, unit: 'series' });
  emit({ bench: 'graph.elements', value: nodes + edges, unit: `elements (${nodes} nodes, ${edges} edges, ${Math.round(bytes / 1024)} KiB)` });
  if (caches.length === 0) throw new Error('no caches');
}
