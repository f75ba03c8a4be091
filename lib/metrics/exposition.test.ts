import { describe, expect, it } from 'vitest';
import { parseExposition, parseLine, parseSampleValue } from './exposition';
import { ScrapeCache } from './scrape-cache';
import { seriesKey } from './labels';
import { ISTIO_DURATION_BUCKETS, renderIstioExposition, type IstioTraffic } from './istio';

describe('parseSampleValue', () => {
  it.each([
    ['1', 1],
    ['-1.5', -1.5],
    ['1e3', 1000],
    ['1.5E-3', 0.0015],
    ['.5', 0.5],
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['Inf', Infinity],
    ['NaN', NaN],
    ['nan', NaN],
  ])('%s → %d', (text, want) => {
    expect(parseSampleValue(text)).toBe(want);
  });
  it.each(['', 'abc', '1.2.3', '1e', '--1', '0x'])('rejects %j', (text) => {
    expect(parseSampleValue(text)).toBeUndefined();
  });
});

describe('parseLine', () => {
  const cases: [string, unknown][] = [
    ['up 1', { name: 'up', labels: {}, value: 1 }],
    ['up 1 1700000000000', { name: 'up', labels: {}, value: 1, timestampMs: 1700000000000 }],
    ['  up\t1  ', { name: 'up', labels: {}, value: 1 }],
    ['a{b="c",d="e"} 2', { name: 'a', labels: { b: 'c', d: 'e' }, value: 2 }],
    ['a{b="c",} 2', { name: 'a', labels: { b: 'c' }, value: 2 }],
    ['a{} 2', { name: 'a', labels: {}, value: 2 }],
    ['a { b = "c" } 2', { name: 'a', labels: { b: 'c' }, value: 2 }],
    ['a{b="x\\"y\\\\z\\nw"} 3', { name: 'a', labels: { b: 'x"y\\z\nw' }, value: 3 }],
    ['a{b="has } brace and, comma"} 4', { name: 'a', labels: { b: 'has } brace and, comma' }, value: 4 }],
    ['h_bucket{le="+Inf",x="1"} 7', { name: 'h_bucket', labels: { le: '+Inf', x: '1' }, value: 7 }],
    ['ns:metric_total{a="1"} NaN', { name: 'ns:metric_total', labels: { a: '1' }, value: NaN }],
    ['g -Inf -5', { name: 'g', labels: {}, value: -Infinity, timestampMs: -5 }],
  ];
  it.each(cases)('%s', (line, want) => {
    const r = parseLine(line);
    expect(r).toMatchObject({ kind: 'sample' });
    expect((r as { sample: unknown }).sample).toEqual(want);
  });

  it.each([
    ['{a="b"} 1', 'metric name'],
    ['a{b="c" 1', 'expected , or }'],
    ['a{b="c"', 'unterminated'],
    ['a{b=c} 1', 'quoted value'],
    ['a{1b="c"} 1', 'invalid label name'],
    ['a{b="c",b="d"} 1', 'duplicate label'],
    ['a', 'invalid sample value'],
    ['a{b="c"}', 'invalid sample value'],
    ['a abc', 'invalid sample value'],
    ['a 1 12.5', 'invalid timestamp'],
    ['a 1 2 3', 'unexpected text'],
    ['a{b="c"}1', 'whitespace'],
  ])('rejects %j', (line, message) => {
    const r = parseLine(line);
    expect(typeof r).toBe('string');
    expect(r).toContain(message);
  });

  it('reads HELP and TYPE, ignores other comments and blank lines', () => {
    expect(parseLine('# HELP x Some \\\\ help\\nmore "quoted"')).toEqual({ kind: 'help', name: 'x', text: 'Some \\ help\nmore "quoted"' });
    expect(parseLine('# TYPE x histogram')).toEqual({ kind: 'type', name: 'x', type: 'histogram' });
    expect(parseLine('# TYPE x fancy')).toContain('unknown metric type');
    expect(parseLine('# just a comment')).toBeUndefined();
    expect(parseLine('   ')).toBeUndefined();
  });
});

