import { describe, expect, it } from 'vitest';
import { parseLogLine, severityOf } from './pod-log';
import { syncFromSyncz } from './syncz';

const ACCESS = '[2026-12-04T20:00:05.000Z] "GET /ratings/0 HTTP/1.1" 503 UF,URX - - "-" 0 91 30 - "-" "-" "b" "ratings:9080" "10.0.0.9:9080" outbound|9080|v1|ratings.bookinfo.svc.cluster.local - 10.0.0.9:9080 10.0.0.7:3 - default';

describe('parseLogLine', () => {
  it('splits the API server timestamp and parses a proxy access-log line, 5xx as ERROR', () => {
    const p = parseLogLine(`2026-12-04T20:00:05.123456789Z ${ACCESS}`, true);
    expect(p).toMatchObject({ timestamp: '2026-12-04T20:00:05.123456789Z', timestampUnix: Date.parse('2026-12-04T20:00:05.123Z'), message: ACCESS, severity: 'ERROR' });
    expect(p.accessLog).toMatchObject({ responseCode: 503, responseFlags: 'UF,URX' });
  });
  it('leaves app lines unparsed and reads their level', () => {
    const p = parseLogLine('2026-12-04T20:00:05Z INFO "GET /x HTTP/1.1" 200 3ms', false);
    expect(p.accessLog).toBeUndefined();
    expect(p.severity).toBe('INFO');
    expect(parseLogLine(`2026-12-04T20:00:05Z ${ACCESS}`, false).accessLog).toBeUndefined();
  });
  it('keeps a line without a timestamp whole', () => {
    expect(parseLogLine('no stamp here', true)).toEqual({ timestamp: '', timestampUnix: 0, message: 'no stamp here', severity: 'UNKNOWN' });
  });
  it.each([
    ['2026-01-01T00:00:00Z\twarn\tenvoy config', 'WARN'],
    ['{"level":"error","msg":"x"}', 'ERROR'],
    ['DEBUG something', 'DEBUG'],
    ['plain text', 'UNKNOWN'],
  ])('severity of %s', (text, s) => expect(severityOf(text)).toBe(s));
});

describe('syncFromSyncz', () => {
  const entry = (over: Record<string, string>) => ({ proxy: 'reviews-v1-abc.bookinfo', cluster_sent: '7', cluster_acked: '7', listener_sent: '7', listener_acked: '7', endpoint_sent: '7', endpoint_acked: '7', route_sent: '7', route_acked: '7', ...over });
  it.each([
    [[entry({})], 'SYNCED', /acknowledged/],
    [[entry({ route_acked: '6' })], 'STALE', /RDS sent 7, acknowledged 6/],
    [[entry({ endpoint_sent: '', endpoint_acked: '' })], 'NOT SENT', /EDS not sent/],
    [[{ ...entry({}), proxy: 'other.bookinfo' }], 'NOT SENT', /not connected/],
    ['garbage', 'NOT SENT', /not connected/],
  ])('%j → %s', (syncz, state, reason) => {
    const s = syncFromSyncz(syncz, 'reviews-v1-abc', 'bookinfo');
    expect(s.state).toBe(state);
    expect(s.reason).toMatch(reason);
  });
});
