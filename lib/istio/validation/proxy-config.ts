import { parseYamlValue } from '../bounded-yaml';
import { YAML_LIMITS } from '../../limits/yaml';
import { labelsMatch } from '../types';
import type { AnalysisContext } from './context';
import type { SourcedObject } from './model';
import { annotationsOf, dig, labelsOf, rec, str, strMap } from './read';
import { nsOf } from './snapshot';

const PROXY_CONFIG = 'networking.istio.io/ProxyConfig';

/**
 * The proxy image variant (`default`, `distroless`, `debug`) a pod gets, resolved as istiod does: the pod's
 * `proxy.istio.io/config` annotation, then a ProxyConfig selecting the pod, then its namespace's ProxyConfig,
 * then the root namespace's, then MeshConfig `defaultConfig`.
 */
export function effectiveImageType(ctx: AnalysisContext, pod: SourcedObject): string {
  const anno = annotationsOf(pod.object)['proxy.istio.io/config'];
  if (anno) {
    // A malformed annotation is reported by the annotation analyzer; fall through to the other sources.
    const parsed = parseYamlValue(anno, YAML_LIMITS);
    const t = 'value' in parsed ? str(dig(parsed.value, 'image', 'imageType')) : undefined;
    if (t) return t;
  }
  const ns = nsOf(pod);
  const labels = labelsOf(pod.object);
  const configs = ctx.snapshot.of(PROXY_CONFIG);
  const pick = (pred: (pc: SourcedObject) => boolean) => {
    for (const pc of configs) if (pred(pc)) return str(dig(pc.object.spec, 'image', 'imageType'));
    return undefined;
  };
  const selectorOf = (pc: SourcedObject) => strMap(dig(pc.object.spec, 'selector', 'matchLabels'));
  return (
    pick((pc) => nsOf(pc) === ns && !!selectorOf(pc) && labelsMatch(selectorOf(pc), labels)) ??
    pick((pc) => nsOf(pc) === ns && !selectorOf(pc)) ??
    pick((pc) => nsOf(pc) === ctx.istioNamespace && !selectorOf(pc)) ??
    str(dig(rec(ctx.meshConfig), 'defaultConfig', 'image', 'imageType')) ??
    'default'
  );
}
