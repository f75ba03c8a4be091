import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../types';
import { fqdn, hostMatchScore } from './hosts';
import { matchRequest, type RoutableRequest } from './match';
import { planFault, retryPolicy, shouldRetry } from './policy';
import { compileRoutingTable, peerAuthMode } from './table';
import { chooseRoute, planRequest, rewritePath, type Dice } from './resolve';

const vs = (name: string, spec: Record<string, unknown>, namespace = 'bookinfo'): K8sObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, namespace },
  spec,
});

const req = (over: Partial<RoutableRequest> = {}): RoutableRequest => ({ method: 'GET', path: '/', authority: 'reviews:9080', headers: {}, ...over });

/** Deterministic dice over a fixed sequence of fractions. */
function seqDice(fractions: number[]): Dice {
  let i = 0;
  return { below: (n) => Math.floor((fractions[i++ % fractions.length] as number) * n) };
}

/** A seeded PRNG (mulberry32) so the statistical tests are repeatable. */
function seeded(seed: number): Dice {
  let a = seed >>> 0;
  return {
    below(n) {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    },
  };
}

describe('hosts', () => {
  it.each([
    ['reviews', 'bookinfo', 'reviews.bookinfo.svc.cluster.local'],
    ['reviews:9080', 'bookinfo', 'reviews.bookinfo.svc.cluster.local'],
    ['reviews.other', 'bookinfo', 'reviews.other.svc.cluster.local'],
    ['reviews.other.svc', 'bookinfo', 'reviews.other.svc.cluster.local'],
    ['api.example.com', 'bookinfo', 'api.example.com'],
    ['*', 'bookinfo', '*'],
  ])('fqdn(%s, %s) = %s', (h, ns, want) => expect(fqdn(h, ns)).toBe(want));

  it('prefers exact over wildcard, longer wildcard over shorter', () => {
    const h = 'a.b.example.com';
    expect(hostMatchScore(h, h)).toBeGreaterThan(hostMatchScore('*.b.example.com', h));
    expect(hostMatchScore('*.b.example.com', h)).toBeGreaterThan(hostMatchScore('*.example.com', h));
    expect(hostMatchScore('*.example.com', h)).toBeGreaterThan(hostMatchScore('*', h));
    expect(hostMatchScore('*.other.com', h)).toBe(-1);
  });
});

describe('matchRequest', () => {
  it.each([
    [{ uri: { exact: '/productpage' } }, req({ path: '/productpage?x=1' }), true],
    [{ uri: { exact: '/productpage' } }, req({ path: '/productpage/x' }), false],
    [{ uri: { prefix: '/api/v1' } }, req({ path: '/api/v1/products' }), true],
    [{ uri: { regex: '/reviews/[0-9]+' } }, req({ path: '/reviews/12' }), true],
    [{ uri: { regex: '/reviews/[0-9]+' } }, req({ path: '/reviews/12/x' }), false],
    [{ uri: { regex: '([' } }, req({ path: '/' }), false],
    [{ uri: { exact: '/PRODUCTPAGE' }, ignoreUriCase: true }, req({ path: '/productpage' }), true],
    [{ method: { exact: 'POST' } }, req(), false],
    [{ headers: { 'end-user': { exact: 'jason' } } }, req({ headers: { 'end-user': 'jason' } }), true],
    [{ headers: { 'End-User': { exact: 'jason' } } }, req({ headers: { 'end-user': 'jason' } }), true],
    [{ headers: { 'end-user': { exact: 'jason' } } }, req({ headers: {} }), false],
    [{ withoutHeaders: { 'end-user': { exact: 'jason' } } }, req({ headers: { 'end-user': 'jason' } }), false],
    [{ withoutHeaders: { 'end-user': { exact: 'jason' } } }, req({ headers: {} }), true],
    [{ queryParams: { v: { exact: '2' } } }, req({ path: '/x?v=2' }), true],
    [{ sourceLabels: { app: 'productpage' } }, req({ sourceLabels: { app: 'productpage', version: 'v1' } }), true],
    [{ sourceLabels: { app: 'productpage' } }, req({ sourceLabels: { app: 'reviews' } }), false],
  ])('%j on %j → %s', (m, r, want) => expect(matchRequest(m, r, 'mesh')).toBe(want));
});

