import type { Analyzer } from '../analyzer';
import { hostsMatch, selectorString, splitNamespacedHost } from '../hosts';
import { arr, dig, num, rec, strMap } from '../read';
import { GK, nsOf } from '../snapshot';
import type { SourcedObject } from '../model';

interface ServerEntry {
  gw: SourcedObject;
  gwName: string;
  selector: Record<string, string>;
  port: number;
  hosts: string[];
}

/**
 * Two Gateways whose selectors pick the same workloads (one selector contains the other) and that declare the
 * same port with overlapping hosts conflict: the proxy gets two listeners for one port (IST0145).
 */
export const conflictingGatewayAnalyzer: Analyzer = {
  name: 'gateway.ConflictingGatewayAnalyzer',
  description: 'Gateways on the same workload, port and host',
  run(ctx) {
    const entries: ServerEntry[] = [];
    for (const gw of ctx.snapshot.of(GK.Gateway)) {
      const spec = rec(gw.object.spec) ?? {};
      const selector = strMap(spec.selector) ?? {};
      const gwName = nsOf(gw) ? `${nsOf(gw)}/${gw.object.metadata.name}` : gw.object.metadata.name;
      for (const server of arr(spec.servers)) {
        const hosts = arr(dig(server, 'hosts')).flatMap((h) => (typeof h === 'string' ? [splitNamespacedHost(h, nsOf(gw)).host] : []));
        entries.push({ gw, gwName, selector, port: num(dig(server, 'port', 'number')) ?? 0, hosts });
      }
    }
    for (const gw of ctx.snapshot.of(GK.Gateway)) {
      const mine = entries.filter((e) => e.gw === gw);
      const others = new Set<string>();
      let first: ServerEntry | undefined;
      for (const a of mine) {
        for (const b of entries) {
          if (b.gw === gw || b.port !== a.port || !selectorsOverlap(a.selector, b.selector)) continue;
          if (!a.hosts.some((h) => b.hosts.some((o) => hostsMatch(h, o)))) continue;
          others.add(b.gwName);
          first ??= a;
        }
      }
      if (!first) continue;
      const idx = arr(dig(gw.object.spec, 'servers')).findIndex((s) => num(dig(s, 'port', 'number')) === first.port);
      ctx.report('ConflictingGateways', gw, ['spec', 'servers', Math.max(idx, 0)], [[...others].sort().join(','), selectorString(first.selector), String(first.port), first.hosts], ['KIA0301']);
    }
  },
};

/** Selectors overlap when one's labels are all in the other (so the narrower one's pods match both). */
function selectorsOverlap(a: Record<string, string>, b: Record<string, string>): boolean {
  const within = (x: Record<string, string>, y: Record<string, string>) => Object.entries(x).every(([k, v]) => y[k] === v);
  return within(a, b) || within(b, a);
}

