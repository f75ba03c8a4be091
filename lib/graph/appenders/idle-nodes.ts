import { ensureNode } from '../model';
import { nodeIdentity, type TelemetryEnd } from '../node-id';
import type { Appender } from './types';

/**
 * With `idleNodes=true`, adds the inventory's workloads (and, with service injection, their services) in the
 * requested namespaces that had no traffic in the window, marked `isIdle`.
 */
export const idleNodesAppender: Appender = {
  name: 'idleNodes',
  append(g, ctx) {
    if (!ctx.options.idleNodes || !ctx.inventory) return g;
    const requested = new Set(ctx.options.namespaces);
    for (const w of ctx.inventory) {
      if (!requested.has(w.namespace)) continue;
      const cluster = w.cluster ?? 'Kubernetes';
      const end: TelemetryEnd = {
        cluster,
        serviceNamespace: w.namespace,
        service: '',
        workloadNamespace: w.namespace,
        workload: w.workload,
        app: w.app || 'unknown',
        version: w.version || 'unknown',
      };
      const ident = nodeIdentity(end, g.graphType);
      if (ident && !g.nodes.has(ident.id)) {
        ensureNode(g, ident, { cluster, namespace: w.namespace, workload: w.workload, app: end.app, version: end.version, service: '' }).isIdle = true;
      }
      if (!ctx.options.injectServiceNodes && g.graphType !== 'service') continue;
      for (const s of w.services) {
        const svcEnd: TelemetryEnd = { cluster, serviceNamespace: w.namespace, service: s, workloadNamespace: '', workload: '', app: '', version: '' };
        const svcIdent = nodeIdentity(svcEnd, g.graphType);
        if (svcIdent && !g.nodes.has(svcIdent.id)) {
          ensureNode(g, svcIdent, { cluster, namespace: w.namespace, workload: '', app: '', version: '', service: s }).isIdle = true;
        }
      }
    }
    return g;
  },
};
