import { HttpError } from '../../http/errors';
import { parseSampleValue } from '../../../lib/metrics/exposition';

export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

export interface PromRangeSeries {
  metric: Record<string, string>;
  /** [unix seconds, value] */
  values: [number, number][];
}

export interface PromTarget {
  scrapeUrl: string;
  health: string;
  lastScrape?: string;
  lastError?: string;
  lastScrapeDuration?: number;
}

/**
 * A small client for the Prometheus HTTP API (also Thanos, Mimir): instant and range queries by POST, with a
 * timeout, mapping failures to HTTP errors a caller can show: 503 unreachable, 504 timed out, 502 refused query.
 */
export class PrometheusClient {
  private readonly base: string;
  constructor(
    baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  get url(): string {
    return this.base;
  }

  async query(query: string, timeSec: number): Promise<PromSample[]> {
    const data = await this.call('/api/v1/query', { query, time: String(timeSec) });
    if (data.resultType !== 'vector' || !Array.isArray(data.result)) throw new HttpError('bad_gateway', `Prometheus answered ${String(data.resultType)} where a vector was expected`);
    return (data.result as { metric?: Record<string, string>; value?: [number, string] }[]).map((r) => ({
      metric: r.metric ?? {},
      value: parseSampleValue(String(r.value?.[1] ?? 'NaN')) ?? NaN,
    }));
  }

  async queryRange(query: string, startSec: number, endSec: number, stepSec: number): Promise<PromRangeSeries[]> {
    const data = await this.call('/api/v1/query_range', { query, start: String(startSec), end: String(endSec), step: String(stepSec) });
    if (data.resultType !== 'matrix' || !Array.isArray(data.result)) throw new HttpError('bad_gateway', `Prometheus answered ${String(data.resultType)} where a matrix was expected`);
    return (data.result as { metric?: Record<string, string>; values?: [number, string][] }[]).map((r) => ({
      metric: r.metric ?? {},
      values: (r.values ?? []).map(([t, v]) => [Number(t), parseSampleValue(String(v)) ?? NaN]),
    }));
  }

  async activeTargets(): Promise<PromTarget[]> {
    const data = await this.call('/api/v1/targets', { state: 'active' }, 'GET');
    return Array.isArray(data.activeTargets) ? (data.activeTargets as PromTarget[]) : [];
  }

  private async call(path: string, params: Record<string, string>, method: 'GET' | 'POST' = 'POST'): Promise<Record<string, unknown>> {
    const body = new URLSearchParams({ ...params, ...(path.includes('query') ? { timeout: `${Math.max(1, Math.floor(this.timeoutMs / 1000))}s` } : {}) });
    const url = method === 'GET' ? `${this.base}${path}?${body.toString()}` : `${this.base}${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        signal: AbortSignal.timeout(this.timeoutMs),
        ...(method === 'POST' ? { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
      });
    } catch (err) {
      if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
        throw new HttpError('gateway_timeout', `Prometheus at ${this.base} did not answer within ${this.timeoutMs}ms`);
      }
      const c = (err as { cause?: { code?: string; message?: string } }).cause;
      const cause = c?.code ?? c?.message;
      throw new HttpError('unavailable', `Prometheus at ${this.base} is unreachable${cause ? ` (${cause})` : ''}: is it running?`);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new HttpError('bad_gateway', `Prometheus at ${this.base} answered HTTP ${res.status} with a body that is not JSON`);
    }
    const j = json as { status?: string; data?: Record<string, unknown>; error?: string; errorType?: string };
    if (!res.ok || j.status !== 'success' || typeof j.data !== 'object' || j.data === null) {
      throw new HttpError('bad_gateway', `Prometheus at ${this.base} refused the query (HTTP ${res.status}${j.errorType ? `, ${j.errorType}` : ''}): ${j.error ?? 'no message'}`);
    }
    return j.data;
  }
}
