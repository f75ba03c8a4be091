import type { RequestInfo, SpanResult, TracedWorkload } from './types';

/** Envoy's span name for a sidecar hop: the route's host:port with Istio's default `/*` decorator. */
export function operationName(w: TracedWorkload, req: RequestInfo): string {
  const [host = '', port = '80'] = req.host.split(':');
  const fqdn = host.includes('.') ? host : `${host}.${w.namespace}.svc.cluster.local`;
  return `${fqdn}:${port}/*`;
}

/** The tags Istio's proxies put on every span (as seen in Jaeger/Zipkin with Istio's default tracing). */
export function istioTags(w: TracedWorkload, req: RequestInfo, result: SpanResult, requestId: string | undefined): Record<string, string> {
  const tags: Record<string, string> = {
    component: 'proxy',
    'istio.canonical_service': w.app,
    'istio.canonical_revision': w.version ?? 'latest',
    'istio.namespace': w.namespace,
    'istio.mesh_id': 'cluster.local',
    node_id: `sidecar~127.0.0.1~${w.name}.${w.namespace}~${w.namespace}.svc.cluster.local`,
    'http.method': req.method,
    'http.url': `http://${req.host}${req.path}`,
    'http.protocol': req.protocol === 'grpc' ? 'HTTP/2' : 'HTTP/1.1',
    'http.status_code': String(result.statusCode),
    response_flags: result.responseFlags,
    upstream_cluster: result.upstreamCluster,
    'upstream_cluster.name': result.upstreamCluster,
    downstream_cluster: '-',
    'request_size': String(result.requestSize ?? 0),
    'response_size': String(result.responseSize ?? 0),
  };
  if (requestId) tags['guid:x-request-id'] = requestId;
  if (result.peerAddress) tags['peer.address'] = result.peerAddress;
  if (result.peerWorkload) tags['peer.workload'] = result.peerWorkload;
  // Envoy marks 5xx and local failures (no status) as errors.
  if (result.statusCode >= 500 || result.statusCode === 0) tags.error = 'true';
  return tags;
}
