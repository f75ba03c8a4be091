import { describe, expect, it } from 'vitest';
import { us } from '../time/duration';
import type { Span } from './model';
import { splitSharedSpanIds } from './shared-spans';
import { buildSpanTree } from './tree';

const T = '0'.repeat(31) + '1';
const sp = (id: string, parent: string | undefined, kind: Span['kind'], service: string): Span => ({
  traceId: T,
  spanId: id.padStart(16, '0'),
  ...(parent ? { parentSpanId: parent.padStart(16, '0') } : {}),
  name: `${service}-${kind}`,
  kind,
  service,
  startUs: us(0),
  durationUs: us(1),
  tags: {},
  logs: [],
  processTags: {},
  error: false,
});

describe('splitSharedSpanIds', () => {
  it('gives the shared server side its own id under the client, with its own children', () => {
    const spans = [
      sp('a', undefined, 'server', 'productpage'),
      sp('b', 'a', 'client', 'productpage'),
      sp('b', 'a', 'server', 'reviews'), // Envoy shared_span_context: same id as the client side
      sp('c', 'b', 'client', 'reviews'), // reviews' own outbound call, parented on the shared id
    ];
    const out = splitSharedSpanIds(spans);
    const server = out.find((s) => s.service === 'reviews' && s.kind === 'server')!;
    expect(server.spanId).toBe('fffffffffffffff4');
    expect(server.parentSpanId).toBe('000000000000000b');
    expect(out.find((s) => s.spanId === '000000000000000c')!.parentSpanId).toBe(server.spanId);
    const tree = buildSpanTree(out);
    expect(tree.ordered.map((n) => [n.span.name, n.depth])).toEqual([
      ['productpage-server', 0],
      ['productpage-client', 1],
      ['reviews-server', 2],
      ['reviews-client', 3],
    ]);
  });

  it('leaves traces without shared ids alone', () => {
    const spans = [sp('a', undefined, 'server', 'x'), sp('b', 'a', 'client', 'x')];
    expect(splitSharedSpanIds(spans)).toBe(spans);
  });

  it('avoids ids already in the trace', () => {
    const spans = [sp('b', undefined, 'client', 'x'), sp('b', undefined, 'server', 'y'), sp('fffffffffffffff4', undefined, 'client', 'z')];
    const ids = splitSharedSpanIds(spans).map((s) => s.spanId);
    expect(new Set(ids).size).toBe(3);
  });
});