describe('parseExposition', () => {
  it('parses Envoy-shaped istio output and counts malformed lines without stopping', () => {
    const traffic: IstioTraffic = {
      reporter: 'destination',
      source: { name: 'productpage-v1', namespace: 'bookinfo', app: 'productpage', version: 'v1' },
      destination: { name: 'reviews-v1', namespace: 'bookinfo', app: 'reviews', version: 'v1' },
      service: { name: 'reviews', namespace: 'bookinfo' },
      protocol: 'http',
      count: 10,
      mtls: true,
      durationBuckets: ISTIO_DURATION_BUCKETS.map((b) => (b >= 25 ? 10 : 0)),
      durationSumMs: 200,
    };
    const text = renderIstioExposition([traffic]) + 'broken{ 1\nenvoy_cluster_upstream_cx_total{envoy_cluster_name="outbound|9080||reviews"} 3 1700000000000\n';
    const r = parseExposition(text);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.line).toBe(text.split('\n').indexOf('broken{ 1') + 1);
    expect(r.types.get('istio_request_duration_milliseconds')).toBe('histogram');
    const req = r.samples.find((s) => s.name === 'istio_requests_total');
    expect(req?.labels).toMatchObject({ reporter: 'destination', destination_workload: 'reviews-v1', connection_security_policy: 'mutual_tls', response_code: '200' });
    const buckets = r.samples.filter((s) => s.name === 'istio_request_duration_milliseconds_bucket');
    expect(buckets).toHaveLength(ISTIO_DURATION_BUCKETS.length + 1);
    expect(buckets.at(-1)?.labels.le).toBe('+Inf');
    const cx = r.samples.find((s) => s.name === 'envoy_cluster_upstream_cx_total');
    expect(cx).toEqual({ name: 'envoy_cluster_upstream_cx_total', labels: { envoy_cluster_name: 'outbound|9080||reviews' }, value: 3, timestampMs: 1700000000000 });
  });

  it('accepts CRLF line endings', () => {
    expect(parseExposition('a 1\r\nb 2\r\n').samples.map((s) => s.value)).toEqual([1, 2]);
  });
});

describe('ScrapeCache', () => {
  const make = () => {
    const resolved: string[] = [];
    const cache = new ScrapeCache<string>((name, labels) => {
      const k = seriesKey(name, labels);
      resolved.push(k);
      return k;
    });
    const samples: [string, number, number | undefined][] = [];
    const ingest = (text: string) => {
      samples.length = 0;
      return cache.ingest(text, (ref, v, ts) => samples.push([ref, v, ts]));
    };
    return { cache, resolved, samples, ingest };
  };

  it('resolves each series once and reads values on repeat scrapes', () => {
    const c = make();
    const first = c.ingest('# TYPE a counter\na{x="1"} 1\na{x="2"} 2\nb 5 1000\n');
    expect(first).toMatchObject({ samples: 3, created: 3, errors: [], removed: [] });
    const second = c.ingest('# TYPE a counter\na{x="1"} 10\na{x="2"} NaN\nb +Inf 2000\n');
    expect(second).toMatchObject({ samples: 3, created: 0 });
    expect(c.resolved).toHaveLength(3);
    expect(c.samples).toEqual([
      ['a{x="1"}', 10, undefined],
      ['a{x="2"}', NaN, undefined],
      ['b', Infinity, 2000],
    ]);
  });

  it('reports series that disappear and counts malformed or duplicate lines', () => {
    const c = make();
    c.ingest('a{x="1"} 1\na{x="2"} 2\n');
    const r = c.ingest('a{x="1"} oops\na{x="1"} 3\na{x="1"} 4\n{bad} 1\n');
    expect(r.samples).toBe(1);
    expect(r.errors.map((e) => e.line)).toEqual([1, 3, 4]);
    expect(r.removed).toEqual(['a{x="2"}']);
    expect(c.cache.size).toBe(1);
  });

  it('maps two spellings of one series to the same reference', () => {
    const c = make();
    c.ingest('a{x="1",y="2"} 1\n');
    c.ingest('a{y="2",x="1"} 2\n');
    expect(c.samples).toEqual([['a{x="1",y="2"}', 2, undefined]]);
  });

  it('skips series the resolver refuses', () => {
    const cache = new ScrapeCache<string>((name) => (name === 'keep' ? name : undefined));
    const r = cache.ingest('keep 1\ndrop 2\n', () => undefined);
    expect(r).toMatchObject({ samples: 1, refused: 1 });
  });
});

