import type { Analyzer } from '../analyzer';
import { annotationsOf, arr, dig, labelsOf, str } from '../read';
import { GK, nsOf } from '../snapshot';
import { KUBE_SYSTEM_NAMESPACES } from './port-name';
import { injectorConfigMapName } from './injection-image';

/**
 * Sidecar injection: namespaces without an injection or ambient label (IST0102, or IST0148 when the injector
 * enables namespaces by default), asking for two data planes at once (IST0123), and pods in injected
 * namespaces that run without a proxy (IST0103).
 */
export const injectionAnalyzer: Analyzer = {
  name: 'injection.Analyzer',
  description: 'Namespaces are labelled for injection and their pods carry the proxy',
  run(ctx) {
    const injected = new Set<string>();
    for (const ns of ctx.snapshot.of(GK.Namespace)) {
      const name = ns.object.metadata.name;
      if (name === 'istio-system' || name === ctx.istioNamespace || KUBE_SYSTEM_NAMESPACES.has(name)) continue;
      const labels = labelsOf(ns.object);
      const legacy = labels['istio-injection'];
      const rev = labels['istio.io/rev'];
      const ambient = labels['istio.io/dataplane-mode'] === 'ambient';
      if (legacy === undefined && rev === undefined && !ambient) {
        if (enabledByDefault(ctx, '')) ctx.report('NamespaceInjectionEnabledByDefault', ns, ['metadata', 'name'], []);
        else ctx.report('NamespaceNotInjected', ns, ['metadata', 'name'], [name, name]);
        continue;
      }
      // Each of these asks for a different data plane; an explicit "disabled" asks for none.
      const active = [
        ...(legacy !== undefined && legacy !== 'disabled' ? [`istio-injection=${legacy}`] : []),
        ...(rev !== undefined ? [`istio.io/rev=${rev}`] : []),
        ...(ambient ? ['istio.io/dataplane-mode=ambient'] : []),
      ];
      if (active.length > 1) {
        ctx.report('NamespaceMultipleInjectionLabels', ns, ['metadata', 'labels'], [active]);
        continue;
      }
      // Ambient namespaces have no sidecars; a legacy label other than "enabled" deliberately opts out.
      if (ambient || (rev === undefined && legacy !== 'enabled')) continue;
      injected.add(name);
    }
    for (const pod of ctx.snapshot.of(GK.Pod)) {
      if (!injected.has(nsOf(pod))) continue;
      const inject = labelsOf(pod.object)['sidecar.istio.io/inject'] ?? annotationsOf(pod.object)['sidecar.istio.io/inject'] ?? '';
      if (inject.toLowerCase() === 'false') continue;
      if (dig(pod.object.spec, 'hostNetwork') === true) continue;
      const hasProxy = arr(dig(pod.object.spec, 'containers')).some((c) => str(dig(c, 'name')) === 'istio-proxy' && !!str(dig(c, 'image')));
      if (!hasProxy) ctx.report('PodMissingProxy', pod, ['spec', 'containers'], [`${nsOf(pod)}/${pod.object.metadata.name}`]);
    }
  },
};

function enabledByDefault(ctx: Parameters<Analyzer['run']>[0], rev: string): boolean {
  const cm = ctx.snapshot.of(GK.ConfigMap).find((c) => c.object.metadata.name === injectorConfigMapName(rev));
  const values = str(dig(cm?.object, 'data', 'values'));
  if (!values) return false;
  try {
    return dig(JSON.parse(values) as unknown, 'sidecarInjectorWebhook', 'enableNamespacesByDefault') === true;
  } catch {
    return false;
  }
}
