import { describe, expect, it } from 'vitest';
import { BucketSum } from '../../metrics/histogram';
import { ensureEdge, ensureNode, newGraph, type GraphEdge } from '../model';
import { EdgeHistograms } from './edge-histograms';

const g = newGraph('workload');
const node = (id: string) => ensureNode(g, { id, nodeType: 'workload' }, { cluster: 'c', namespace: 'n', workload: id, app: id, version: '', service: '' });
const [a, b, c] = [node('a'), node('b'), node('c')];
const edges = [ensureEdge(g, a, b, 'http'), ensureEdge(g, b, c, 'http'), ensureEdge(g, a, c, 'grpc')] as GraphEdge[];
const STD = [5, 10, 50, Infinity];

type Row = [edge: number, les: readonly number[], rates: number[]];

describe('EdgeHistograms', () => {
  it.each([
    ['shared bounds', [[0, STD, [1, 2, 3, 4]], [1, STD, [0, 1, 1, 2]], [0, [...STD], [1, 1, 1, 1]]]],
    ['an edge meets other bounds after shared ones', [[0, STD, [1, 2, 3, 4]], [1, STD, [0, 1, 1, 2]], [0, [1, 5, Infinity], [1, 2, 3]], [0, STD, [1, 1, 1, 1]], [2, STD, [2, 2, 2, 2]]]],
    ['first bounds unsorted, NaN and infinite rates', [[0, [10, 5, Infinity], [1, 1, 2]], [1, STD, [NaN, Infinity, 1, 2]], [1, [NaN, 5], [1, 1]]]],
    ['more edges than slices', [[0, STD, [1, 2, 3, 4]], [1, STD, [1, 2, 3, 4]], [2, STD, [0, 0, 1, 1]]], 2],
  ] as [string, Row[], number?][])('%s: same quantiles as one BucketSum per edge', (_name, rows, maxEdges = 3) => {
    const sums = new EdgeHistograms(maxEdges);
    const ref = new Map<GraphEdge, BucketSum>();
    for (const [i, les, rates] of rows) {
      const e = edges[i] as GraphEdge;
      sums.add(e, les, rates);
      if (!ref.has(e)) ref.set(e, new BucketSum());
      ref.get(e)?.add(les, rates);
    }
    for (const phi of [0.5, 0.95, 0.99]) {
      const got = new Map<GraphEdge, number>();
      sums.forEachQuantile(phi, (e, q) => got.set(e, q));
      expect(got.size).toBe(ref.size);
      for (const [e, sum] of ref) expect(got.get(e)).toBe(sum.quantile(phi));
    }
  });
});
