import { describe, expect, it } from 'vitest';
import { formatAccessLog, type AccessLogEntry } from './access-log';
import { MAX_ACCESS_LOG_LINE, parseAccessLogLine } from './access-log-parse';

// From Istio's "Envoy access logs" task (default TEXT format).
const ISTIO_DOCS_LINE =
  '[2020-11-25T21:26:18.409Z] "GET /status/418 HTTP/1.1" 418 - via_upstream - "-" 0 135 4 4 "-" "curl/7.73.0-DEV" "84961386-6d84-929d-98bd-c5aee93b5c88" "httpbin:8000" "10.44.1.27:80" outbound|8000||httpbin.foo.svc.cluster.local 10.44.1.23:37652 10.0.45.184:8000 10.44.1.23:46520 - default';

const ENTRY: AccessLogEntry = {
  startTime: '2026-12-04T20:41:00.123Z',
  method: 'GET',
  path: '/ratings/0',
  protocol: 'HTTP/1.1',
  responseCode: 503,
  responseFlags: 'UF,URX',
  responseCodeDetails: 'upstream_reset_before_response_started{connection_failure}',
  connectionTerminationDetails: '-',
  upstreamTransportFailureReason: 'delayed connect error: 111',
  bytesReceived: 0,
  bytesSent: 91,
  durationMs: 52,
  xForwardedFor: '-',
  userAgent: 'Mozilla/5.0 "quoted"',
  requestId: 'f2b1c0de-1111-4222-8333-944445555666',
  authority: 'ratings:9080',
  upstreamHost: '127.0.0.1:40123',
  upstreamCluster: 'outbound|9080|v1|ratings.bookinfo.svc.cluster.local',
  upstreamLocalAddress: '127.0.0.1:51000',
  downstreamLocalAddress: '127.0.0.1:9080',
  downstreamRemoteAddress: '127.0.0.1:51001',
  requestedServerName: '-',
  routeName: 'default',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
};

describe('parseAccessLogLine', () => {
  it("reads Istio's documented default-format line", () => {
    const e = parseAccessLogLine(ISTIO_DOCS_LINE);
    expect(e).toMatchObject({
      startTime: '2020-11-25T21:26:18.409Z', method: 'GET', path: '/status/418', protocol: 'HTTP/1.1', responseCode: 418,
      responseFlags: '-', responseCodeDetails: 'via_upstream', bytesReceived: 0, bytesSent: 135, durationMs: 4, upstreamServiceTimeMs: 4,
      userAgent: 'curl/7.73.0-DEV', requestId: '84961386-6d84-929d-98bd-c5aee93b5c88', authority: 'httpbin:8000', upstreamHost: '10.44.1.27:80',
      upstreamCluster: 'outbound|8000||httpbin.foo.svc.cluster.local', downstreamRemoteAddress: '10.44.1.23:46520', routeName: 'default',
    });
    expect(e?.traceId).toBeUndefined();
  });

  it('round-trips what formatAccessLog writes, trace id and escaped quotes included', () => {
    expect(parseAccessLogLine(formatAccessLog(ENTRY))).toEqual(ENTRY);
    const { traceId: _t, upstreamServiceTimeMs: _u, ...noTrace } = ENTRY;
    expect(parseAccessLogLine(formatAccessLog(noTrace))).toEqual(noTrace);
  });

  it('reads a TCP entry (no request line)', () => {
    const line = '[2026-12-04T20:41:00.000Z] "- - -" 0 - - - "-" 120 44 3 - "-" "-" "-" "-" "127.0.0.1:27017" outbound|27017||mongodb.bookinfo.svc.cluster.local 127.0.0.1:1 127.0.0.1:27017 127.0.0.1:2 - -';
    expect(parseAccessLogLine(line)).toMatchObject({ method: '-', path: '-', protocol: '-', responseCode: 0, bytesReceived: 120, bytesSent: 44, upstreamCluster: 'outbound|27017||mongodb.bookinfo.svc.cluster.local' });
  });

  it("reads Istio's JSON encoding", () => {
    const json = JSON.stringify({
      start_time: '2026-12-04T20:41:00.123Z', method: 'POST', path: '/api', protocol: 'HTTP/2', response_code: 504, response_flags: 'UT',
      response_code_details: 'upstream_response_timeout', connection_termination_details: null, upstream_transport_failure_reason: null,
      bytes_received: 10, bytes_sent: 24, duration: 1000, upstream_service_time: null, x_forwarded_for: null, user_agent: 'grpc-go',
      request_id: 'abc', authority: 'reviews:9080', upstream_host: '10.0.0.1:9080', upstream_cluster: 'outbound|9080|v3|reviews.bookinfo.svc.cluster.local',
      upstream_local_address: null, downstream_local_address: '10.0.0.9:9080', downstream_remote_address: '10.0.0.2:1234', requested_server_name: null,
      route_name: 'reviews-v3', trace_id: '4BF92F3577B34DA6A3CE929D0E0E4736',
    });
    expect(parseAccessLogLine(json)).toMatchObject({ method: 'POST', responseCode: 504, responseFlags: 'UT', durationMs: 1000, connectionTerminationDetails: '-', upstreamCluster: 'outbound|9080|v3|reviews.bookinfo.svc.cluster.local', routeName: 'reviews-v3', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
  });

  it.each([
    ['a proxy info line', '2026-12-04T20:41:00.123456Z\tinfo\txdsproxy\tconnected to upstream XDS server'],
    ['an app JSON log', '{"level":"info","msg":"hello"}'],
    ['an unterminated quote', '[2026-12-04T20:41:00.000Z] "GET / HTTP/1.1 200'],
    ['too few fields', '[2026-12-04T20:41:00.000Z] "GET / HTTP/1.1" 200 - via_upstream'],
    ['a non-numeric code', ISTIO_DOCS_LINE.replace(' 418 ', ' abc ')],
    ['a line over the cap', `[2026-12-04T20:41:00.000Z] "GET /${'a'.repeat(MAX_ACCESS_LOG_LINE)} HTTP/1.1"`],
    ['malformed JSON', '{"start_time": '],
  ])('ignores %s', (_name, line) => {
    expect(parseAccessLogLine(line)).toBeUndefined();
  });
});
