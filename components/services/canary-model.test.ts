import { expect, it } from 'vitest';
import type { ServiceTraffic } from '@/lib/api/traffic';
import { DEFAULT_CANARY_THRESHOLDS } from '@/lib/istio/traffic/canary';
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
const evidence = (version: string, requests: number, failures: number) => ({ version, requests, failures, latency: { bounds: [50, Infinity], counts: [requests, 0] } });
const live = [
  { version: 'v1', nodeId: 'a', requestRate: 9, errorRate: 0, share: 90, p95Ms: 40, tcpRate: 0, health: 'Healthy' as const, evidence: evidence('v1', 540, 0) },
  { version: 'v3', nodeId: 'c', requestRate: 1, errorRate: 0.1, share: 10, p95Ms: 50, tcpRate: 0, health: 'Healthy' as const, evidence: evidence('v3', 120, 12) },
];

it('judges the canary and offers the next rung and a rollback', () => {
  const v = canaryView(traffic, live, { baseline: 'v1', canary: 'v3' }, DEFAULT_CANARY_THRESHOLDS);
  expect(v.judgement.verdict).toBe('failing');
  expect(v.weight).toBe(10);
  expect(v.next).toEqual({ weight: 25, weights: { v1: 75, v2: 0, v3: 25 } });
  expect(v.rollback).toEqual({ v1: 100, v2: 0, v3: 0 });
});

it('at 100 there is no next rung', () => {
  const v = canaryView({ ...traffic, weights: { v3: 100 } }, live, { baseline: 'v1', canary: 'v3' }, DEFAULT_CANARY_THRESHOLDS);
  expect(v.next).toBeUndefined();
});

it('is undecided on little data, says how many requests are missing, and never offers the primary step up', async () => {
  const { mayStepUp } = await import('./canary-verdict-adapter');
  const few = live.map((v) => ({ ...v, evidence: evidence(v.version, 15, 0), errorRate: 0 }));
  const v = canaryView(traffic, few, { baseline: 'v1', canary: 'v3' }, DEFAULT_CANARY_THRESHOLDS);
  expect(v.judgement.verdict).toBe('insufficient-data');
  expect(v.judgement.reasons[0]).toBe('not enough data: v3 has 15 requests in the window, 85 more needed');
  expect(mayStepUp(v.judgement)).toBe(false);
  expect(mayStepUp(canaryView(traffic, live, { baseline: 'v1', canary: 'v3' }, DEFAULT_CANARY_THRESHOLDS).judgement)).toBe(false);
});
