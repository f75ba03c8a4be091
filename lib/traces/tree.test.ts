import { describe, expect, it } from 'vitest';
import { us } from '../time/duration';
import { criticalPath, criticalSpanIds } from './critical-path';
import type { Span } from './model';
import { buildSpanTree } from './tree';

const T = '0'.repeat(31) + '1';
function sp(id: string, parent: string | undefined, start: number, duration: number): Span {
  const s: Span = { traceId: T, spanId: id.padStart(16, '0'), name: id, kind: 'server', service: 'svc', startUs: us(start), durationUs: us(duration), tags: {}, logs: [], processTags: {}, error: false };
  if (parent) s.parentSpanId = parent.padStart(16, '0');
  return s;
}

describe('buildSpanTree', () => {
  it('orders depth-first by start and keeps orphans as roots', () => {
    const t = buildSpanTree([sp('c', 'a', 20, 5), sp('a', undefined, 0, 100), sp('b', 'a', 10, 5), sp('o', 'missing', 50, 1)]);
    expect(t.ordered.map((n) => [n.span.name, n.depth])).toEqual([['a', 0], ['b', 1], ['c', 1], ['o', 0]]);
    expect(t.startUs).toBe(0);
    expect(t.endUs).toBe(100);
  });

  it('survives cycles and self-parents', () => {
    const t = buildSpanTree([sp('a', 'b', 0, 10), sp('b', 'a', 1, 5), sp('c', 'c', 2, 1)]);
    expect(t.ordered).toHaveLength(3);
  });

  it('handles an empty trace', () => expect(buildSpanTree([]).ordered).toEqual([]));
});

describe('criticalPath', () => {
  it.each([
    {
      name: 'sequential children',
      spans: [sp('a', undefined, 0, 100), sp('b', 'a', 10, 30), sp('c', 'a', 50, 40)],
      want: [['a', 0, 10], ['b', 10, 40], ['a', 40, 50], ['c', 50, 90], ['a', 90, 100]],
    },
    {
      name: 'parallel children: the last finisher wins',
      spans: [sp('a', undefined, 0, 100), sp('b', 'a', 10, 70), sp('c', 'a', 20, 40)],
      want: [['a', 0, 10], ['b', 10, 80], ['a', 80, 100]],
    },
    {
      name: 'child overrunning its parent is clipped',
      spans: [sp('a', undefined, 0, 50), sp('b', 'a', 40, 100)],
      want: [['a', 0, 40], ['b', 40, 50]],
    },
    {
      name: 'nested',
      spans: [sp('a', undefined, 0, 100), sp('b', 'a', 0, 100), sp('c', 'b', 20, 60)],
      want: [['b', 0, 20], ['c', 20, 80], ['b', 80, 100]],
    },
  ])('$name', ({ spans, want }) => {
    const segs = criticalPath(buildSpanTree(spans));
    expect(segs.map((s) => [s.spanId.replace(/^0+/, ''), s.startUs, s.endUs])).toEqual(want);
  });

  it('lists the spans on the path', () => {
    const segs = criticalPath(buildSpanTree([sp('a', undefined, 0, 100), sp('b', 'a', 10, 70), sp('c', 'a', 20, 40)]));
    expect([...criticalSpanIds(segs)].map((s) => s.replace(/^0+/, '')).sort()).toEqual(['a', 'b']);
  });
});
