import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKLOADS } from './topology';
import { load, startDemoFixture, sum, type DemoFixture } from './demo-harness';

const REQ = 'istio_requests_total';

// Istio's standard label set, written out here so the test does not trust the code under test.
const PEER = ['reporter', 'source_workload', 'source_canonical_service', 'source_canonical_revision', 'source_workload_namespace', 'source_principal', 'source_app', 'source_version', 'source_cluster', 'destination_workload', 'destination_workload_namespace', 'destination_principal', 'destination_app', 'destination_version', 'destination_service', 'destination_canonical_service', 'destination_canonical_revision', 'destination_service_name', 'destination_service_namespace', 'destination_cluster', 'request_protocol'];
const HTTP_LABELS = [...PEER, 'response_code', 'grpc_response_status', 'response_flags', 'connection_security_policy'];
const TCP_LABELS = [...PEER, 'response_flags', 'connection_security_policy'];

describe('demo mesh: telemetry as Envoy sidecars emit it', () => {
  let f: DemoFixture;
  beforeAll(async () => {
    f = await startDemoFixture({ seed: 11 });
    await load(f, 40);
    await f.getDirect('productpage-v1', '/productpage', { host: 'productpage:9080' });
  });
  afterAll(() => f.close());

  it('serves /stats/prometheus on every sidecar workload with both reporters and exact Istio label keys', async () => {
    for (const w of WORKLOADS.filter((x) => x.sidecar)) {
      const text = await f.rawStats(w.name);
      expect(text, w.name).toMatch(/^# TYPE /m);
      expect(text).not.toMatch(/^# HELP/m); // Envoy writes TYPE lines only
      const samples = await f.stats(w.name);
      const http = samples.filter((s) => s.name === REQ);
      const tcp = samples.filter((s) => s.name === 'istio_tcp_sent_bytes_total');
      for (const s of http) expect(Object.keys(s.labels).sort()).toEqual([...HTTP_LABELS].sort());
      for (const s of tcp) expect(Object.keys(s.labels).sort()).toEqual([...TCP_LABELS].sort());
      const buckets = samples.filter((s) => s.name === 'istio_request_duration_milliseconds_bucket');
      if (http.length > 0) {
        const les = [...new Set(buckets.map((b) => b.labels.le))];
        expect(les).toEqual(['0.5', '1', '5', '10', '25', '50', '100', '250', '500', '1000', '2500', '5000', '10000', '30000', '60000', '300000', '600000', '1800000', '3600000', '+Inf']);
      }
    }
  });

  it('reports each hop at the source and at the destination, and both rise with traffic', async () => {
    const pairs: [string, string, string][] = [
      ['istio-ingressgateway', 'productpage-v1', 'productpage-v1'],
      ['productpage-v1', 'details-v1', 'details-v1'],
      ['productpage-v1', 'reviews-v1', 'reviews-v1'],
    ];
    const before: number[] = [];
    for (const [src, dst, at] of pairs) {
      const s = sum(await f.stats(src), REQ, { reporter: 'source', destination_workload: dst });
      const d = sum(await f.stats(at), REQ, { reporter: 'destination', source_workload: src });
      expect(s, `${src}→${dst} source`).toBeGreaterThan(0);
      expect(d, `${src}→${dst} destination`).toBeGreaterThan(0);
      before.push(s, d);
    }
    await load(f, 20);
    let i = 0;
    for (const [src, dst, at] of pairs) {
      expect(sum(await f.stats(src), REQ, { reporter: 'source', destination_workload: dst })).toBeGreaterThan(before[i++] as number);
      expect(sum(await f.stats(at), REQ, { reporter: 'destination', source_workload: src })).toBeGreaterThan(before[i++] as number);
    }
    // The gateway does not report its own inbound traffic (Istio gateways report as source only).
    expect(sum(await f.stats('istio-ingressgateway'), REQ, { reporter: 'destination' })).toBe(0);
  });

  it('labels mTLS, principals, the unknown caller and the external ServiceEntry host as Istio does', async () => {
    const pp = await f.stats('productpage-v1');
    const fromGw = pp.find((s) => s.name === REQ && s.labels.reporter === 'destination' && s.labels.source_workload === 'istio-ingressgateway');
    expect(fromGw?.labels).toMatchObject({
      connection_security_policy: 'mutual_tls',
      source_principal: 'spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account',
      destination_principal: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage',
      destination_service: 'productpage.bookinfo.svc.cluster.local',
      source_canonical_revision: 'latest',
      destination_canonical_revision: 'v1',
      request_protocol: 'http',
    });
    const unknown = pp.find((s) => s.name === REQ && s.labels.source_workload === 'unknown');
    expect(unknown?.labels).toMatchObject({ reporter: 'destination', connection_security_policy: 'none', source_principal: 'unknown', source_workload_namespace: 'unknown' });
    const sourceSide = pp.find((s) => s.name === REQ && s.labels.reporter === 'source');
    expect(sourceSide?.labels.connection_security_policy).toBe('unknown');
    const ext = (await f.stats('details-v1')).find((s) => s.name === REQ && s.labels.destination_service === 'api.openlibrary.example');
    expect(ext?.labels).toMatchObject({ reporter: 'source', destination_workload: 'unknown', destination_service_name: 'api.openlibrary.example', destination_service_namespace: 'bookinfo' });
  });

  it('counts TCP bytes and connections for ratings → mongodb at both ends', async () => {
    await load(f, 60); // some requests land on reviews v2/v3, which call ratings
    const src = await f.stats('ratings-v1');
    const dst = await f.stats('mongodb-v1');
    const m = { destination_workload: 'mongodb-v1' };
    expect(sum(src, 'istio_tcp_connections_opened_total', { reporter: 'source', ...m })).toBeGreaterThan(0);
    expect(sum(src, 'istio_tcp_sent_bytes_total', { reporter: 'source', ...m })).toBeGreaterThan(0);
    expect(sum(dst, 'istio_tcp_received_bytes_total', { reporter: 'destination', source_workload: 'ratings-v1' })).toBeGreaterThan(0);
    expect(sum(dst, 'istio_tcp_connections_closed_total', { reporter: 'destination' })).toBe(sum(dst, 'istio_tcp_connections_opened_total', { reporter: 'destination' }));
  });

  it('writes file_sd targets for every sidecar and istiod', async () => {
    const { readFile } = await import('node:fs/promises');
    const groups = JSON.parse(await readFile(`${f.dataDir}/demo/targets.json`, 'utf8')) as { targets: string[]; labels: Record<string, string> }[];
    expect(groups).toHaveLength(WORKLOADS.filter((w) => w.sidecar).length + 1);
    expect(groups.every((g) => g.targets[0]?.startsWith('127.0.0.1:'))).toBe(true);
    expect(groups.filter((g) => g.labels.__metrics_path__ === '/stats/prometheus')).toHaveLength(WORKLOADS.filter((w) => w.sidecar).length);
  });
});
