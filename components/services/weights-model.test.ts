import { describe, expect, it } from 'vitest';
import type { ServiceTraffic } from '@/lib/api/traffic';
import { allTo, currentWeights, describeWeights, evenSplit, sameWeights, setWeight, sliderKeys, sumOf } from './weights-model';

const reviews: ServiceTraffic = {
  service: 'reviews',
  namespace: 'bookinfo',
  versions: ['v1', 'v2', 'v3'],
  weights: { v1: 80, v2: 10, v3: 10 },
  subsets: { v1: 'v1', v2: 'v2', v3: 'v3' },
  virtualService: 'reviews',
  destinationRule: 'reviews',
};

describe('currentWeights', () => {
  it('maps subset weights to versions', () => {
    expect(currentWeights(reviews)).toEqual({ weights: { v1: 80, v2: 10, v3: 10 }, routed: true });
  });
  it('follows subsets named differently from their version', () => {
    const t = { ...reviews, weights: { stable: 60, canary: 40 }, subsets: { stable: 'v1', canary: 'v3' } };
    expect(currentWeights(t).weights).toEqual({ v1: 60, v2: 0, v3: 40 });
  });
  it('shows an even split when nothing routes by version', () => {
    const t = { ...reviews, weights: { '*': 100 }, subsets: {} };
    expect(currentWeights(t)).toEqual({ weights: { v1: 34, v2: 33, v3: 33 }, routed: false });
  });
  it('offers subsets that select no version', () => {
    expect(sliderKeys({ ...reviews, versions: ['v1'], subsets: { v1: 'v1', blue: null } })).toEqual(['v1', 'blue']);
  });
});

describe('setWeight keeps the sum at 100', () => {
  it.each([
    [{ v1: 80, v2: 10, v3: 10 }, 'v3', 50, { v1: 44, v2: 6, v3: 50 }],
    [{ v1: 100, v2: 0, v3: 0 }, 'v1', 40, { v1: 40, v2: 30, v3: 30 }],
    [{ v1: 50, v2: 50 }, 'v2', 130, { v1: 0, v2: 100 }],
    [{ v1: 50, v2: 50 }, 'v2', -3, { v1: 100, v2: 0 }],
    [{ v1: 33, v2: 33, v3: 34 }, 'v1', 0, { v1: 0, v2: 49, v3: 51 }],
    [{ v1: 100 }, 'v1', 20, { v1: 100 }],
  ])('%j set %s=%d → %j', (w, k, v, want) => {
    const got = setWeight(w, k, v);
    expect(got).toEqual(want);
    expect(sumOf(got)).toBe(100);
  });
  it('ignores unknown keys', () => expect(setWeight({ v1: 100 }, 'v9', 5)).toEqual({ v1: 100 }));
});

it('even split, all to one, equality and words', () => {
  expect(evenSplit(['a', 'b', 'c'])).toEqual({ a: 34, b: 33, c: 33 });
  expect(evenSplit([])).toEqual({});
  expect(allTo(['a', 'b'], 'b')).toEqual({ a: 0, b: 100 });
  expect(sameWeights({ a: 0, b: 100 }, { b: 100 })).toBe(true);
  expect(sameWeights({ a: 1, b: 99 }, { b: 100 })).toBe(false);
  expect(describeWeights({ v1: 0, v3: 100 })).toBe('v3 100%');
});
