import { describe, expect, it } from 'vitest';
import { NODE_FLAGS_OFF, type GraphResponse, type NodeData } from '@/lib/api/graph';
import { drawnAnswer, withEmptyBoxes } from './drawn-answer';

const n = (id: string, over: Partial<NodeData> = {}): { data: NodeData } => ({ data: { id, nodeType: 'app', cluster: 'c', namespace: 'ns', ...NODE_FLAGS_OFF, ...over } });
const box = (id: string, parent?: string) => n(id, { nodeType: 'box', isBox: 'app', ...(parent ? { parent } : {}) });

const graph: GraphResponse = {
  timestamp: 1,
  duration: 60,
  graphType: 'versionedApp',
  elements: {
    nodes: [box('ns'), box('app', 'ns'), n('r1', { parent: 'app' }), n('r2', { parent: 'app' }), n('pp', { parent: 'ns' }), n('gw')],
    edges: [
      { data: { id: 'gw>pp>http', source: 'gw', target: 'pp', traffic: { protocol: 'http', rates: {}, responses: {} } } },
      { data: { id: 'pp>r1>http', source: 'pp', target: 'r1', traffic: { protocol: 'http', rates: {}, responses: {} } } },
    ],
  },
};
const nodes = graph.elements.nodes.map((x) => x.data);

describe('withEmptyBoxes', () => {
  it('hides a box whose members are all hidden, and an outer box emptied by that', () => {
    expect([...withEmptyBoxes(nodes, new Set(['r1', 'r2']))].sort()).toEqual(['app', 'r1', 'r2']);
    expect([...withEmptyBoxes(nodes, new Set(['r1', 'r2', 'pp']))].sort()).toEqual(['app', 'ns', 'pp', 'r1', 'r2']);
  });
  it('keeps a box with one visible member, and changes nothing when nothing is hidden', () => {
    expect([...withEmptyBoxes(nodes, new Set(['r1']))]).toEqual(['r1']);
    const none = new Set<string>();
    expect(withEmptyBoxes(nodes, none)).toBe(none);
  });
});

describe('drawnAnswer', () => {
  it('is the answer minus what is hidden, in the same shape', () => {
    const d = drawnAnswer(graph, withEmptyBoxes(nodes, new Set(['r1', 'r2', 'pp>r1>http'])));
    expect(d.elements.nodes.map((x) => x.data.id)).toEqual(['ns', 'pp', 'gw']);
    expect(d.elements.edges.map((x) => x.data.id)).toEqual(['gw>pp>http']);
    expect({ ...d, elements: undefined }).toEqual({ ...graph, elements: undefined });
    expect(drawnAnswer(graph, new Set())).toBe(graph);
  });
});