describe('ScrapeCache keep predicate', () => {
  it('skips well-formed lines of unwanted metrics without resolving them, but still counts malformed ones', () => {
    const resolved: string[] = [];
    const cache = new ScrapeCache<string>(
      (name) => {
        resolved.push(name);
        return name;
      },
      (name) => name.startsWith('istio_'),
    );
    const r = cache.ingest('envoy_x{a="1"} 3\nenvoy_y 4\nistio_z{a="}"} 5\nenvoy_bad{a="1"} nope\n', () => undefined);
    expect(resolved).toEqual(['istio_z']);
    expect(r).toMatchObject({ samples: 1, skipped: 2 });
    expect(r.errors.map((e) => e.line)).toEqual([4]);
  });
});

describe('ScrapeCache order-guided lookups', () => {
  it('stays correct when a target reorders, adds and drops series', () => {
    const cache = new ScrapeCache<string>((name, labels) => seriesKey(name, labels));
    const got: [string, number][] = [];
    const ingest = (text: string) => {
      got.length = 0;
      return cache.ingest(text, (ref, v) => got.push([ref, v]));
    };
    ingest('a{x="1"} 1\na{x="2"} 2\na{x="3"} 3\n');
    // a{x="1"} is a prefix of a{x="10"}: the prefix compare must not take one for the other
    const r = ingest('a{x="3"} 30\na{x="10"} 100\na{x="1"} 10\n');
    expect(got).toEqual([
      ['a{x="3"}', 30],
      ['a{x="10"}', 100],
      ['a{x="1"}', 10],
    ]);
    expect(r.removed).toEqual(['a{x="2"}']);
    ingest('a{x="3"} 31\na{x="10"} 101\na{x="1"} 11\n');
    expect(got.map(([, v]) => v)).toEqual([31, 101, 11]);
  });
});

describe('ScrapeCache histogram buckets', () => {
  it('resolves buckets with le last or first, across reorders and removals', () => {
    const cache = new ScrapeCache<string>((name, labels) => seriesKey(name, labels));
    const got: [string, number][] = [];
    const ingest = (text: string) => {
      got.length = 0;
      return cache.ingest(text, (ref, v) => got.push([ref, v]));
    };
    const body = (k: number) => `h_bucket{a="1",le="0.5"} ${k}\nh_bucket{a="1",le="+Inf"} ${2 * k}\nh_bucket{le="1",a="2"} ${3 * k}\nh_bucket{a="handle",handle="x"} ${4 * k}\n`;
    expect(ingest(body(1))).toMatchObject({ created: 4 });
    expect(cache.size).toBe(4);
    ingest(body(2));
    expect(got).toEqual([
      ['h_bucket{a="1",le="0.5"}', 2],
      ['h_bucket{a="1",le="+Inf"}', 4],
      ['h_bucket{a="2",le="1"}', 6],
      ['h_bucket{a="handle",handle="x"}', 8],
    ]);
    const r = ingest('h_bucket{a="1",le="+Inf"} 9\nh_bucket{a="1",le="0.5"} 7\n');
    expect(got).toEqual([
      ['h_bucket{a="1",le="+Inf"}', 9],
      ['h_bucket{a="1",le="0.5"}', 7],
    ]);
    expect(r.removed.sort()).toEqual(['h_bucket{a="2",le="1"}', 'h_bucket{a="handle",handle="x"}']);
    expect(cache.size).toBe(2);
    expect(ingest('h_bucket{a="1",le="0.5"} 1\nh_bucket{a="1",le="0.5"} 1\n').errors).toHaveLength(1);
  });
});
