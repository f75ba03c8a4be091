import cytoscape, { type Core } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { GRAPH_TYPES, type GraphResponse, type GraphType } from '@/lib/api/graph';
import { emptyMeshConfig, type GraphOptions } from '@/lib/graph/appenders/types';
import { buildGraph } from '@/lib/graph/build-graph';
import { FLOWS, telemetryOf } from '@/lib/graph/testdata/fixture';
import { applyElements, checkDrawn, intendedElements, isConsistent } from './cy-sync';
import { toCyElements, type CyData, type CyElements } from './to-cy-elements';

// Real answers from the graph builder (the bookinfo fixture, two namespaces so namespace boxes form), for
// every Group setting × graph type × service-node injection the toolbar offers.
const BOXES = [[], ['namespace'], ['app'], ['namespace', 'app']] as const;
type Box = (typeof BOXES)[number];
const NAMESPACES = ['bookinfo', 'istio-system'];

function answer(graphType: GraphType, boxBy: Box, injectServiceNodes: boolean): GraphResponse {
  const options: GraphOptions = {
    namespaces: NAMESPACES,
    graphType,
    injectServiceNodes,
    includeIdleEdges: false,
    idleNodes: false,
    responseTime: '95',
    throughputType: 'response',
    boxBy: [...boxBy],
    durationSec: 60,
    queryTimeSec: 1_700_000_000,
  };
  return buildGraph({ options, telemetry: telemetryOf(FLOWS), config: emptyMeshConfig() });
}

interface Case {
  name: string;
  els: CyElements;
  graph: GraphResponse;
}
const CASES: Case[] = GRAPH_TYPES.flatMap((gt) =>
  BOXES.flatMap((box) =>
    [true, false].map((inject): Case => {
      const graph = answer(gt, box, inject);
      return { name: `${gt}/${box.join('+') || 'none'}/${inject ? 'svc' : 'nosvc'}`, els: toCyElements(graph, NAMESPACES, ['rate']), graph };
    }),
  ),
);
const byName = (n: string): Case => {
  const c = CASES.find((x) => x.name === n);
  if (!c) throw new Error(n);
  return c;
};

/** What Cytoscape holds, independently of the sync code's own bookkeeping: ids, and each node's box. */
function drawn(cy: Core): { ids: string[]; parents: Record<string, string | null> } {
  return {
    ids: cy.elements().map((e) => e.id()).sort(),
    parents: Object.fromEntries(cy.nodes().map((n) => [n.id(), n.parent().first().id() ?? null])),
  };
}

/** What the answer says should be drawn. */
function expected(g: GraphResponse): { ids: string[]; parents: Record<string, string | null> } {
  return {
    ids: [...g.elements.nodes.map((n) => n.data.id), ...g.elements.edges.map((e) => e.data.id)].sort(),
    parents: Object.fromEntries(g.elements.nodes.map((n) => [n.data.id, n.data.parent ?? null])),
  };
}

const wantCache = new Map<Case, string>();
function wantOf(c: Case): string {
  let w = wantCache.get(c);
  if (w === undefined) wantCache.set(c, (w = JSON.stringify(expected(c.graph))));
  return w;
}

function step(cy: Core, current: Map<string, CyData>, c: Case, full = true): void {
  applyElements(cy, current, c.els);
  const got = drawn(cy);
  // Cheap comparison first (two thousand transitions run), the readable diff only when it fails.
  if (JSON.stringify(got) !== wantOf(c)) expect(got, c.name).toEqual(expected(c.graph));
  if (!full) return;
  expect(isConsistent(checkDrawn(cy, new Map(intendedElements(c.els).map((d) => [d.id, d])))), c.name).toBe(true);
  expect([...current.keys()].sort(), `${c.name}: bookkeeping`).toEqual(expected(c.graph).ids);
}

