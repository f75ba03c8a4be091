/**
 * hostile-edge.*: the worst `/api/health` latency (ms) while each HTTP-edge or scraper attack runs, and the peak RSS
 * growth (MB) of the process while the scraper meets a bomb (endless chunked body, gzip bomb, 10 MB label, a million
 * series). The attacks are the hostile-input suite's (server/hostile/edge-attacks.ts).
 */
import { gzipBomb, runTargetAttack, slowLoris, type TargetAttack } from '../server/hostile/edge-attacks';
import { startApiServer } from '../server/testing/api-server';
import { rawRequest, underAttack } from '../server/testing/hostile';
import type { Emit } from './run';

const VS = '/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService';

export default async function bench(emit: Emit): Promise<void> {
  const fx = await startApiServer();
  try {
    const host = new URL(fx.url).host;
    const body = JSON.stringify(((await fx.call('GET', `${VS}/reviews`)).body as { object: unknown }).object);
    const edge: [string, () => Promise<unknown>][] = [
      ['long-origin', () => rawRequest(fx.url, 'PUT', `${VS}/reviews?dryRun=true`, { host, 'content-type': 'application/json', origin: `http://${'a'.repeat(290)}.example` }, body)],
      ['foreign-host', () => Promise.all(Array.from({ length: 50 }, () => rawRequest(fx.url, 'GET', '/api/namespaces', { host: '127.0.0.1.nip.io' })))],
      ['slowloris-headers', () => slowLoris(fx.url, { count: 64, dripMs: 500, giveUpMs: 20_000 })],
      ['connection-flood', () => slowLoris(fx.url, { count: 300, dripMs: 2000, giveUpMs: 3000 })],
    ];
    for (const [name, attack] of edge) {
      const r = await underAttack(fx.url, attack);
      emit({ bench: `hostile-edge.${name}.worst-health`, value: Math.round(r.worstHealthMs), unit: 'ms' });
    }
  } finally {
    await fx.close();
  }

  const bomb = await gzipBomb(1024 * 1024 * 1024);
  const targets: [TargetAttack, number][] = [
    ['endless-chunked', 15_000],
    ['gzip-bomb', 15_000],
    ['huge-label', 15_000],
    ['million-series', 45_000],
  ];
  for (const [attack, maxMs] of targets) {
    const r = await runTargetAttack(attack, { bomb, maxMs });
    emit({ bench: `hostile-edge.scrape-${attack}.worst-health`, value: Math.round(r.worstHealthMs), unit: 'ms' });
    emit({ bench: `hostile-edge.scrape-${attack}.peak-rss-growth`, value: Math.round(r.peakRssMb), unit: 'MB' });
  }
}
