import type { K8sObject } from '../types';
import { labelsOf } from './read';

/** Istio's own control-plane and gateway objects, which several analyzers exempt (label `istio` or `release: istio`). */
export function isControlPlane(o: K8sObject): boolean {
  const l = labelsOf(o);
  return 'istio' in l || l.release === 'istio';
}
