import type { AnalysisContext } from './context';
import type { SourcedObject } from './model';
import { annotationsOf, arr, dig, labelsOf, str, strMap } from './read';
import { GK, groupKindOf, nsOf } from './snapshot';

/**
 * Whether a Pod or Deployment runs with a sidecar: an istio-proxy container with an image, else the pod's
 * `sidecar.istio.io/inject` annotation, else its namespace's `istio-injection` label.
 */
export function inMesh(ctx: AnalysisContext, o: SourcedObject): boolean {
  const isDeployment = groupKindOf(o.object) !== GK.Pod;
  const podSpec = isDeployment ? dig(o.object.spec, 'template', 'spec') : o.object.spec;
  const annotations = isDeployment ? (strMap(dig(o.object.spec, 'template', 'metadata', 'annotations')) ?? {}) : annotationsOf(o.object);
  if (arr(dig(podSpec, 'containers')).some((c) => str(dig(c, 'name')) === 'istio-proxy' && !!str(dig(c, 'image')))) return true;
  const inject = annotations['sidecar.istio.io/inject'];
  if (inject !== undefined) return inject === 'true';
  const ns = ctx.snapshot.get(GK.Namespace, '', nsOf(o));
  return ns ? labelsOf(ns.object)['istio-injection'] === 'enabled' : false;
}
