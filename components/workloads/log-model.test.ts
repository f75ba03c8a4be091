import { describe, expect, it } from 'vitest';
import type { LogEntry } from '@/lib/api/workloads';
import { compileFilter, interleave, type LogFilter } from './log-model';

const e = (t: number, message: string, code?: number): LogEntry => ({
  message, timestamp: new Date(t).toISOString(), timestampUnix: t, severity: 'INFO',
  ...(code !== undefined ? { accessLog: { startTime: '', method: 'GET', path: '/r', protocol: 'HTTP/1.1', responseCode: code, responseFlags: '-', responseCodeDetails: '-', connectionTerminationDetails: '-', upstreamTransportFailureReason: '-', bytesReceived: 0, bytesSent: 0, durationMs: 1, xForwardedFor: '-', userAgent: '-', requestId: 'r', authority: 'a', upstreamHost: '-', upstreamCluster: 'c', upstreamLocalAddress: '-', downstreamLocalAddress: '-', downstreamRemoteAddress: '-', requestedServerName: '-', routeName: 'default' } } : {}),
});

const app = [e(1000, 'INFO "GET /r HTTP/1.1" 200 3ms'), e(3000, 'ERROR "GET /r HTTP/1.1" 503 3ms error="db down"')];
const proxy = [e(1000, '[..] "GET /r" 200', 200), e(2000, '[..] "GET /r" 404', 404), e(3000, '[..] "GET /r" 503 UF', 503)];
const all: LogFilter = { text: '', regex: false, code: 'all', source: 'both' };
const keep = (f: LogFilter) => {
  const c = compileFilter(f);
  if ('error' in c) throw new Error(c.error);
  return interleave(app, 'ratings', proxy).filter(c.match).map((r) => `${r.source}@${r.entry.timestampUnix}`);
};

describe('logs tab model', () => {
  it('interleaves by time, app first at the same instant', () => {
    expect(keep(all)).toEqual(['app@1000', 'proxy@1000', 'proxy@2000', 'app@3000', 'proxy@3000']);
  });
  it('filters by code class, on access-log codes and the status an app prints', () => {
    expect(keep({ ...all, code: '5xx' })).toEqual(['app@3000', 'proxy@3000']);
    expect(keep({ ...all, code: '4xx' })).toEqual(['proxy@2000']);
  });
  it('filters by text (case-insensitive) or regex, and by source', () => {
    expect(keep({ ...all, text: 'DB DOWN' })).toEqual(['app@3000']);
    expect(keep({ ...all, text: '\\s(404|503)', regex: true, source: 'proxy' })).toEqual(['proxy@2000', 'proxy@3000']);
  });
  it('says why a regex is unusable, and refuses very long patterns', () => {
    expect(compileFilter({ ...all, text: '(', regex: true })).toMatchObject({ error: expect.stringMatching(/not a regular expression/) });
    expect(compileFilter({ ...all, text: 'x'.repeat(201) })).toMatchObject({ error: expect.stringMatching(/longer than 200/) });
  });
});
