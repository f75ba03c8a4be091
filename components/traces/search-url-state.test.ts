import { describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH, parseSearch, parseTagFilter, searchApiParams, serializeSearch, sortTraces, validateSearch } from './search-url-state';

describe('trace search URL state', () => {
  it('round-trips', () => {
    const s = { ...DEFAULT_SEARCH, service: 'reviews.bookinfo', operation: 'GET', tags: 'error=true', minDuration: '10ms', lookback: '2h', limit: '50', sort: 'longest' as const };
    expect(parseSearch(new URLSearchParams(serializeSearch(s)))).toEqual(s);
    expect(serializeSearch(DEFAULT_SEARCH)).toBe('');
  });

  it.each([
    ['lookback=forever', { lookback: '1h' }],
    ['limit=-3', { limit: '20' }],
    ['limit=99999', { limit: '20' }],
    ['operation=x', { operation: '' }],
    ['sort=sideways', { sort: 'recent' }],
  ])('falls back on bad values: %s', (q, want) => expect(parseSearch(new URLSearchParams(q))).toMatchObject(want));

  it.each([
    ['', { tags: {} }],
    ['a=b', { tags: { a: 'b' } }],
    ['http.status_code=500  error=true', { tags: { 'http.status_code': '500', error: 'true' } }],
    ['msg="hello world" x=1', { tags: { msg: 'hello world', x: '1' } }],
    ['novalue', { error: 'expected key=value near "novalue"' }],
  ])('parses tag filter %j', (text, want) => expect(parseTagFilter(text)).toEqual(want));

  it('validates durations and tags', () => {
    expect(validateSearch({ ...DEFAULT_SEARCH, minDuration: 'fast', tags: 'x' })).toEqual({ minDuration: expect.any(String), tags: expect.any(String) });
    expect(validateSearch({ ...DEFAULT_SEARCH, minDuration: '2s', maxDuration: '1s' })).toEqual({ maxDuration: expect.any(String) });
    expect(validateSearch(DEFAULT_SEARCH)).toEqual({});
  });

  it('builds the API query', () => {
    expect(searchApiParams({ ...DEFAULT_SEARCH, service: 's', tags: 'a=1', minDuration: '5ms' }).toString()).toBe('service=s&tags=%7B%22a%22%3A%221%22%7D&minDuration=5ms&lookback=1h&limit=20');
  });
});

describe('sortTraces', () => {
  const t = (id: number, startUs: number, durationUs: number, spanCount: number, errorCount: number) => ({ id, startUs, durationUs, spanCount, errorCount });
  const list = [t(1, 10, 5, 3, 0), t(2, 30, 50, 1, 2), t(3, 20, 1, 9, 1)];
  it.each([
    ['recent', [2, 3, 1]],
    ['longest', [2, 1, 3]],
    ['shortest', [3, 1, 2]],
    ['most-spans', [3, 1, 2]],
    ['errors', [2, 3, 1]],
  ] as const)('%s', (sort, want) => expect(sortTraces(list, sort).map((x) => x.id)).toEqual(want));
});
