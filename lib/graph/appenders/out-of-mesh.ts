import { isOK } from '../node-id';
import type { Appender } from './types';

/**
 * `isOutOfMesh` for workloads without a sidecar in the requested namespaces: from the inventory where one is
 * known, else from telemetry — a workload that callers' proxies reported as a destination but that never
 * reported its own inbound traffic has no proxy of its own.
 */
export const outOfMeshAppender: Appender = {
  name: 'outOfMesh',
  append(g, ctx) {
    const requested = new Set(ctx.options.namespaces);
    const known = new Map<string, boolean>();
    for (const w of ctx.inventory ?? []) known.set(`${w.namespace}/${w.workload}`, w.sidecar);
    for (const n of g.nodes.values()) {
      if (n.nodeType !== 'workload' && n.nodeType !== 'app') continue;
      if (!requested.has(n.namespace)) continue;
      const sidecar = isOK(n.workload) ? known.get(`${n.namespace}/${n.workload}`) : undefined;
      if (sidecar !== undefined) n.isOutOfMesh = !sidecar;
      else n.isOutOfMesh = n.reportedAsDestinationBy.has('source') && !n.reportedAsDestinationBy.has('destination');
    }
    return g;
  },
};
