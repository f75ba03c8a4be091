import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemSelector, type ItemSelector } from '../../../lib/graph/item-query';
import { HttpError } from '../../http/errors';
import { PrometheusClient } from './prometheus-client';
import { PrometheusSource } from './prometheus-source';

interface Seen {
  path: string;
  params: URLSearchParams;
}

let server: http.Server;
let base = '';
const seen: Seen[] = [];
let mode: 'ok' | 'error' | 'slow' | 'garbage' = 'ok';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const params = req.method === 'POST' ? new URLSearchParams(body) : url.searchParams;
      seen.push({ path: url.pathname, params });
      if (mode === 'slow') return; // never answers
      if (mode === 'garbage') return void res.writeHead(200).end('<html>');
      if (mode === 'error') {
        res.writeHead(400, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 3' }));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      if (url.pathname === '/api/v1/query') {
        return void res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { reporter: 'destination', le: '+Inf' }, value: [1, '2.5'] }, { metric: {}, value: [1, 'NaN'] }] } }));
      }
      if (url.pathname === '/api/v1/query_range') {
        return void res.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { response_code: '503' }, values: [[100, '1'], [110, '2']] }] } }));
      }
      res.end(JSON.stringify({ status: 'success', data: { activeTargets: [{ scrapeUrl: 'http://a/stats/prometheus', health: 'down', lastScrape: '2026-01-01T00:00:00Z', lastError: 'connection refused', lastScrapeDuration: 0.0123 }] } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const query = (namespaces: string[]) => ({ namespaces, durationSec: 60, queryTimeSec: 1000, includeIdle: false, throughputType: 'response' as const, needDurationSum: false });

describe('PrometheusSource', () => {
  it('issues the same number of queries whatever the number of namespaces', async () => {
    mode = 'ok';
    const counts: number[] = [];
    for (const ns of [['bookinfo'], ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']]) {
      seen.length = 0;
      const t = await new PrometheusSource(new PrometheusClient(base)).graphTelemetry(query(ns));
      counts.push(seen.length);
      expect(t.requests).toEqual([{ labels: { reporter: 'destination', le: '+Inf' }, value: 2.5 }]);
    }
    expect(counts[0]).toBe(4);
    expect(counts[1]).toBe(counts[0]);
    const q = seen.map((s) => s.params.get('query') ?? '').find((s) => s.includes('istio_requests_total')) ?? '';
    expect(q).toContain('destination_workload_namespace=~"a|b|c|d|e|f|g|h"');
    expect(q).toContain('[60s]');
    expect(q.endsWith('> 0')).toBe(true);
    expect(seen[0]?.params.get('time')).toBe('1000');
  });

  it('reads range queries into steps and active targets into health', async () => {
    mode = 'ok';
    const src = new PrometheusSource(new PrometheusClient(base));
    const sel = itemSelector('wl:Kubernetes:bookinfo:reviews-v1', 'inbound') as ItemSelector;
    const r = await src.itemRange({ selector: sel, startSec: 100, endSec: 120, stepSec: 10, windowSec: 60 });
    expect(r.requests.map((s) => [s.t, s.rows.map((x) => x.value)])).toEqual([[100, [1]], [110, [2]], [120, []]]);
    expect(await src.targets()).toEqual([{ url: 'http://a/stats/prometheus', up: false, lastScrape: '2026-01-01T00:00:00Z', lastError: 'connection refused', durationMs: 12.3, series: null, limited: [] }]);
  });

  it.each([
    ['error', 502, /refused the query .*bad_data.*parse error/],
    ['garbage', 502, /not JSON/],
    ['slow', 504, /did not answer within 300ms/],
  ] as const)('maps a %s answer to %d', async (m, status, message) => {
    mode = m;
    const err = await new PrometheusSource(new PrometheusClient(base, 300)).graphTelemetry(query(['bookinfo'])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(status);
    expect((err as HttpError).message).toMatch(message);
  });

  it('says Prometheus is unreachable when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const err = await new PrometheusSource(new PrometheusClient(`http://127.0.0.1:${port}`)).graphTelemetry(query(['bookinfo'])).catch((e: unknown) => e);
    expect((err as HttpError).status).toBe(503);
    expect((err as HttpError).message).toMatch(/unreachable.*ECONNREFUSED/);
  });
});
