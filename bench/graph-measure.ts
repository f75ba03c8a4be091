/**
 * The graph bench's measurements, run in a child process (see graph.bench.ts) so the RSS figure belongs to a
 * process that did only this: a synthetic mesh of 1,000 workloads / 5,000 edges, both proxies reporting,
 * scraped into the embedded store through the real scrape cache, then graph requests answered from it.
 */
import { buildGraphBytes } from '../lib/graph/build-graph';
import { emptyMeshConfig, type GraphOptions } from '../lib/graph/appenders/types';
import { isGraphMetric, renderIstioExposition } from '../lib/metrics/istio';
import { ScrapeCache } from '../lib/metrics/scrape-cache';
import { EmbeddedSource } from '../server/sources/metrics/embedded-source';
import type { StoreRef } from '../server/stores/tsdb/store';
import { TimeSeriesStore } from '../server/stores/tsdb/store';
import type { BenchResult } from './run';
import { syntheticMesh } from './synthetic-mesh';

const T0 = 1_700_000_000_000;
const INTERVAL_MS = 10_000;

async function measure(emit: (r: BenchResult) => void): Promise<void> {
  const mesh = syntheticMesh(1000, 5000);
  const store = new TimeSeriesStore({ maxSamplesPerSeries: 3_600_000 / INTERVAL_MS + 2 });
  const caches: ScrapeCache<StoreRef>[] = [];
  // Parallel arrays: the bench's own bookkeeping should not weigh on the RSS it reports.
  const refs: StoreRef[] = [];
  const perInterval: number[] = [];
  // One scrape per proxy through the real cache (so its memory is counted), then counters advance per interval.
  for (let i = 0; i < mesh.workloads.length; i++) {
    const instance = `10.0.${i >> 8}.${i & 255}:15090`;
    const cache = new ScrapeCache<StoreRef>((name, labels) => store.resolve(instance, name, labels), isGraphMetric);
    cache.ingest(renderIstioExposition(mesh.proxyTraffic(i, INTERVAL_MS / 1000)), (s, v) => {
      refs.push(s);
      perInterval.push(v);
    });
    caches.push(cache);
  }
  for (let k = 0; k <= 6; k++) for (let i = 0; i < refs.length; i++) store.append(refs[i] as StoreRef, T0 + k * INTERVAL_MS, (perInterval[i] as number) * k);
  refs.length = 0;
  perInterval.length = 0;

  (globalThis as { gc?: () => void }).gc?.();
  emit({ bench: 'graph.rss_after_scrape_mb', value: Math.round(process.memoryUsage().rss / 1048576), unit: 'MB' });
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
  const answer = async () => {
    const telemetry = await source.graphTelemetry({
      namespaces: options.namespaces,
      durationSec: options.durationSec,
      queryTimeSec: options.queryTimeSec,
      includeIdle: false,
      throughputType: 'response',
      needDurationSum: false,
    });
    // What the server sends: the answer as JSON text.
    return buildGraphBytes({ options, telemetry, config: emptyMeshConfig() });
  };
  // The server's RSS once it has scraped the mesh and answered that graph once.
  const first = await answer();
  emit({ bench: 'graph.rss_mb', value: Math.round(process.memoryUsage().rss / 1048576), unit: 'MB' });
  const parsed = JSON.parse(new TextDecoder().decode(first)) as { elements: { nodes: unknown[]; edges: unknown[] } };
  const nodes = parsed.elements.nodes.length;
  const edges = parsed.elements.edges.length;
  const bytes = first.length;

  const times: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < 25; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await answer();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const p50 = (xs: number[]) => Math.round(([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number) * 10) / 10;
  emit({ bench: 'graph.build', value: p50(times), unit: 'ms' });
  // CPU time of the same requests: steadier than wall time on a shared machine (includes GC threads).
  emit({ bench: 'graph.build_cpu', value: p50(cpu), unit: 'ms' });
  // After many requests V8 has let garbage accumulate (it collects lazily); report both sides of a full GC.
  const before = process.memoryUsage();
  (globalThis as { gc?: () => void }).gc?.();
  const after = process.memoryUsage();
  emit({ bench: 'graph.rss_after_requests_mb', value: Math.round(before.rss / 1048576), unit: 'MB' });
  emit({ bench: 'graph.heap_live_mb', value: Math.round(after.heapUsed / 1048576), unit: 'MB' });
  emit({ bench: 'graph.series', value: store.seriesCount, unit: 'series' });
  emit({ bench: 'graph.elements', value: nodes + edges, unit: `elements (${nodes} nodes, ${edges} edges, ${Math.round(bytes / 1024)} KiB)` });
  if (caches.length === 0) throw new Error('no caches');
}

await measure((r) => process.stdout.write(JSON.stringify(r) + '\n'));
