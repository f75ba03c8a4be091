import { describe, expect, it } from 'vitest';
import type { ConfigHistory } from '../stores/history/journal';
import { ANONYMOUS, type Principal } from './types';
import { applyVisibility } from './visibility';

const alice: Principal = { kind: 'user', name: 'alice', groups: [], token: 't' };
const canSee = async (_p: Principal, ns: string) => ns === 'bookinfo';
const history = { get: (id: number) => (id === 1 ? { id, namespace: 'istio-system' } : id === 2 ? { id, namespace: 'bookinfo' } : undefined) } as unknown as ConfigHistory;
const ctx = { history, knownNamespaces: () => ['bookinfo', 'istio-system'] };
const run = (route: string, params: Record<string, string> = {}, query = '') => applyVisibility(alice, route, params, new URL(`http://x/p${query}`), canSee, ctx);

describe('applyVisibility', () => {
  it.each([
    ['/api/namespaces/:ns/istio/:group/:version/:kind', { ns: 'istio-system' }, ''],
    ['/api/namespaces/graph', {}, '?namespaces=istio-system'],
    ['/api/istio/history/:id', { id: '1' }, ''],
    ['/api/services/:service/operations', { service: 'istiod.istio-system' }, ''],
    ['/api/traces', {}, '?service=istio-ingressgateway.istio-system'],
    ['/api/metrics/graph-item', {}, '?id=app:Kubernetes:istio-system:istiod'],
    ['/api/metrics/graph-item', {}, `?id=${encodeURIComponent('wl:K:istio-system:a>wl:K:istio-system:b>http')}`],
  ])('hides %s %j %s with a 404', async (route, params, query) => {
    await expect(run(route, params, query)).rejects.toMatchObject({ status: 404 });
  });

  it.each([
    ['/api/namespaces/:ns/istio/:group/:version/:kind', { ns: 'bookinfo' }, ''],
    ['/api/istio/history/:id', { id: '2' }, ''],
    ['/api/services/:service/operations', { service: 'reviews.bookinfo' }, ''],
    ['/api/services/:service/operations', { service: 'some-service-without-namespace' }, ''],
    ['/api/metrics/graph-item', {}, `?id=${encodeURIComponent('wl:K:istio-system:gw>wl:K:bookinfo:productpage>http')}`],
    ['/api/metrics/graph-item', {}, '?id=unknown:Kubernetes'],
  ])('lets %s %j %s through', async (route, params, query) => {
    await expect(run(route, params, query)).resolves.toBeUndefined();
  });

  it('narrows a namespaces filter to the visible ones', async () => {
    const url = new URL('http://x/api/namespaces/graph?namespaces=istio-system,bookinfo');
    await applyVisibility(alice, '/api/namespaces/graph', {}, url, canSee, ctx);
    expect(url.searchParams.get('namespaces')).toBe('bookinfo');
  });

  it('filters list answers', async () => {
    const filter = await run('/api/services');
    expect(await filter?.({ data: ['reviews.bookinfo', 'istiod.istio-system', 'frontend'], total: 3 })).toEqual({ data: ['reviews.bookinfo', 'frontend'], total: 2 });
    const ns = await run('/api/namespaces');
    expect(await ns?.([{ name: 'bookinfo' }, { name: 'istio-system' }])).toEqual([{ name: 'bookinfo' }]);
    const h = await run('/api/istio/history');
    expect(await h?.({ entries: [{ namespace: 'istio-system' }, { namespace: 'bookinfo' }, {}] })).toEqual({ entries: [{ namespace: 'bookinfo' }, {}] });
  });

  it('drops dependency links when either end is in a hidden namespace', async () => {
    const filter = await run('/api/dependencies');
    const link = (parent: string, child: string, callCount: number) => ({ parent, child, callCount });
    const body = {
      data: [
        link('istio-ingressgateway.istio-system', 'productpage.bookinfo', 5),
        link('productpage.bookinfo', 'reviews.bookinfo', 3),
        link('reviews.bookinfo', 'istiod.istio-system', 1),
        link('frontend', 'reviews.bookinfo', 2),
      ],
      total: 4,
      limit: 0,
      offset: 0,
      errors: null,
    };
    expect(await filter?.(body)).toEqual({ data: [link('productpage.bookinfo', 'reviews.bookinfo', 3), link('frontend', 'reviews.bookinfo', 2)], total: 2, limit: 0, offset: 0, errors: null });
  });

  it('cuts spans of hidden namespaces out of traces, and hides traces with nothing visible', async () => {
    const trace = (id: string, services: string[]) => ({
      traceID: id,
      spans: services.map((_, i) => ({ spanID: `s${i}`, processID: `p${i}` })),
      processes: Object.fromEntries(services.map((s, i) => [`p${i}`, { serviceName: s }])),
      warnings: null,
    });
    const mixed = trace('a1', ['istio-ingressgateway.istio-system', 'productpage.bookinfo', 'istiod.istio-system', 'frontend']);
    const hiddenOnly = trace('b2', ['istiod.istio-system']);
    const search = await run('/api/traces');
    const got = (await search?.({ data: [mixed, hiddenOnly, trace('c3', ['reviews.bookinfo'])], total: 3, limit: 0, offset: 0, errors: null })) as {
      data: { traceID: string; spans: { spanID: string }[]; processes: Record<string, unknown>; warnings: string[] | null }[];
      total: number;
    };
    expect(got.data.map((t) => t.traceID)).toEqual(['a1', 'c3']);
    expect(got.total).toBe(2);
    expect(got.data[0]?.spans.map((s) => s.spanID)).toEqual(['s1', 's3']);
    expect(Object.keys(got.data[0]?.processes ?? {})).toEqual(['p1', 'p3']);
    expect(got.data[0]?.warnings).toEqual(['2 spans from namespaces you may not see are hidden']);
    expect(got.data[1]?.warnings).toBeNull();
    const byId = await run('/api/traces/:traceID', { traceID: 'b2' });
    await expect(byId?.({ data: [hiddenOnly], total: 1 })).rejects.toMatchObject({ status: 404 });
    await expect(byId?.({ data: [mixed], total: 1 })).resolves.toMatchObject({ data: [{ traceID: 'a1' }] });
  });

  it('hides nothing from whoever has no Kubernetes identity to check', async () => {
    const everything = async () => true;
    await expect(applyVisibility(ANONYMOUS, '/api/namespaces/:ns/x', { ns: 'istio-system' }, new URL('http://x/'), everything, ctx)).resolves.toBeUndefined();
  });
});