describe('routing table and plans', () => {
  const reviews = vs('reviews', {
    hosts: ['reviews'],
    http: [
      { match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [{ destination: { host: 'reviews', subset: 'v2' } }] },
      { route: [
        { destination: { host: 'reviews', subset: 'v1' }, weight: 80 },
        { destination: { host: 'reviews', subset: 'v2' }, weight: 10 },
        { destination: { host: 'reviews', subset: 'v3' }, weight: 10 },
      ], timeout: '2s', retries: { attempts: 3, perTryTimeout: '500ms', retryOn: '5xx,503' } },
    ],
  });
  const table = compileRoutingTable([reviews], 1);

  it('takes the first matching route', () => {
    const p = planRequest(table, req({ headers: { 'end-user': 'jason' } }), 'bookinfo', 'mesh', seeded(1));
    expect(p.destination).toMatchObject({ host: 'reviews.bookinfo.svc.cluster.local', subset: 'v2' });
  });

  it('splits by weight within tolerance over many requests', () => {
    const dice = seeded(42);
    const counts: Record<string, number> = {};
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const p = planRequest(table, req(), 'bookinfo', 'mesh', dice);
      const s = p.destination?.subset ?? 'none';
      counts[s] = (counts[s] ?? 0) + 1;
    }
    expect((counts.v1 ?? 0) / n).toBeCloseTo(0.8, 1);
    expect(Math.abs((counts.v2 ?? 0) / n - 0.1)).toBeLessThan(0.015);
    expect(Math.abs((counts.v3 ?? 0) / n - 0.1)).toBeLessThan(0.015);
  });

  it('carries timeout and retry policy', () => {
    const p = planRequest(table, req(), 'bookinfo', 'mesh', seqDice([0.5]));
    expect(p.timeoutMs).toBe(2000);
    expect(p.retry.attempts).toBe(3);
    expect(p.retry.perTryTimeoutMs).toBe(500);
    expect(p.retry.retriableStatus.has(503)).toBe(true);
  });

  it('uses the default route when no VirtualService exists', () => {
    const p = planRequest(table, req({ authority: 'details:9080' }), 'bookinfo', 'mesh', seqDice([0]));
    expect(p.choice.kind).toBe('default');
    expect(p.destination?.host).toBe('details.bookinfo.svc.cluster.local');
    expect(p.retry.attempts).toBe(2);
  });

  it('answers no-route when a VirtualService exists but nothing matches', () => {
    const t = compileRoutingTable([vs('pp', { hosts: ['productpage'], http: [{ match: [{ uri: { exact: '/only' } }], route: [{ destination: { host: 'productpage' } }] }] })], 1);
    expect(chooseRoute(t, req({ authority: 'productpage', path: '/other' }), 'bookinfo', 'mesh').choice.kind).toBe('no-route');
  });

  it('binds gateway routes only to that gateway', () => {
    const t = compileRoutingTable([vs('bookinfo', { hosts: ['*'], gateways: ['bookinfo-gateway'], http: [{ match: [{ uri: { exact: '/productpage' } }], route: [{ destination: { host: 'productpage', port: { number: 9080 } } }] }] })], 1);
    const atGw = planRequest(t, req({ authority: 'bookinfo.example.com', path: '/productpage' }), 'istio-system', 'bookinfo/bookinfo-gateway', seqDice([0]));
    expect(atGw.destination).toMatchObject({ host: 'productpage.bookinfo.svc.cluster.local', port: 9080 });
    const atSidecar = chooseRoute(t, req({ authority: 'productpage', path: '/productpage' }), 'bookinfo', 'mesh');
    expect(atSidecar.choice.kind).toBe('default');
  });

  it('rejects a structurally broken VirtualService and keeps the last good one', () => {
    const good = compileRoutingTable([reviews], 1);
    const broken = vs('reviews', { hosts: ['reviews'], http: [{ route: [{ destination: {} }] }] });
    const next = compileRoutingTable([broken], 2, good);
    expect(next.rejections).toHaveLength(1);
    expect(next.rejections[0]?.reason).toMatch(/destination.host/);
    expect(next.virtualServices[0]?.vs).toBe(reviews);
  });

  it('plans faults by percentage and mirrors', () => {
    const t = compileRoutingTable([vs('ratings', { hosts: ['ratings'], http: [{
      fault: { abort: { httpStatus: 503, percentage: { value: 50 } }, delay: { fixedDelay: '7s', percentage: { value: 100 } } },
      mirror: { host: 'ratings', subset: 'v2' }, mirrorPercentage: { value: 100 },
      route: [{ destination: { host: 'ratings', subset: 'v1' } }],
    }] })], 1);
    const p = planRequest(t, req({ authority: 'ratings' }), 'bookinfo', 'mesh', seqDice([0.9, 0.2, 0, 0]));
    expect(p.fault).toEqual({ delayMs: 7000, abortStatus: 503 });
    expect(p.mirror).toMatchObject({ subset: 'v2' });
    const q = planRequest(t, req({ authority: 'ratings' }), 'bookinfo', 'mesh', seqDice([0.2, 0.7, 0, 0]));
    expect(q.fault.abortStatus).toBeUndefined();
  });
});

describe('policies', () => {
  it('applies a fault with no percentage to every request', () => {
    expect(planFault({ abort: { httpStatus: 500 } }, () => 99.9)).toEqual({ abortStatus: 500 });
  });
  it.each([
    ['5xx', { status: 500 }, true],
    ['5xx', { status: 404 }, false],
    ['gateway-error', { status: 502 }, true],
    ['gateway-error', { status: 500 }, false],
    ['connect-failure', { failure: 'connect-failure' as const }, true],
    ['retriable-4xx', { status: 409 }, true],
    ['503', { status: 503 }, true],
  ])('retryOn %s with %j → %s', (on, outcome, want) => {
    expect(shouldRetry(retryPolicy({ attempts: 2, retryOn: on }), outcome)).toBe(want);
  });
  it('rewrites the matched prefix', () => {
    expect(rewritePath('/v1/books?x=1', { match: [{ uri: { prefix: '/v1' } }] }, '/api')).toBe('/api/books?x=1');
  });
  it('resolves PeerAuthentication by selector, namespace, then mesh', () => {
    const pa = (name: string, namespace: string, mode: string, sel?: Record<string, string>): K8sObject => ({
      apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name, namespace },
      spec: { mtls: { mode }, ...(sel ? { selector: { matchLabels: sel } } : {}) },
    });
    const t = compileRoutingTable([pa('default', 'istio-system', 'PERMISSIVE'), pa('ns', 'bookinfo', 'STRICT'), pa('db', 'bookinfo', 'DISABLE', { app: 'mongodb' })], 1);
    expect(peerAuthMode(t, 'bookinfo', { app: 'mongodb' })).toBe('DISABLE');
    expect(peerAuthMode(t, 'bookinfo', { app: 'reviews' })).toBe('STRICT');
    expect(peerAuthMode(t, 'other', {})).toBe('PERMISSIVE');
  });
});
