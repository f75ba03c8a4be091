import { expect, it } from 'vitest';
import type { HistoryEntry } from '@/lib/api/istio-config';
import { mergeHistories, undoPlan } from './undo-plan';

const e = (id: number, kind: string, action: string, summary?: string, rollbackOf?: number): HistoryEntry => ({
  id, time: '2026-01-01T00:00:00Z', user: 'anonymous', action, kind, namespace: 'bookinfo', name: 'reviews',
  ...(summary ? { summary } : {}), ...(rollbackOf !== undefined ? { rollbackOf } : {}),
});

it('undoes a traffic shift’s two entries together, VirtualService first', () => {
  const h = [e(4, 'VirtualService', 'traffic-shift', 'reviews weights v3=100'), e(3, 'DestinationRule', 'traffic-shift', 'reviews weights v3=100'), e(2, 'VirtualService', 'replace')];
  expect(undoPlan(h).map((x) => x.id)).toEqual([4, 3]);
});

it('a lone entry is undone alone; an unrelated neighbour is not pulled in', () => {
  expect(undoPlan([e(5, 'VirtualService', 'replace'), e(4, 'DestinationRule', 'replace')]).map((x) => x.id)).toEqual([5]);
  expect(undoPlan([e(7, 'VirtualService', 'traffic-shift', 'a'), e(5, 'DestinationRule', 'traffic-shift', 'a')]).map((x) => x.id)).toEqual([7]);
});

it('skips what was already undone and the undo entries, walking back', () => {
  const h = [
    e(6, 'DestinationRule', 'rollback', 'undo of #3', 3),
    e(5, 'VirtualService', 'rollback', 'undo of #4', 4),
    e(4, 'VirtualService', 'traffic-shift', 's'),
    e(3, 'DestinationRule', 'traffic-shift', 's'),
    e(2, 'VirtualService', 'replace'),
  ];
  expect(undoPlan(h).map((x) => x.id)).toEqual([2]);
  expect(undoPlan([e(1, 'VirtualService', 'rollback', 'x', 0)])).toEqual([]);
});

it('merges histories newest first without duplicates', () => {
  expect(mergeHistories([e(1, 'A', 'create'), e(3, 'A', 'replace')], undefined, [e(2, 'B', 'create'), e(3, 'A', 'replace')]).map((x) => x.id)).toEqual([3, 2, 1]);
});
