import type { Gateway } from '../../istio/types';
import type { GraphNode } from '../model';
import type { Appender } from './types';

function selects(gw: Gateway, n: GraphNode): boolean {
  const sel = gw.spec?.selector ?? {};
  const entries = Object.entries(sel);
  if (entries.length === 0) return false;
  // Without pod labels, match the selector's values against the names Istio's charts give gateways
  // (`istio: ingressgateway` selects `istio-ingressgateway`).
  return entries.some(([k, v]) => {
    if (k === 'app') return n.app === v;
    return n.app === `istio-${v}` || n.workload === `istio-${v}` || n.app === v || n.workload === v;
  });
}

/**
 * `isGateway` on ingress/egress gateway workloads: those a Gateway object selects (with its server hosts as
 * hostnames), or named as Istio's charts name them.
 */
export const gatewaysAppender: Appender = {
  name: 'gateways',
  append(g, ctx) {
    for (const n of g.nodes.values()) {
      if (n.nodeType !== 'app' && n.nodeType !== 'workload') continue;
      const name = `${n.app} ${n.workload}`;
      const egress = name.includes('egressgateway');
      const hostnames = new Set<string>();
      let selected = false;
      for (const gw of ctx.config.gateways) {
        if (!selects(gw, n)) continue;
        selected = true;
        for (const s of gw.spec?.servers ?? []) for (const h of s.hosts ?? []) hostnames.add(h);
      }
      if (!selected && !name.includes('ingressgateway') && !egress) continue;
      const info = { hostnames: [...hostnames].sort() };
      n.isGateway = egress ? { egressInfo: info } : { ingressInfo: info };
    }
    return g;
  },
};
