import type { GraphNode } from '../model';
import { UNKNOWN } from '../node-id';
import type { Appender } from './types';

/**
 * Kiali's finalizers: `isOutside` for nodes in namespaces that were not requested (they appear because they
 * call in or are called), `isRoot` for nodes that only send (traffic generators, gateways, unknown callers),
 * and `isIdle` for nodes with no traffic in the window.
 */
export const outsideRootAppender: Appender = {
  name: 'outsideRoot',
  append(g, ctx) {
    const requested = new Set(ctx.options.namespaces);
    // Keyed by node object (an identity hash), not by id string.
    const incoming = new Set<GraphNode>();
    const outgoing = new Set<GraphNode>();
    const busy = new Set<GraphNode>();
    for (const e of g.edges.values()) {
      incoming.add(e.target);
      outgoing.add(e.source);
      if (e.total > 0) {
        busy.add(e.source);
        busy.add(e.target);
      }
    }
    for (const n of g.nodes.values()) {
      if (n.nodeType !== 'unknown' && n.namespace !== UNKNOWN) n.isOutside = !requested.has(n.namespace);
      n.isRoot = outgoing.has(n) && !incoming.has(n);
      if (!busy.has(n)) n.isIdle = true;
    }
    return g;
  },
};
