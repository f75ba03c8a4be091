/**
 * scrape.parse: series/s on a repeat scrape of a 10,000-series Envoy exposition (cache lookup + float parse
 * per line); scrape.ingest: the same with the embedded store appending every sample.
 */
import { isGraphMetric, renderIstioExposition } from '../lib/metrics/istio';
import { ScrapeCache } from '../lib/metrics/scrape-cache';
import { TimeSeriesStore } from '../server/stores/tsdb/store';
import type { Emit } from './run';
import { syntheticMesh } from './synthetic-mesh';

function exposition(seconds: number): { text: string; series: number } {
  // 205 proxies' worth of Istio traffic from one busy sidecar: ~10,000 series with histograms.
  const mesh = syntheticMesh(400, 2000);
  let text = '';
  let index = 0;
  while (text.split('\n').filter((l) => l && !l.startsWith('#')).length < 10_000) {
    text += renderIstioExposition(mesh.proxyTraffic(index++, seconds));
  }
  const lines = text.split('\n');
  const kept: string[] = [];
  let series = 0;
  for (const l of lines) {
    if (series >= 10_000) break;
    if (l && !l.startsWith('#')) series++;
    kept.push(l);
  }
  return { text: kept.join('\n') + '\n', series };
}

export default async function bench(emit: Emit): Promise<void> {
  const a = exposition(60);
  const b = exposition(75);
  let sum = 0;
  const cache = new ScrapeCache<number>((_name, _labels) => 1);
  cache.ingest(a.text, () => undefined);
  const rounds = 200;
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) cache.ingest(i % 2 ? a.text : b.text, (_ref, v) => (sum += v));
  const seconds = (performance.now() - t0) / 1000;
  emit({ bench: 'scrape.parse', value: Math.round((a.series * rounds) / seconds), unit: 'series/s' });

  const store = new TimeSeriesStore();
  const storeCache = new ScrapeCache((name, labels) => store.resolve('proxy:15090', name, labels), isGraphMetric);
  let t = 0;
  storeCache.ingest(a.text, (s, v) => store.append(s, (t += 1), v));
  const t1 = performance.now();
  for (let i = 0; i < rounds; i++) {
    const now = (i + 2) * 5000;
    storeCache.ingest(i % 2 ? a.text : b.text, (s, v) => store.append(s, now, v));
  }
  const s2 = (performance.now() - t1) / 1000;
  emit({ bench: 'scrape.ingest', value: Math.round((a.series * rounds) / s2), unit: 'series/s' });
  if (sum === 42) console.log('unlikely');
}
