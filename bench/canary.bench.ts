/**
 * canary.visible_s: seconds from a PUT of new reviews weights until the demo graph (duration 15 s) shows the
 * split within 10 points on every version. Runs the real server (API only) with the demo mesh under load.
 */
import type { Emit } from './run';
import { startApiServer } from '../server/testing/api-server';

interface GraphEdge { data: { source: string; target: string; traffic?: { rates?: Record<string, number> } } }
interface GraphNode { data: { id: string; nodeType: string; app?: string; version?: string; service?: string } }

const TARGET: Record<string, number> = { v1: 10, v2: 40, v3: 50 };

async function split(url: string): Promise<Record<string, number>> {
  const res = await fetch(`${url}/api/namespaces/graph?namespaces=bookinfo&graphType=versionedApp&duration=15s&injectServiceNodes=true`);
  const g = (await res.json()) as { elements: { nodes: GraphNode[]; edges: GraphEdge[] } };
  const nodes = new Map(g.elements.nodes.map((n) => [n.data.id, n.data]));
  const out: Record<string, number> = {};
  for (const e of g.elements.edges) {
    const s = nodes.get(e.data.source);
    const t = nodes.get(e.data.target);
    if (s?.nodeType === 'service' && s.service === 'reviews' && t?.app === 'reviews' && t.version) out[t.version] = e.data.traffic?.rates?.httpPercentReq ?? 0;
  }
  return out;
}

export default async function canary(emit: Emit): Promise<void> {
  const f = await startApiServer({ demo: true, demoRps: 20, scrapeIntervalMs: 1000 });
  try {
    // Let the scraper see the initial 80/10/10 split first.
    const warm = Date.now();
    while (Object.keys(await split(f.url)).length < 3 && Date.now() - warm < 60_000) await new Promise((r) => setTimeout(r, 500));
    const t0 = performance.now();
    const put = await f.call('PUT', '/api/namespaces/bookinfo/services/reviews/traffic-shift', { weights: TARGET });
    if (put.status !== 200) throw new Error(`traffic-shift answered ${put.status}`);
    let seconds = Number.NaN;
    while (performance.now() - t0 < 90_000) {
      const s = await split(f.url);
      if (Object.entries(TARGET).every(([v, w]) => Math.abs((s[v] ?? 0) - w) <= 10)) {
        seconds = (performance.now() - t0) / 1000;
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    emit({ bench: 'canary.visible_s', value: Math.round(seconds * 10) / 10, unit: 's' });
  } finally {
    await f.close();
  }
}
