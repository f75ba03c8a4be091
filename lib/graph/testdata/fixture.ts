/**
 * A small bookinfo-shaped mesh as telemetry rows (rates per second), for builder tests: both reporters for
 * sidecar-to-sidecar traffic, destination-only for the caller without a sidecar, source-only for the external
 * host, a TCP edge, a gRPC edge with errors, and a caller from a namespace outside the request.
 */
import { ISTIO_DURATION_BUCKETS, istioLabels, type IstioTraffic, type IstioWorkload } from '../../metrics/istio';
import { emptyTelemetry, type GraphTelemetry } from '../telemetry';

const wl = (name: string, namespace = 'bookinfo'): IstioWorkload => {
  const m = /^(.*)-(v\d+)$/.exec(name);
  return { name, namespace, app: m ? (m[1] as string) : name, version: m ? (m[2] as string) : 'latest' };
};

export const W = {
  gateway: wl('istio-ingressgateway', 'istio-system'),
  productpage: wl('productpage-v1'),
  details: wl('details-v1'),
  reviews1: wl('reviews-v1'),
  reviews2: wl('reviews-v2'),
  reviews3: wl('reviews-v3'),
  ratings: wl('ratings-v1'),
  mongodb: wl('mongodb-v1'),
  grpcsvc: wl('grpcsvc-v1'),
  loadgen: wl('loadgen-v1', 'other'),
};

const svc = (name: string, namespace = 'bookinfo') => ({ name, namespace });

export interface Flow {
  source?: IstioWorkload;
  destination?: IstioWorkload;
  service: { name: string; namespace: string; host?: string };
  protocol?: 'http' | 'grpc' | 'tcp';
  rate: number;
  code?: string;
  grpcStatus?: string;
  flags?: string;
  /** Which proxies report it (default both). */
  reporters?: ('source' | 'destination')[];
  /** Every request takes this long (ms), for the histogram. */
  latencyMs?: number;
  /** Response bytes per request. */
  bytes?: number;
  mtls?: boolean;
}

export const FLOWS: Flow[] = [
  { source: W.gateway, destination: W.productpage, service: svc('productpage'), rate: 10, latencyMs: 40, bytes: 5000 },
  { source: W.productpage, destination: W.details, service: svc('details'), rate: 10, latencyMs: 8, bytes: 200 },
  { source: W.productpage, destination: W.reviews1, service: svc('reviews'), rate: 8, latencyMs: 20, bytes: 300 },
  { source: W.productpage, destination: W.reviews2, service: svc('reviews'), rate: 1, latencyMs: 60, bytes: 300 },
  { source: W.productpage, destination: W.reviews3, service: svc('reviews'), rate: 0.5, latencyMs: 60, bytes: 300 },
  { source: W.productpage, destination: W.reviews3, service: svc('reviews'), rate: 0.5, code: '503', flags: 'URX', latencyMs: 3, bytes: 20 },
  { source: W.reviews2, destination: W.ratings, service: svc('ratings'), rate: 1, latencyMs: 4, bytes: 50 },
  { source: W.reviews3, destination: W.ratings, service: svc('ratings'), rate: 0.5, latencyMs: 4, bytes: 50 },
  // a caller without a sidecar: only the destination proxy reports, source labels unknown
  { destination: W.productpage, service: svc('productpage'), rate: 2, reporters: ['destination'], mtls: false, latencyMs: 40, bytes: 5000 },
  // an external host through a ServiceEntry: no destination proxy
  { source: W.productpage, service: { name: 'api.example.com', namespace: 'bookinfo', host: 'api.example.com' }, rate: 1, reporters: ['source'], latencyMs: 150, bytes: 1000 },
  { source: W.ratings, destination: W.mongodb, service: svc('mongodb'), protocol: 'tcp', rate: 500 },
  { source: W.productpage, destination: W.grpcsvc, service: svc('grpcsvc'), protocol: 'grpc', rate: 2, grpcStatus: '0', latencyMs: 5 },
  { source: W.productpage, destination: W.grpcsvc, service: svc('grpcsvc'), protocol: 'grpc', rate: 1, grpcStatus: '14', latencyMs: 5 },
  { source: W.loadgen, destination: W.productpage, service: svc('productpage'), rate: 1, latencyMs: 40, bytes: 5000 },
];

/** The telemetry rows a source would return for `flows` (every series is its own group). */
export function telemetryOf(flows: readonly Flow[], opts: { sourceSkew?: number } = {}): GraphTelemetry {
  const t = emptyTelemetry();
  for (const f of flows) {
    for (const reporter of f.reporters ?? ['source', 'destination']) {
      const traffic: IstioTraffic = {
        reporter,
        protocol: f.protocol ?? 'http',
        service: f.service,
        code: f.code ?? '200',
        grpcStatus: f.grpcStatus ?? '',
        flags: f.flags ?? '-',
        mtls: f.mtls ?? (f.source !== undefined && f.destination !== undefined),
        count: 0,
      };
      if (f.source) traffic.source = f.source;
      if (f.destination) traffic.destination = f.destination;
      const labels = istioLabels(traffic);
      // Source proxies scrape at other instants: their rates differ a little from the destination's.
      const rate = reporter === 'source' ? f.rate * (1 + (opts.sourceSkew ?? 0)) : f.rate;
      if (f.protocol === 'tcp') {
        t.tcp.push({ labels, value: rate });
        continue;
      }
      t.requests.push({ labels, value: rate });
      if (f.latencyMs !== undefined) {
        const latency = f.latencyMs;
        t.durationBuckets.push({ labels, les: [...ISTIO_DURATION_BUCKETS, Infinity], rates: [...ISTIO_DURATION_BUCKETS.map((le) => (latency <= le ? rate : 0)), rate] });
        t.durationSum.push({ labels, value: rate * f.latencyMs });
      }
      if (f.bytes !== undefined) t.throughput.push({ labels, value: rate * f.bytes });
    }
  }
  return t;
}
