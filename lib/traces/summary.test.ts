import { describe, expect, it } from 'vitest';
import { us } from '../time/duration';
import type { Span } from './model';
import { graphLink, meshLocation, summarizeTrace } from './summary';

const T = '0'.repeat(31) + '1';
const sp = (id: string, parent: string | undefined, service: string, start: number, dur: number, error = false, tags: Span['tags'] = {}): Span => ({
  traceId: T,
  spanId: id.padStart(16, '0'),
  ...(parent ? { parentSpanId: parent.padStart(16, '0') } : {}),
  name: `op-${id}`,
  kind: 'server',
  service,
  startUs: us(start),
  durationUs: us(dur),
  tags,
  logs: [],
  processTags: {},
  error,
});

describe('summarizeTrace', () => {
  it('finds the root, the extent, errors and services', () => {
    const s = summarizeTrace(T, [sp('b', 'a', 'reviews.bookinfo', 20, 100, true), sp('a', undefined, 'productpage.bookinfo', 10, 50), sp('c', 'a', 'reviews.bookinfo', 30, 5)]);
    expect(s).toEqual({
      traceId: T,
      rootService: 'productpage.bookinfo',
      rootOperation: 'op-a',
      startUs: 10,
      durationUs: 110,
      spanCount: 3,
      errorCount: 1,
      services: [{ name: 'reviews.bookinfo', count: 2, errors: 1 }, { name: 'productpage.bookinfo', count: 1, errors: 0 }],
    });
  });
});

describe('meshLocation and graphLink', () => {
  it.each([
    [sp('a', undefined, 'whatever', 0, 1, false, { 'istio.canonical_service': 'reviews', 'istio.namespace': 'bookinfo' }), { app: 'reviews', namespace: 'bookinfo' }, '/graph?namespaces=bookinfo&graphType=versionedApp&focus=reviews'],
    [sp('a', undefined, 'ratings.bookinfo', 0, 1), { app: 'ratings', namespace: 'bookinfo' }, '/graph?namespaces=bookinfo&graphType=versionedApp&focus=ratings'],
    [sp('a', undefined, 'frontend', 0, 1), { app: 'frontend' }, undefined],
  ])('%#', (span, loc, link) => {
    expect(meshLocation(span)).toEqual(loc);
    expect(graphLink(span)).toBe(link);
  });
});
