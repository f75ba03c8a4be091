import type { ConfigObjectResponse, IstioObject } from '@/lib/api/istio-config';
import type { Service } from '@/lib/istio/types';
import type { TrafficChange } from '../data/use-traffic-change';

/** What the wizards know about the service they edit. */
export interface WizardContext {
  service: Service;
  virtualService?: ConfigObjectResponse;
  destinationRule?: ConfigObjectResponse;
  /** Subsets of the DestinationRule a route may name, with the version each selects. */
  subsets: { name: string; version?: string }[];
}

/** The Service as the traffic editors need it (they only read its name and namespace). */
export const serviceRef = (namespace: string, name: string): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace } });

/** Wraps a generated object as a change: a replace of the stored version, or a create. */
export function changeOf(next: IstioObject, stored: ConfigObjectResponse | undefined): TrafficChange {
  const kind = next.kind === 'DestinationRule' ? 'DestinationRule' : 'VirtualService';
  return { kind, namespace: next.metadata.namespace ?? '', name: next.metadata.name, next, ...(stored ? { resourceVersion: stored.resourceVersion } : {}) };
}
