import { describe, expect, it } from 'vitest';
import type { DestinationRule, Deployment, Service, VirtualService } from '../types';
import { describeTraffic, resolveWeights, TrafficShiftError, withSubsets, withWeights } from './shift';

const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'reviews', namespace: 'bookinfo' }, spec: { selector: { app: 'reviews' } } };
const dep = (v: string): Deployment => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `reviews-${v}`, namespace: 'bookinfo' }, spec: { template: { metadata: { labels: { app: 'reviews', version: v } } } } });
const deps = [dep('v1'), dep('v2'), dep('v3')];
const dr: DestinationRule = { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'reviews', namespace: 'bookinfo' }, spec: { host: 'reviews', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } }, subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'canary', labels: { version: 'v2' } }] } };
const vs: VirtualService = {
  apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'reviews', namespace: 'bookinfo' },
  spec: { hosts: ['reviews'], http: [
    { match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [{ destination: { host: 'reviews', subset: 'canary' } }] },
    { timeout: '2s', route: [{ destination: { host: 'reviews', subset: 'v1' } }] },
  ] },
};

describe('traffic shifting', () => {
  it('reads the catch-all route, the versions and the subsets', () => {
    expect(describeTraffic(svc, deps, vs, dr)).toEqual({ service: 'reviews', namespace: 'bookinfo', versions: ['v1', 'v2', 'v3'], weights: { v1: 100 }, virtualService: 'reviews', destinationRule: 'reviews', subsets: { v1: 'v1', canary: 'v2' } });
    expect(describeTraffic(svc, deps, undefined, undefined).weights).toEqual({});
  });

  it('maps versions and subsets, and refuses bad splits with a reason', () => {
    const t = describeTraffic(svc, deps, vs, dr);
    expect(resolveWeights(t, { v1: 50, v2: 25, v3: 25 })).toEqual([
      { subset: 'v1', version: 'v1', weight: 50 },
      { subset: 'canary', version: 'v2', weight: 25 },
      { subset: 'v3', version: 'v3', weight: 25 },
    ]);
    expect(resolveWeights(t, { canary: 100 })).toEqual([{ subset: 'canary', version: 'v2', weight: 100 }]);
    for (const [bad, msg] of [
      [{ v1: 50, v2: 40 }, /sum to 100 \(got 90\)/],
      [{ v1: 50.5, v2: 49.5 }, /integer/],
      [{ v1: -10, v2: 110 }, /integer from 0 to 100/],
      [{ v9: 100 }, /unknown version "v9"/],
      [{}, /empty/],
      [{ v1: '100' }, /integer/],
    ] as const) {
      expect(() => resolveWeights(t, bad as Record<string, unknown>)).toThrow(TrafficShiftError);
      expect(() => resolveWeights(t, bad as Record<string, unknown>)).toThrow(msg);
    }
  });

  it('adds missing subsets to the DestinationRule and keeps the rest', () => {
    const next = withSubsets(svc, dr, [{ subset: 'v1', version: 'v1' }, { subset: 'v3', version: 'v3' }]);
    expect(next.spec?.subsets?.map((s) => s.name)).toEqual(['v1', 'canary', 'v3']);
    expect(next.spec?.trafficPolicy).toEqual({ tls: { mode: 'ISTIO_MUTUAL' } });
    expect(dr.spec?.subsets).toHaveLength(2); // input untouched
    expect(withSubsets(svc, undefined, [{ subset: 'v2', version: 'v2' }])).toEqual({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'reviews', namespace: 'bookinfo' }, spec: { host: 'reviews', subsets: [{ name: 'v2', labels: { version: 'v2' } }] } });
  });

  it('sets the catch-all route weights, keeping matches and timeouts', () => {
    const next = withWeights(svc, vs, [{ subset: 'v1', weight: 0 }, { subset: 'v3', weight: 100 }]);
    expect(next.spec?.http?.[0]).toEqual(vs.spec?.http?.[0]);
    expect(next.spec?.http?.[1]).toEqual({ timeout: '2s', route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 0 }, { destination: { host: 'reviews', subset: 'v3' }, weight: 100 }] });
    const created = withWeights(svc, undefined, [{ subset: 'v1', weight: 100 }]);
    expect(created.spec).toEqual({ hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }] }] });
  });
});
