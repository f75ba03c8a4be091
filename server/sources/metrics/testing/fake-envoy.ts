/**
 * Fake Envoy sidecars for tests and benches: one loopback HTTP server per workload serving
 * `/stats/prometheus` with Istio's metrics for a set of flows at known rates, counters computed from a clock.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ISTIO_DURATION_BUCKETS, renderIstioExposition, type IstioTraffic } from '../../../../lib/metrics/istio';
import type { Flow } from '../../../../lib/graph/testdata/fixture';

export interface FakeMesh {
  /** `/stats/prometheus` URL per workload (`namespace/name`). */
  urls: Map<string, string>;
  close(): Promise<void>;
}

/** The traffic one proxy has counted after `elapsedSec` of `flows`. */
export function proxyTraffic(flows: readonly Flow[], proxy: string, elapsedSec: number): IstioTraffic[] {
  const out: IstioTraffic[] = [];
  for (const f of flows) {
    for (const reporter of f.reporters ?? ['source', 'destination']) {
      const w = reporter === 'source' ? f.source : f.destination;
      if (!w || `${w.namespace}/${w.name}` !== proxy) continue;
      const count = f.rate * elapsedSec;
      const t: IstioTraffic = {
        reporter,
        service: f.service,
        protocol: f.protocol ?? 'http',
        code: f.code ?? '200',
        grpcStatus: f.grpcStatus ?? '',
        flags: f.flags ?? '-',
        mtls: f.mtls ?? (f.source !== undefined && f.destination !== undefined),
        count,
      };
      if (f.source) t.source = f.source;
      if (f.destination) t.destination = f.destination;
      if (f.protocol === 'tcp') {
        t.tcpSent = count;
        t.tcpReceived = count / 2;
      } else {
        if (f.latencyMs !== undefined) {
          const latency = f.latencyMs;
          t.durationBuckets = ISTIO_DURATION_BUCKETS.map((b) => (latency <= b ? count : 0));
          t.durationSumMs = count * latency;
        }
        if (f.bytes !== undefined) t.responseBytes = count * f.bytes;
      }
      out.push(t);
    }
  }
  return out;
}

/** Starts one fake proxy per workload that reports any of `flows`; counters follow `elapsedSec()`. */
export async function startFakeMesh(flows: readonly Flow[], elapsedSec: () => number, extra: (proxy: string) => string = () => ''): Promise<FakeMesh> {
  const proxies = new Set<string>();
  for (const f of flows) for (const w of [f.source, f.destination]) if (w) proxies.add(`${w.namespace}/${w.name}`);
  const servers: http.Server[] = [];
  const urls = new Map<string, string>();
  for (const proxy of proxies) {
    const server = http.createServer((req, res) => {
      if (req.url !== '/stats/prometheus') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(renderIstioExposition(proxyTraffic(flows, proxy, elapsedSec())) + extra(proxy));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls.set(proxy, `http://127.0.0.1:${(server.address() as AddressInfo).port}/stats/prometheus`);
  }
  return {
    urls,
    close: () => Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => undefined),
  };
}
