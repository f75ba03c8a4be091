import { describe, expect, it } from 'vitest';
import { dependencyLinks, type DependencySpan } from './dependencies';

const T = (i: number) => i.toString(16).padStart(32, '0');
const sp = (traceId: string, id: string, parent: string | undefined, kind: DependencySpan['kind'], service: string): DependencySpan => ({
  traceId,
  spanId: id.padStart(16, '0'),
  ...(parent ? { parentSpanId: parent.padStart(16, '0') } : {}),
  kind,
  service,
});

describe('dependencyLinks', () => {
  it('links W3C-style traces with a distinct id per span', () => {
    const t = T(1);
    const trace = [
      sp(t, 'a1', undefined, 'server', 'productpage.bookinfo'),
      sp(t, 'a2', 'a1', 'client', 'productpage.bookinfo'),
      sp(t, 'b1', 'a2', 'server', 'reviews.bookinfo'),
      sp(t, 'b2', 'b1', 'client', 'reviews.bookinfo'),
      sp(t, 'c1', 'b2', 'server', 'ratings.bookinfo'),
    ];
    expect(dependencyLinks([trace])).toEqual([
      { parent: 'productpage.bookinfo', child: 'reviews.bookinfo', callCount: 1 },
      { parent: 'reviews.bookinfo', child: 'ratings.bookinfo', callCount: 1 },
    ]);
  });

  it('splits Zipkin shared ids, so a shared id does not link the gateway to B', () => {
    const t = T(2);
    // Envoy's shared_span_context: each server side reuses its client's id and parent id.
    const trace = [
      sp(t, 'e', undefined, 'client', 'gateway.istio-system'),
      sp(t, 'e', undefined, 'server', 'a.ns'),
      sp(t, 'a', 'e', 'client', 'a.ns'),
      sp(t, 'a', 'e', 'server', 'b.ns'),
    ];
    const links = dependencyLinks([trace]);
    expect(links).toEqual([
      { parent: 'a.ns', child: 'b.ns', callCount: 1 },
      { parent: 'gateway.istio-system', child: 'a.ns', callCount: 1 },
    ]);
    expect(links.some((l) => l.parent === 'gateway.istio-system' && l.child === 'b.ns')).toBe(false);
  });

  it('ignores children of the same service', () => {
    const t = T(3);
    const trace = [sp(t, '1', undefined, 'server', 'a.ns'), sp(t, '2', '1', 'internal', 'a.ns'), sp(t, '3', '2', 'client', 'a.ns')];
    expect(dependencyLinks([trace])).toEqual([]);
  });

  it('ignores spans whose parent is not in the trace', () => {
    const t = T(4);
    const trace = [sp(t, '1', 'ff', 'server', 'b.ns'), sp(t, '2', '1', 'client', 'b.ns'), sp(t, '3', '2', 'server', 'c.ns')];
    expect(dependencyLinks([trace])).toEqual([{ parent: 'b.ns', child: 'c.ns', callCount: 1 }]);
  });

  it('counts calls over several traces, sorted by parent then child, duplicates once', () => {
    const call = (t: string, from: string, to: string) => [sp(t, '1', undefined, 'client', from), sp(t, '2', '1', 'server', to)];
    const traces = [
      [...call(T(5), 'b.ns', 'c.ns'), sp(T(5), '3', '1', 'server', 'a.ns')],
      call(T(6), 'b.ns', 'c.ns'),
      call(T(7), 'a.ns', 'b.ns'),
      [...call(T(8), 'b.ns', 'c.ns'), sp(T(8), '2', '1', 'server', 'c.ns')], // a retried report of the same span
      [],
    ];
    expect(dependencyLinks(traces)).toEqual([
      { parent: 'a.ns', child: 'b.ns', callCount: 1 },
      { parent: 'b.ns', child: 'a.ns', callCount: 1 },
      { parent: 'b.ns', child: 'c.ns', callCount: 3 },
    ]);
  });

  it('takes traces from a generator, one at a time', () => {
    function* traces() {
      for (let i = 0; i < 3; i++) yield [sp(T(i), '1', undefined, 'client', 'x'), sp(T(i), '2', '1', 'server', 'y')];
    }
    expect(dependencyLinks(traces())).toEqual([{ parent: 'x', child: 'y', callCount: 3 }]);
  });
});
