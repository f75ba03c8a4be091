import { describe, expect, it } from 'vitest';
import { NODE_FLAGS_OFF, type EdgeData, type GraphResponse, type NodeData } from '@/lib/api/graph';
import { diffElements } from './element-diff';
import { edgeLabel, edgeWidth, nodeLabel, toCyElements } from './to-cy-elements';

const base: Omit<NodeData, 'id' | 'nodeType'> = {
  cluster: 'c',
  namespace: 'bookinfo',
  ...NODE_FLAGS_OFF,
};
const home = new Set(['bookinfo']);

describe('nodeLabel', () => {
  it.each([
    [{ nodeType: 'app', app: 'reviews', version: 'v2' }, 'versionedApp', 'reviews\nv2'],
    [{ nodeType: 'app', app: 'reviews', version: 'v2' }, 'app', 'reviews'],
    [{ nodeType: 'service', service: 'reviews' }, 'versionedApp', 'reviews'],
    [{ nodeType: 'workload', workload: 'reviews-v1' }, 'workload', 'reviews-v1'],
    [{ nodeType: 'unknown' }, 'workload', 'unknown'],
    [{ nodeType: 'workload', workload: 'istio-ingressgateway', namespace: 'istio-system' }, 'workload', 'istio-ingressgateway\n(istio-system)'],
  ] as const)('%j in %s graph', (over, gt, want) => {
    expect(nodeLabel({ ...base, id: 'x', ...over } as NodeData, gt, home)).toBe(want);
  });
});

const edge = (over: Partial<EdgeData> = {}): EdgeData => ({
  id: 'a>b>http',
  source: 'a',
  target: 'b',
  traffic: { protocol: 'http', rates: { http: 12.345, httpPercentReq: 80, httpPercentErr: 2 }, responses: {} },
  responseTime: 45,
  isMTLS: 100,
  healthStatus: 'Healthy',
  ...over,
});

describe('edgeLabel', () => {
  it.each([
    [['rate'], '12.3 rps'],
    [['rate', 'percent', 'rt'], '12.3 rps\n80%\np95 45ms'],
    [[], ''],
  ] as const)('%j', (labels, want) => expect(edgeLabel(edge(), labels)).toBe(want));
  it('TCP edges show bytes/s', () => {
    expect(edgeLabel(edge({ traffic: { protocol: 'tcp', rates: { tcp: 4096 }, responses: {} } }), ['rate'])).toBe('4.0 KiB/s');
  });
  it('idle edges have no label', () => {
    expect(edgeLabel(edge({ traffic: { protocol: 'http', rates: {}, responses: {} } }), ['rate'])).toBe('');
  });
});

it('edgeWidth grows with rate and is capped', () => {
  expect(edgeWidth(0)).toBe(1);
  expect(edgeWidth(1)).toBeLessThan(edgeWidth(100));
  expect(edgeWidth(1e9)).toBe(5);
});

describe('toCyElements + diffElements', () => {
  const g = (edges: EdgeData[]): GraphResponse => ({
    timestamp: 1,
    duration: 60,
    graphType: 'versionedApp',
    elements: {
      nodes: [
        { data: { ...base, id: 'a', nodeType: 'app', app: 'a', version: 'v1', healthStatus: 'Healthy' } },
        { data: { ...base, id: 'b', nodeType: 'app', app: 'b', version: 'v1', isOutOfMesh: true } },
      ],
      edges: edges.map((data) => ({ data })),
    },
  });

  it('maps health to edge state', () => {
    const states = toCyElements(
      g([
        edge({ id: '1' }),
        edge({ id: '2', healthStatus: 'Degraded' }),
        edge({ id: '3', healthStatus: 'Failure' }),
        edge({ id: '4', traffic: { protocol: 'tcp', rates: { tcp: 5 }, responses: {} }, healthStatus: undefined }),
        edge({ id: '5', traffic: { protocol: 'http', rates: { http: 0 }, responses: {} } }),
      ]),
      ['bookinfo'],
      ['rate'],
    ).edges.map((e) => e.state);
    expect(states).toEqual(['healthy', 'degraded', 'failure', 'tcp', 'idle']);
  });

  it('a refresh with new rates only updates the changed edge; a vanished edge is removed', () => {
    const first = toCyElements(g([edge({ id: 'e1' }), edge({ id: 'e2' })]), ['bookinfo'], ['rate']);
    const current = new Map([...first.nodes, ...first.edges].map((d) => [d.id, d]));
    const second = toCyElements(g([edge({ id: 'e1' })]), ['bookinfo'], ['rate']);
    expect(diffElements(current, [...second.nodes, ...second.edges])).toEqual({ add: [], remove: ['e2'], update: [] });
    const third = toCyElements(
      g([edge({ id: 'e1', traffic: { protocol: 'http', rates: { http: 99 }, responses: {} } }), edge({ id: 'e3' })]),
      ['bookinfo'],
      ['rate'],
    );
    const d = diffElements(current, [...third.nodes, ...third.edges]);
    expect(d.add.map((x) => x.id)).toEqual(['e3']);
    expect(d.update.map((x) => x.id)).toEqual(['e1']);
    expect(d.remove).toEqual(['e2']);
  });
});

