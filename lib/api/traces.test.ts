import { describe, expect, it } from 'vitest';
import { us } from '../time/duration';
import { parseTraceIdParam, parseTraceQuery, QueryError } from './traces';

const NOW = us(1_700_000_000_000_000);
const q = (s: string) => parseTraceQuery(new URLSearchParams(s), NOW);

describe('parseTraceQuery', () => {
  it('applies defaults', () => expect(q('')).toEqual({ tags: {}, startUs: NOW - 3_600_000_000, endUs: NOW, limit: 20 }));

  it('reads every parameter', () => {
    expect(q('service=reviews.bookinfo&operation=GET&tags={"http.status_code":"500","error":true}&tag=a:b:c&lookback=2h&minDuration=10ms&maxDuration=1.5s&limit=5')).toEqual({
      service: 'reviews.bookinfo',
      operation: 'GET',
      tags: { 'http.status_code': '500', error: 'true', a: 'b:c' },
      startUs: NOW - 7_200_000_000,
      endUs: NOW,
      minDurationUs: 10_000,
      maxDurationUs: 1_500_000,
      limit: 5,
    });
    expect(q('start=10&end=20')).toMatchObject({ startUs: 10, endUs: 20 });
  });

  it.each([
    ['tags={bad', /tags/],
    ['tags=[1]', /tags/],
    ['minDuration=fast', /minDuration/],
    ['limit=-1', /limit/],
    ['limit=abc', /limit/],
    ['start=yesterday', /start/],
    ['start=20&end=10', /start/],
    ['lookback=forever', /lookback/],
    ['operation=x', /service/],
    ['minDuration=2s&maxDuration=1s', /minDuration/],
    ['tag=novalue', /tag/],
  ])('%s is a QueryError', (s, msg) => {
    expect(() => q(s)).toThrow(QueryError);
    expect(() => q(s)).toThrow(msg);
  });
});

describe('parseTraceIdParam', () => {
  it('pads 64-bit ids and refuses junk', () => {
    expect(parseTraceIdParam('463ac35c9f6413ad')).toBe('0000000000000000463ac35c9f6413ad');
    expect(() => parseTraceIdParam('nope')).toThrow(QueryError);
  });
});
