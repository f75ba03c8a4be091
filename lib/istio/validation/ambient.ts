import type { K8sObject } from '../types';
import { annotationsOf, labelsOf } from './read';

/** A namespace in ambient mode that does not also opt into sidecar injection. */
export function isAmbientNamespace(ns: K8sObject | undefined): boolean {
  if (!ns) return false;
  const l = labelsOf(ns);
  return l['istio.io/dataplane-mode'] === 'ambient' && l['istio-injection'] === undefined && l['istio.io/rev'] === undefined;
}

/** A pod captured by ambient (ztunnel) redirection. */
export function isAmbientPod(pod: K8sObject): boolean {
  return annotationsOf(pod)['ambient.istio.io/redirection'] === 'enabled';
}
