import type { Analyzer } from '../analyzer';
import { effectiveImageType } from '../proxy-config';
import { annotationsOf, arr, dig, labelsOf, rec, str } from '../read';
import { GK, nsOf } from '../snapshot';
import type { SourcedObject } from '../model';

/** The injector ConfigMap name for a revision. */
export function injectorConfigMapName(revision: string): string {
  return revision === '' || revision === 'default' ? 'istio-sidecar-injector' : `istio-sidecar-injector-${revision}`;
}

/**
 * In namespaces with injection enabled, running istio-proxy containers should use the image the injector
 * would inject now; otherwise the pods predate an upgrade and need a restart (IST0158, one per namespace).
 */
export const injectionImageAnalyzer: Analyzer = {
  name: 'injection.ImageAnalyzer',
  description: 'Injected proxies run the image the injector currently configures',
  run(ctx) {
    const images = new Map<string, string>();
    for (const cm of ctx.snapshot.of(GK.ConfigMap)) {
      const name = cm.object.metadata.name;
      if (name.startsWith('istio-sidecar-injector')) images.set(name, proxyImage(cm));
    }
    if (images.size === 0) return;
    const namespaces = new Map<string, SourcedObject>();
    const injected = new Map<string, string>();
    for (const ns of ctx.snapshot.of(GK.Namespace)) {
      namespaces.set(ns.object.metadata.name, ns);
      const l = labelsOf(ns.object);
      if (l['istio.io/rev'] !== undefined) injected.set(ns.object.metadata.name, l['istio.io/rev']);
      else if (l['istio-injection'] === 'enabled') injected.set(ns.object.metadata.name, 'default');
    }
    const mismatched = new Map<string, string[]>();
    for (const pod of ctx.snapshot.of(GK.Pod)) {
      const rev = injected.get(nsOf(pod));
      if (rev === undefined) continue;
      if (annotationsOf(pod.object)['sidecar.istio.io/proxyImage']) continue;
      const want = images.get(injectorConfigMapName(rev));
      if (want === undefined) continue;
      const variant = effectiveImageType(ctx, pod);
      const spec = rec(pod.object.spec) ?? {};
      for (const c of [...arr(spec.containers), ...arr(spec.initContainers)]) {
        if (str(dig(c, 'name')) !== 'istio-proxy') continue;
        const image = str(dig(c, 'image')) ?? '';
        if (image === want || image === `${want}-${variant}`) continue;
        const list = mismatched.get(nsOf(pod)) ?? [];
        list.push(pod.object.metadata.name);
        mismatched.set(nsOf(pod), list);
      }
    }
    for (const [ns, pods] of mismatched) {
      const nsObj = namespaces.get(ns);
      if (nsObj) ctx.report('PodsIstioProxyImageMismatchInNamespace', nsObj, ['metadata', 'name'], [pods]);
    }
  },
};

function proxyImage(cm: SourcedObject): string {
  const values = str(dig(cm.object, 'data', 'values'));
  if (!values) return '';
  let v: unknown;
  try {
    v = JSON.parse(values);
  } catch {
    return '';
  }
  const image = str(dig(v, 'global', 'proxy', 'image')) ?? '';
  if (image.includes('/')) return image;
  return `${str(dig(v, 'global', 'hub')) ?? ''}/${image}:${str(dig(v, 'global', 'tag')) ?? ''}`;
}
