/** Kubernetes/Istio host-name rules shared by routing (and usable by validation). */

export const CLUSTER_DOMAIN = 'svc.cluster.local';

/**
 * Resolves a host as written in an object of namespace `ns` to its fully qualified form:
 * `reviews` → `reviews.<ns>.svc.cluster.local`, `reviews.other` → `reviews.other.svc.cluster.local`;
 * hosts with more dots, wildcards and `*` are returned unchanged (lower-cased, port stripped).
 */
export function fqdn(host: string, ns: string | undefined): string {
  let h = stripPort(host.trim().toLowerCase());
  if (h === '*' || h.startsWith('*.')) return h;
  if (h.endsWith('.')) h = h.slice(0, -1);
  const dots = h.split('.').length - 1;
  if (dots === 0) return ns ? `${h}.${ns}.${CLUSTER_DOMAIN}` : h;
  if (dots === 1) return `${h}.${CLUSTER_DOMAIN}`;
  if (h.endsWith('.svc')) return `${h}.cluster.local`;
  return h;
}

/** Removes a `:port` suffix (IPv6 literals in brackets are kept whole). */
export function stripPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end === -1 ? host : host.slice(0, end + 1);
  }
  const i = host.lastIndexOf(':');
  return i === -1 || !/^\d+$/.test(host.slice(i + 1)) ? host : host.slice(0, i);
}

/** The port in `host:port`, if any. */
export function portOf(host: string): number | undefined {
  const m = /:(\d+)$/.exec(host);
  return m ? Number(m[1]) : undefined;
}

/**
 * How well a (possibly wildcard) pattern matches a concrete host: -1 for no match, otherwise a score where
 * an exact match beats any wildcard and a longer wildcard suffix beats a shorter one (Istio's "most specific").
 */
export function hostMatchScore(pattern: string, host: string): number {
  if (pattern === host) return 10_000;
  if (pattern === '*') return 0;
  if (pattern.startsWith('*.')) {
    const suffix = pattern.slice(1);
    return host.endsWith(suffix) ? suffix.length : -1;
  }
  return -1;
}
