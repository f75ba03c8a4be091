import { describe, expect, it } from 'vitest';
import type { DestinationRule, Service, VirtualService } from '../types';
import { applyCircuitBreaker, applyFaultInjection, applyRequestRouting, applyTimeouts, describeRouting } from './wizards';
import { canaryWeights, nextCanaryWeight } from './canary';

const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'reviews', namespace: 'bookinfo' } };
const vs: VirtualService = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'reviews', namespace: 'bookinfo' }, spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 80 }, { destination: { host: 'reviews', subset: 'v2' }, weight: 20 }] }] } };

describe('wizards (golden objects)', () => {
  it('request routing puts match routes before the catch-all', () => {
    const next = applyRequestRouting(svc, vs, [{ headers: { 'end-user': { exact: 'jason' } }, subset: 'v2' }, { uri: { prefix: '/beta' }, method: 'GET', subset: 'v3' }]);
    expect(next.spec?.http).toEqual([
      { match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [{ destination: { host: 'reviews', subset: 'v2' } }] },
      { match: [{ uri: { prefix: '/beta' }, method: { exact: 'GET' } }], route: [{ destination: { host: 'reviews', subset: 'v3' } }] },
      vs.spec?.http?.[0],
    ]);
    expect(applyRequestRouting(svc, next, []).spec?.http).toEqual(vs.spec?.http);
  });

  it('fault injection sets and clears faults on every route', () => {
    const next = applyFaultInjection(svc, vs, { delay: { fixedDelay: '5s', percent: 10 }, abort: { httpStatus: 503, percent: 2.5 } });
    expect(next.spec?.http?.[0]?.fault).toEqual({ delay: { fixedDelay: '5s', percentage: { value: 10 } }, abort: { httpStatus: 503, percentage: { value: 2.5 } } });
    expect(applyFaultInjection(svc, next, undefined).spec?.http?.[0]?.fault).toBeUndefined();
  });

  it('timeouts and retries', () => {
    const next = applyTimeouts(svc, undefined, { timeout: '3s', retries: { attempts: 3, perTryTimeout: '1s', retryOn: '5xx' } });
    expect(next).toEqual({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'reviews', namespace: 'bookinfo' }, spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }], timeout: '3s', retries: { attempts: 3, perTryTimeout: '1s', retryOn: '5xx' } }] } });
  });

  it('circuit breaker on the DestinationRule, keeping TLS and subsets', () => {
    const dr: DestinationRule = { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'reviews', namespace: 'bookinfo' }, spec: { host: 'reviews', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } }, subsets: [{ name: 'v1', labels: { version: 'v1' } }] } };
    const next = applyCircuitBreaker(svc, dr, { connectionPool: { maxConnections: 1, http1MaxPendingRequests: 1 }, outlierDetection: { consecutive5xxErrors: 1, interval: '1s', baseEjectionTime: '3m', maxEjectionPercent: 100 } });
    expect(next.spec).toEqual({ host: 'reviews', subsets: dr.spec?.subsets, trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' }, connectionPool: { tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1 } }, outlierDetection: { consecutive5xxErrors: 1, interval: '1s', baseEjectionTime: '3m', maxEjectionPercent: 100 } } });
    expect(applyCircuitBreaker(svc, next, undefined).spec?.trafficPolicy).toEqual({ tls: { mode: 'ISTIO_MUTUAL' } });
  });

  it('describes routing in words', () => {
    expect(describeRouting(applyRequestRouting(svc, vs, [{ headers: { 'end-user': { exact: 'jason' } }, subset: 'v2' }]), undefined)).toEqual([
      'Requests with header end-user = jason go to v2.',
      'All other requests go to v1 80%, v2 20%.',
    ]);
  });
});

describe('canary ladder', () => {
  it('steps 10 → 25 → 50 → 100 and rebalances weights', () => {
    expect([0, 10, 25, 50, 100].map(nextCanaryWeight)).toEqual([10, 25, 50, 100, 100]);
    expect(canaryWeights(['v1', 'v2', 'v3'], 'v1', 'v3', 25)).toEqual({ v1: 75, v2: 0, v3: 25 });
  });
});
