import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST_VIEW, objectHref, parseListView, serializeListView } from './config-url-state';

describe('config list URL state', () => {
  it.each([
    ['', DEFAULT_LIST_VIEW],
    ['namespaces=b,a&kinds=VirtualService', { ...DEFAULT_LIST_VIEW, namespaces: ['a', 'b'], kinds: ['VirtualService'] }],
    ['status=errors&q=reviews', { ...DEFAULT_LIST_VIEW, status: 'errors', q: 'reviews' }],
    ['status=bogus&namespaces=ok,<script>,,ok', { ...DEFAULT_LIST_VIEW, namespaces: ['ok'] }],
  ])('parses %j', (qs, want) => {
    expect(parseListView(new URLSearchParams(qs))).toEqual(want);
  });

  it('round-trips and writes only non-defaults', () => {
    const v = { namespaces: ['bookinfo', 'istio-system'], kinds: ['Gateway'], status: 'warnings' as const, q: 'gw' };
    expect(parseListView(new URLSearchParams(serializeListView(v)))).toEqual(v);
    expect(serializeListView(DEFAULT_LIST_VIEW)).toBe('');
    expect(serializeListView({ ...DEFAULT_LIST_VIEW, q: '  ' })).toBe('');
  });

  it('links to the editor with encoded segments', () => {
    expect(objectHref({ kind: 'VirtualService', namespace: 'bookinfo', name: 'reviews' })).toBe('/config/bookinfo/VirtualService/reviews');
    expect(objectHref({ kind: 'X', namespace: 'a b', name: 'c/d' })).toBe('/config/a%20b/X/c%2Fd');
  });
});