describe('boxes', () => {
  const box = (id: string, isBox: string, over: Partial<NodeData> = {}): NodeData => ({ ...base, id, nodeType: 'box', isBox, ...over });
  const g: GraphResponse = {
    timestamp: 1,
    duration: 60,
    graphType: 'versionedApp',
    elements: {
      nodes: [
        { data: { ...base, id: 'r2', nodeType: 'app', app: 'reviews', version: 'v2', parent: 'box-app' } },
        { data: box('box-app', 'app', { app: 'reviews', parent: 'box-ns' }) },
        { data: { ...base, id: 'pp', nodeType: 'app', app: 'productpage', version: 'v1', parent: 'box-ns' } },
        { data: box('box-ns', 'namespace') },
      ],
      edges: [],
    },
  };
  const out = toCyElements(g, ['bookinfo'], ['rate']);

  it('orders boxes before their contents', () => {
    expect(out.nodes.map((n) => n.id)).toEqual(['box-ns', 'box-app', 'pp', 'r2']);
  });

  it('labels: boxes by what they group; versions alone inside an app box', () => {
    expect(Object.fromEntries(out.nodes.map((n) => [n.id, n.label]))).toEqual({
      'box-ns': 'bookinfo',
      'box-app': 'reviews',
      pp: 'productpage\nv1',
      r2: 'v2',
    });
  });
});

describe('config validation badges', () => {
  it('marks a service node whose config has errors, and only that node', () => {
    const graph = {
      timestamp: 0,
      duration: 60,
      graphType: 'versionedApp',
      elements: {
        nodes: [
          { data: { ...base, id: 'svc', nodeType: 'service', service: 'reviews' } },
          { data: { ...base, id: 'app', nodeType: 'app', app: 'reviews', version: 'v1' } },
          { data: { ...base, id: 'svc2', nodeType: 'service', service: 'details' } },
        ],
        edges: [],
      },
    } as unknown as GraphResponse;
    const els = toCyElements(graph, ['bookinfo'], [], new Map([['bookinfo/reviews', { errors: 2 }]]));
    const byId = new Map(els.nodes.map((n) => [n.id, n]));
    expect(byId.get('svc')).toMatchObject({ configErrors: 2, label: '⚠ reviews' });
    expect(byId.get('app')?.configErrors).toBe(0);
    expect(byId.get('svc2')).toMatchObject({ configErrors: 0, label: 'details' });
  });
});

describe('health reasons (optional on the wire)', () => {
  const graph = (reason: Record<string, unknown>, health: NodeData['healthStatus']): GraphResponse =>
    ({
      timestamp: 0,
      duration: 60,
      graphType: 'versionedApp',
      elements: {
        nodes: [
          { data: { ...base, id: 'a', nodeType: 'app', app: 'a', version: 'v1', healthStatus: health, ...reason } },
          { data: { ...base, id: 'b', nodeType: 'app', app: 'b', version: 'v1' } },
        ],
        edges: [{ data: { ...edge({ healthStatus: health }), ...reason } }],
      },
    }) as GraphResponse;

  it('carries the reason of a Degraded node and edge to the canvas', () => {
    const els = toCyElements(graph({ healthReason: { status: 'Degraded', text: 'Degraded: 4.8% 5xx on calls to ratings (> 0.1%)' } }, 'Degraded'), ['bookinfo'], ['rate']);
    expect(els.nodes.find((n) => n.id === 'a')?.reason).toBe('4.8% 5xx on calls to ratings (> 0.1%)');
    expect(els.edges[0]).toMatchObject({ health: 'Degraded', reason: '4.8% 5xx on calls to ratings (> 0.1%)' });
  });

  it('has no reason key when the field is absent or the item is healthy', () => {
    for (const [reason, health] of [[{}, 'Degraded'], [{ healthReason: 'stale' }, 'Healthy']] as const) {
      const els = toCyElements(graph(reason, health), ['bookinfo'], ['rate']);
      expect(els.nodes.every((n) => !('reason' in n))).toBe(true);
      expect('reason' in (els.edges[0] ?? {})).toBe(false);
    }
  });
});
