import type { Analyzer } from '../analyzer';
import { ISTIO_ANNOTATIONS, isIstioAnnotation } from '../annotation-catalog';
import { ANNOTATION_VALIDATORS } from '../annotation-values';
import type { SourcedObject } from '../model';
import { annotationsOf, arr, dig, labelsOf, str } from '../read';
import { GK } from '../snapshot';

const KINDS: [string, string][] = [
  [GK.Namespace, 'Namespace'],
  [GK.Service, 'Service'],
  [GK.Pod, 'Pod'],
  [GK.Deployment, 'Deployment'],
];

function forEachAnnotated(ctx: Parameters<Analyzer['run']>[0], f: (o: SourcedObject, kind: string, key: string, value: string) => void): void {
  for (const [gk, kind] of KINDS) {
    for (const o of ctx.snapshot.of(gk)) for (const [k, v] of Object.entries(annotationsOf(o.object))) if (isIstioAnnotation(k)) f(o, kind, k, v);
  }
}

/**
 * Istio annotations on Kubernetes objects: unknown (IST0108), deprecated (IST0135), on a kind they do not apply
 * to (IST0107), or with a value the injector rejects (IST0125).
 */
export const annotationsAnalyzer: Analyzer = {
  name: 'annotations.K8sAnalyzer',
  description: 'Unknown, misplaced, deprecated or invalid Istio annotations',
  run(ctx) {
    forEachAnnotated(ctx, (o, kind, key, value) => {
      const path = ['metadata', 'annotations', key];
      const def = ISTIO_ANNOTATIONS[key];
      if (!def) {
        ctx.report('UnknownAnnotation', o, path, [key]);
        return;
      }
      if (def.deprecated && !(key === 'sidecar.istio.io/inject' && key in labelsOf(o.object))) {
        ctx.report('DeprecatedAnnotation', o, path, [key, key === 'sidecar.istio.io/inject' ? ' in favor of the "sidecar.istio.io/inject" label' : '']);
      }
      if (def.resources.includes('Any')) return;
      if (!def.resources.includes(kind)) {
        ctx.report('MisplacedAnnotation', o, path, [key, def.resources.join(', ')]);
        return;
      }
      const problem = ANNOTATION_VALIDATORS[key]?.(value);
      if (problem) ctx.report('InvalidAnnotation', o, path, [key, problem]);
    });
  },
};

/** Set by Istio itself (injection, CNI, ambient), so not the user's choice to warn about. */
const SET_BY_ISTIO = new Set(['sidecar.istio.io/status', 'istio.io/rev', 'ambient.istio.io/redirection']);
const SET_BY_CNI = new Set([
  'sidecar.istio.io/interceptionMode',
  'traffic.sidecar.istio.io/excludeInboundPorts',
  'traffic.sidecar.istio.io/includeInboundPorts',
  'traffic.sidecar.istio.io/includeOutboundIPRanges',
  'traffic.sidecar.istio.io/excludeOutboundIPRanges',
  'traffic.sidecar.istio.io/excludeOutboundPorts',
]);

/** Alpha-phase Istio annotations a user set (IST0136); not part of the default run in istioctl either. */
export const alphaAnnotationsAnalyzer: Analyzer = {
  name: 'annotations.AlphaAnalyzer',
  description: 'Alpha-phase Istio annotations',
  optIn: true,
  run(ctx) {
    forEachAnnotated(ctx, (o, _kind, key) => {
      const def = ISTIO_ANNOTATIONS[key];
      if (!def || def.status !== 'Alpha' || def.hidden || SET_BY_ISTIO.has(key)) return;
      // Pods captured by istio-cni carry its redirection annotations without the user asking for them.
      const cni = arr(dig(o.object.spec, 'initContainers')).some((c) => str(dig(c, 'name')) === 'istio-validation');
      if (cni && SET_BY_CNI.has(key)) return;
      ctx.report('AlphaAnnotation', o, ['metadata', 'annotations', key], [key]);
    });
  },
};