describe('applyElements: the canvas holds exactly the answer after every transition', () => {
  it('the fixture has boxes that nest and answers that share node ids across groupings', () => {
    const boxed = byName('versionedApp/namespace+app/svc');
    expect(boxed.els.nodes.filter((n) => n.nodeType === 'box').length).toBeGreaterThanOrEqual(2);
    expect(boxed.els.nodes.some((n) => n.nodeType === 'box' && n.parent !== undefined)).toBe(true);
    const plain = new Set(byName('versionedApp/none/svc').els.nodes.map((n) => n.id));
    expect(boxed.els.nodes.filter((n) => plain.has(n.id)).length).toBe(plain.size);
  });

  // The transitions reported broken (boxed → unboxed → boxed; Apps → Namespaces) and the graph-type walk.
  it.each([
    ['versionedApp/namespace+app/svc', 'versionedApp/none/svc', 'versionedApp/namespace+app/svc'],
    ['versionedApp/app/svc', 'versionedApp/namespace/svc', 'versionedApp/app/svc'],
    ['versionedApp/namespace/svc', 'versionedApp/namespace+app/svc', 'versionedApp/namespace/svc'],
    ['app/none/svc', 'versionedApp/none/svc', 'workload/none/svc', 'service/none/svc'],
    ['app/namespace+app/svc', 'versionedApp/namespace+app/svc', 'workload/namespace+app/svc', 'service/namespace+app/svc'],
    ['app/namespace+app/nosvc', 'versionedApp/namespace+app/nosvc', 'workload/namespace+app/nosvc', 'service/namespace+app/nosvc'],
    ['versionedApp/namespace+app/svc', 'versionedApp/namespace+app/nosvc', 'versionedApp/app/svc', 'versionedApp/none/nosvc'],
  ])('%s → %s → …', (...names: string[]) => {
    const cy = cytoscape({ headless: true });
    const current = new Map<string, CyData>();
    for (const n of names) step(cy, current, byName(n));
  });

  it(`every ordered pair of the ${CASES.length} answers (a → b → a on one canvas)`, () => {
    for (const a of CASES) {
      const cy = cytoscape({ headless: true });
      const current = new Map<string, CyData>();
      step(cy, current, a);
      for (const b of CASES) {
        step(cy, current, b, false);
        step(cy, current, a, false);
      }
      cy.destroy();
    }
  }, 90_000);

  it('a refresh with the same ids changes data in place: same element objects, no adds or removes', () => {
    const cy = cytoscape({ headless: true });
    const current = new Map<string, CyData>();
    const c = byName('versionedApp/namespace+app/svc');
    step(cy, current, c);
    const before = cy.elements().toArray();
    const bumped: CyElements = { nodes: c.els.nodes, edges: c.els.edges.map((e, i) => (i === 0 ? { ...e, label: 'changed', rate: e.rate + 1 } : e)) };
    const r = applyElements(cy, current, bumped);
    expect(r).toMatchObject({ added: 0, removed: 0, moved: 0, updated: 1 });
    expect(cy.elements().toArray()).toEqual(before);
    expect(cy.getElementById(bumped.edges[0]?.id ?? '').data('label')).toBe('changed');
  });

  it('an edge whose ends are not in the answer is not drawn, and the self-check says what differs', () => {
    const cy = cytoscape({ headless: true });
    const current = new Map<string, CyData>();
    const c = byName('workload/none/svc');
    const dangling = { ...(c.els.edges[0] as CyElements['edges'][number]), id: 'ghost>x>http', target: 'x' };
    applyElements(cy, current, { nodes: c.els.nodes, edges: [...c.els.edges, dangling] });
    expect(cy.getElementById('ghost>x>http').empty()).toBe(true);
    const intended = new Map(intendedElements(c.els).map((d) => [d.id, d]));
    expect(isConsistent(checkDrawn(cy, intended))).toBe(true);
    const victim = c.els.nodes[0]?.id ?? '';
    cy.getElementById(victim).remove();
    expect(checkDrawn(cy, intended).missing).toContain(victim);
    cy.add({ group: 'nodes', data: { id: 'stray' } });
    expect(checkDrawn(cy, intended).extra).toEqual(['stray']);
  });
});
