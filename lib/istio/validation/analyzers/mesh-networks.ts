import type { Analyzer } from '../analyzer';
import type { SourcedObject } from '../model';
import { arr, dig, labelsOf, rec, str } from '../read';
import { GK } from '../snapshot';

/** Registries istiod always knows (its provider IDs); remote clusters add their secret's keys. */
const BUILTIN_REGISTRIES = ['Mock', 'Kubernetes', 'External'];

/** MeshNetworks endpoints `fromRegistry` must name a known service registry (IST0126). */
export const meshNetworksAnalyzer: Analyzer = {
  name: 'meshnetworks.MeshNetworksAnalyzer',
  description: 'MeshNetworks endpoints reference known registries',
  run(ctx) {
    const networks = rec(ctx.meshNetworks?.networks);
    if (!networks) return;
    const known = new Set(BUILTIN_REGISTRIES);
    for (const s of ctx.snapshot.of(GK.Secret)) {
      if (labelsOf(s.object)['istio/multiCluster'] !== 'true') continue;
      for (const k of [...Object.keys(rec(dig(s.object, 'data')) ?? {}), ...Object.keys(rec(dig(s.object, 'stringData')) ?? {})]) known.add(k);
    }
    // MeshNetworks is mesh configuration rather than an object; report it as istioctl names it.
    const target: SourcedObject = { object: { apiVersion: 'mesh.istio.io/v1alpha1', kind: 'MeshNetworks', metadata: { name: 'meshnetworks', namespace: ctx.istioNamespace } } };
    for (const [name, network] of Object.entries(networks)) {
      arr(dig(network, 'endpoints')).forEach((e, j) => {
        const reg = str(dig(e, 'fromRegistry'));
        if (reg !== undefined && !known.has(reg)) ctx.report('UnknownMeshNetworksServiceRegistry', target, ['networks', name, 'endpoints', j, 'fromRegistry'], [reg, name]);
      });
    }
  },
};
