import type { HttpLabels, PeerLabels, TcpLabels } from './stats';

/** What a proxy knows about its own workload (Istio's node metadata). */
export interface WorkloadIdentity {
  name: string;
  namespace: string;
  app: string;
  version?: string;
  serviceAccount: string;
  cluster: string;
}

/** The service a request was routed to (Envoy's cluster), as the source proxy knows it. */
export interface ServiceRef {
  /** FQDN, or the ServiceEntry host. */
  host: string;
  name: string;
  namespace: string;
}

export const CLUSTER_NAME = 'Kubernetes';
const UNKNOWN = 'unknown';

/** SPIFFE identity of a workload's service account. */
export function principalOf(w: WorkloadIdentity): string {
  return `spiffe://cluster.local/ns/${w.namespace}/sa/${w.serviceAccount}`;
}

/** Istio's peer metadata header (`x-envoy-peer-metadata`): base64 JSON of the proxy's node metadata. */
export const PEER_METADATA_HEADER = 'x-envoy-peer-metadata';
export const PEER_METADATA_ID_HEADER = 'x-envoy-peer-metadata-id';
/** Stand-in for the mTLS handshake between two demo proxies: the verified peer principal. Never reaches an app. */
export const TLS_PEER_HEADER = 'x-meshlens-tls-peer';

export function encodePeer(w: WorkloadIdentity): string {
  return Buffer.from(JSON.stringify({ NAME: w.name, NAMESPACE: w.namespace, APP: w.app, VERSION: w.version, SERVICE_ACCOUNT: w.serviceAccount, CLUSTER_ID: w.cluster })).toString('base64');
}

/** Decodes a peer metadata header; anything malformed counts as an unknown peer. */
export function decodePeer(header: string | undefined): WorkloadIdentity | undefined {
  if (!header || header.length > 4096) return undefined;
  try {
    const v = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as Record<string, unknown>;
    if (typeof v.NAME !== 'string' || typeof v.NAMESPACE !== 'string') return undefined;
    const id: WorkloadIdentity = {
      name: v.NAME,
      namespace: v.NAMESPACE,
      app: typeof v.APP === 'string' ? v.APP : v.NAME,
      serviceAccount: typeof v.SERVICE_ACCOUNT === 'string' ? v.SERVICE_ACCOUNT : 'default',
      cluster: typeof v.CLUSTER_ID === 'string' ? v.CLUSTER_ID : CLUSTER_NAME,
    };
    if (typeof v.VERSION === 'string') id.version = v.VERSION;
    return id;
  } catch {
    return undefined;
  }
}

/** The labels for one exchange between `source` and `destination` as `reporter` saw it. */
export function peerLabels(
  reporter: 'source' | 'destination',
  source: WorkloadIdentity | undefined,
  destination: WorkloadIdentity | undefined,
  service: ServiceRef | undefined,
  protocol: 'http' | 'grpc' | 'tcp',
  mtls: boolean,
): PeerLabels {
  return {
    reporter,
    source_workload: source?.name ?? UNKNOWN,
    source_canonical_service: source?.app ?? UNKNOWN,
    source_canonical_revision: source?.version ?? 'latest',
    source_workload_namespace: source?.namespace ?? UNKNOWN,
    source_principal: source && mtls ? principalOf(source) : UNKNOWN,
    source_app: source?.app ?? UNKNOWN,
    source_version: source?.version ?? UNKNOWN,
    source_cluster: source?.cluster ?? UNKNOWN,
    destination_workload: destination?.name ?? UNKNOWN,
    destination_workload_namespace: destination?.namespace ?? UNKNOWN,
    destination_principal: destination && mtls ? principalOf(destination) : UNKNOWN,
    destination_app: destination?.app ?? UNKNOWN,
    destination_version: destination?.version ?? UNKNOWN,
    destination_service: service?.host ?? UNKNOWN,
    destination_canonical_service: destination?.app ?? UNKNOWN,
    destination_canonical_revision: destination?.version ?? 'latest',
    destination_service_name: service?.name ?? UNKNOWN,
    destination_service_namespace: service?.namespace ?? UNKNOWN,
    destination_cluster: destination?.cluster ?? UNKNOWN,
    request_protocol: protocol,
  };
}

/**
 * connection_security_policy: the destination knows whether the connection was mTLS (`mutual_tls` / `none`);
 * the source reporter always says `unknown`, as Istio does.
 */
export function securityPolicy(reporter: 'source' | 'destination', mtls: boolean): string {
  if (reporter === 'source') return UNKNOWN;
  return mtls ? 'mutual_tls' : 'none';
}

export function httpLabels(peer: PeerLabels, status: number, flags: string, reporter: 'source' | 'destination', mtls: boolean, grpcStatus = ''): HttpLabels {
  return { ...peer, response_code: String(status), grpc_response_status: grpcStatus, response_flags: flags, connection_security_policy: securityPolicy(reporter, mtls) };
}

export function tcpLabels(peer: PeerLabels, flags: string, reporter: 'source' | 'destination', mtls: boolean): TcpLabels {
  return { ...peer, response_flags: flags, connection_security_policy: securityPolicy(reporter, mtls) };
}
