import { labelsMatch } from '../../types';
import type { Analyzer } from '../analyzer';
import { inMesh } from '../injection-state';
import { arr, dig, num, str, strMap } from '../read';
import { GK, nsOf } from '../snapshot';

/**
 * A meshed Deployment selected by several Services must not be reached on one port with different protocols
 * (IST0116), nor through one target port from different service ports (IST0137).
 */
export const multiServiceAnalyzer: Analyzer = {
  name: 'deployment.MultiServiceAnalyzer',
  description: 'Services selecting one deployment disagree on ports or protocols',
  run(ctx) {
    for (const d of ctx.snapshot.of(GK.Deployment)) {
      if (!inMesh(ctx, d)) continue;
      const podLabels = strMap(dig(d.object.spec, 'template', 'metadata', 'labels')) ?? {};
      const svcs = ctx.snapshot.of(GK.Service).filter((s) => nsOf(s) === nsOf(d) && labelsMatch(strMap(dig(s.object.spec, 'selector')) ?? {}, podLabels));
      // Services without a selector select nothing; labelsMatch treats an empty selector as match-all.
      const matching = svcs.filter((s) => Object.keys(strMap(dig(s.object.spec, 'selector')) ?? {}).length > 0);
      if (matching.length === 0) continue;
      const byPort = new Map<number, Map<string, string[]>>();
      const byTarget = new Map<string, Map<number, string>>();
      for (const s of matching) {
        const name = nsOf(s) ? `${nsOf(s)}/${s.object.metadata.name}` : s.object.metadata.name;
        for (const p of arr(dig(s.object.spec, 'ports'))) {
          const port = num(dig(p, 'port')) ?? 0;
          const proto = str(dig(p, 'protocol')) ?? 'TCP';
          const protos = byPort.get(port) ?? new Map<string, string[]>();
          protos.set(proto, [...(protos.get(proto) ?? []), name]);
          byPort.set(port, protos);
          const tp = dig(p, 'targetPort');
          const target = tp === undefined || tp === 0 || tp === '' ? String(port) : String(tp);
          const ports = byTarget.get(target) ?? new Map<number, string>();
          ports.set(port, name);
          byTarget.set(target, ports);
        }
      }
      for (const [port, protos] of byPort) {
        if (protos.size > 1) ctx.report('DeploymentAssociatedToMultipleServices', d, ['metadata', 'name'], [d.object.metadata.name, port, [...protos.values()].flat()]);
      }
      for (const [target, ports] of byTarget) {
        if (ports.size > 1) ctx.report('DeploymentConflictingPorts', d, ['metadata', 'name'], [d.object.metadata.name, [...ports.values()], target, `[${[...ports.keys()].join(' ')}]`]);
      }
    }
  },
};

