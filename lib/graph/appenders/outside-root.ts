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
    const incoming = new Set<string>();
    const outgoing = new Set<string>();
    const busy = new Set<string>();
    for (const e of g.edges.values()) {
      incoming.add(e.target.id);
      outgoing.add(e.source.id);
      if (e.total > 0) {
        busy.add(e.source.id);
        busy.add(e.target.id);
      }
    }
    for (const n of g.nodes.values()) {
      if (n.nodeType !== 'unknown' && n.namespace !== UNKNOWN) n.isOutside = !requested.has(n.namespace);
      n.isRoot = outgoing.has(n.id) && !incoming.has(n.id);
      if (!busy.has(n.id)) n.isIdle = true;
    }
    return g;
  },
};
