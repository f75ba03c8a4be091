import { expect, it } from 'vitest';
import type { ServiceTraffic } from '@/lib/api/traffic';
import { DEFAULT_CANARY_KNOBS } from './canary-verdict-adapter';
import { canaryView, pickPair } from './canary-model';

const versions = ['v1', 'v2', 'v3'];

it.each([
  [{ v1: 80, v2: 10, v3: 10 }, {}, { baseline: 'v1', canary: 'v3' }],
  [{ v1: 50, v2: 0, v3: 50 }, {}, { baseline: 'v1', canary: 'v3' }],
  [{ v1: 0, v2: 0, v3: 100 }, {}, { baseline: 'v1', canary: 'v3' }],
  [{ v1: 100, v2: 0, v3: 0 }, {}, { baseline: 'v1', canary: 'v3' }],
  [{ v1: 0, v2: 100, v3: 0 }, { canary: 'v2' }, { baseline: 'v1', canary: 'v2' }],
  [{ v1: 50, v2: 50, v3: 0 }, { baseline: 'v2' }, { baseline: 'v2', canary: 'v3' }],
  [{ v1: 90, v2: 10, v3: 0 }, {}, { baseline: 'v1', canary: 'v2' }],
  [{ v1: 80, v2: 10, v3: 10 }, { baseline: 'v2', canary: 'v1' }, { baseline: 'v2', canary: 'v1' }],
  [{ v1: 80, v2: 10, v3: 10 }, { baseline: 'v9', canary: 'v1' }, { baseline: 'v1', canary: 'v3' }],
  [{ v1: 80, v2: 10, v3: 10 }, { baseline: 'v3' }, { baseline: 'v3', canary: 'v2' }],
])('split %j, picked %j → %j', (w, chosen, want) => expect(pickPair(versions, w, chosen)).toEqual(want));

it('a single version has no canary', () => expect(pickPair(['v1'], { v1: 100 }, {})).toEqual({ baseline: 'v1' }));

const traffic: ServiceTraffic = { service: 'reviews', namespace: 'bookinfo', versions, weights: { v1: 90, v2: 0, v3: 10 }, subsets: { v1: 'v1', v2: 'v2', v3: 'v3' } };
// Istio's default duration buckets; each side's latency spread over a few of them.
const BOUNDS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000, Infinity];
const evidence = (version: string, requests: number, failures: number, slow = 1) => {
  const counts = BOUNDS.map(() => 0);
  // 20% in 5–10 ms, 60% in 10–25 ms, 20% in 25–50 ms; `slow` moves it up by whole buckets.
  const at = (i: number, share: number) => (counts[i + slow - 1] = (counts[i + slow - 1] ?? 0) + requests * share);
  at(3, 0.2);
  at(4, 0.6);
  at(5, 0.2);
  return { version, requests, failures, latency: { bounds: BOUNDS, counts } };
};
const live = [
  { version: 'v1', nodeId: 'a', requestRate: 9, errorRate: 0, share: 90, p95Ms: 40, tcpRate: 0, health: 'Healthy' as const, evidence: evidence('v1', 540, 0) },
  { version: 'v3', nodeId: 'c', requestRate: 1, errorRate: 0.1, share: 10, p95Ms: 50, tcpRate: 0, health: 'Healthy' as const, evidence: evidence('v3', 120, 12) },
];

it('judges the canary and offers the next rung and a rollback', () => {
  const v = canaryView(traffic, live, { baseline: 'v1', canary: 'v3' }, DEFAULT_CANARY_KNOBS);
  expect(v.judgement.verdict).toBe('failing');
  expect(v.weight).toBe(10);
  expect(v.next).toEqual({ weight: 25, weights: { v1: 75, v2: 0, v3: 25 } });
  expect(v.rollback).toEqual({ v1: 100, v2: 0, v3: 0 });
});

it('at 100 there is no next rung', () => {
  const v = canaryView({ ...traffic, weights: { v3: 100 } }, live, { baseline: 'v1', canary: 'v3' }, DEFAULT_CANARY_KNOBS);
  expect(v.next).toBeUndefined();
});

it('is short of data on little traffic, says how many requests are missing, and never offers the primary step up', async () => {
  const { mayStepUp } = await import('./canary-verdict-adapter');
  const few = live.map((v) => ({ ...v, evidence: evidence(v.version, 15, 0), errorRate: 0 }));
  const v = canaryView(traffic, few, { baseline: 'v1', canary: 'v3' }, DEFAULT_CANARY_KNOBS);
  expect(v.judgement.verdict).toBe('not-enough-data');
  expect(v.judgement.needed).toEqual(expect.arrayContaining([{ version: 'v3', requests: 5 }]));
  expect(mayStepUp(v.judgement)).toBe(false);
  expect(mayStepUp(canaryView(traffic, live, { baseline: 'v1', canary: 'v3' }, DEFAULT_CANARY_KNOBS).judgement)).toBe(false);
});

it('offers the primary step up to a canary that matches its baseline on plenty of traffic', async () => {
  const { mayStepUp } = await import('./canary-verdict-adapter');
  const same = [
    { ...live[0]!, evidence: evidence('v1', 20_000, 0) },
    { ...live[1]!, evidence: evidence('v3', 5_000, 0) },
  ];
  const v = canaryView(traffic, same, { baseline: 'v1', canary: 'v3' }, DEFAULT_CANARY_KNOBS);
  expect(v.judgement.verdict).toBe('healthy');
  expect(mayStepUp(v.judgement)).toBe(true);
});

it('fails a canary twice as slow by whole buckets on enough traffic', () => {
  const slow = [live[0]!, { ...live[1]!, evidence: evidence('v3', 400, 0, 2) }];
  expect(canaryView(traffic, slow, { baseline: 'v1', canary: 'v3' }, DEFAULT_CANARY_KNOBS).judgement.verdict).toBe('failing');
});
