import { isOK } from '../node-id';
import { fqdn, hostMatches, serviceHost } from './hosts';
import type { Appender } from './types';

/** `isServiceEntry` on service nodes whose host a ServiceEntry declares: its location and hosts. */
export const serviceEntryAppender: Appender = {
  name: 'serviceEntry',
  append(g, ctx) {
    if (ctx.config.serviceEntries.length === 0) return g;
    for (const n of g.nodes.values()) {
      if (n.nodeType !== 'service' || !isOK(n.service)) continue;
      const host = serviceHost(n.service, n.namespace);
      for (const se of ctx.config.serviceEntries) {
        const ns = se.metadata.namespace ?? 'default';
        const hosts = (se.spec?.hosts ?? []).filter((h): h is string => typeof h === 'string');
        if (hosts.some((h) => hostMatches(fqdn(h, ns), host) || h === n.service)) {
          n.isServiceEntry = { location: se.spec?.location ?? 'MESH_EXTERNAL', hosts };
          break;
        }
      }
    }
    return g;
  },
};
