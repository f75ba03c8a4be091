import { labelsMatch } from '../../lib/istio/types';
import type { WorkloadIdentity } from './sidecar/identity';

/** A running pod of the demo: where it listens and what it is. */
export interface Endpoint {
  identity: WorkloadIdentity;
  labels: Record<string, string>;
  host: string;
  port: number;
  sidecar: boolean;
}

export interface ServiceDef {
  name: string;
  namespace: string;
  /** The port clients address (`reviews:9080`); the demo maps it to each pod's loopback port. */
  port: number;
  protocol: 'http' | 'tcp';
  selector: Record<string, string>;
}

/**
 * The demo's stand-in for Kubernetes DNS and Endpoints: which pods back a service, and where external
 * (ServiceEntry) hosts resolve to on this machine.
 */
export class MeshRegistry {
  private readonly services = new Map<string, ServiceDef>();
  private readonly endpoints: Endpoint[] = [];
  private readonly external = new Map<string, { host: string; port: number }>();

  addService(s: ServiceDef): void {
    this.services.set(`${s.name}.${s.namespace}.svc.cluster.local`, s);
  }

  addEndpoint(e: Endpoint): void {
    this.endpoints.push(e);
  }

  addExternal(hostname: string, address: { host: string; port: number }): void {
    this.external.set(hostname.toLowerCase(), address);
  }

  service(fqdn: string): ServiceDef | undefined {
    return this.services.get(fqdn);
  }

  /** Pods backing a service, optionally narrowed by a subset's labels. */
  endpointsFor(fqdn: string, subsetLabels?: Record<string, string>): Endpoint[] {
    const s = this.services.get(fqdn);
    if (!s) return [];
    return this.endpoints.filter((e) => e.identity.namespace === s.namespace && labelsMatch(s.selector, e.labels) && labelsMatch(subsetLabels, e.labels));
  }

  externalAddress(hostname: string): { host: string; port: number } | undefined {
    return this.external.get(hostname.toLowerCase());
  }

  /** The services whose selector picks this pod (for the destination reporter's destination_service). */
  servicesOf(e: Endpoint): ServiceDef[] {
    return [...this.services.values()].filter((s) => s.namespace === e.identity.namespace && labelsMatch(s.selector, e.labels));
  }

  allServices(): ServiceDef[] {
    return [...this.services.values()];
  }

  allEndpoints(): readonly Endpoint[] {
    return this.endpoints;
  }
}
