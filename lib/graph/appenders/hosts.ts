/** Host-name resolution as Istio applies it to VirtualService / DestinationRule / ServiceEntry hosts. */

/** Expands a config host written in `namespace` to an FQDN (`reviews` → `reviews.bookinfo.svc.cluster.local`). */
export function fqdn(host: string, namespace: string): string {
  if (host === '*' || host.startsWith('*.')) return host;
  const parts = host.split('.');
  if (parts.length === 1) return `${host}.${namespace}.svc.cluster.local`;
  if (parts.length === 2) return `${host}.svc.cluster.local`;
  return host;
}

/** Whether a config host (FQDN form, possibly a `*.` wildcard) covers `target`. */
export function hostMatches(configHost: string, target: string): boolean {
  if (configHost === '*') return true;
  if (configHost.startsWith('*.')) return target.endsWith(configHost.slice(1));
  return configHost === target;
}

/** The host a service node answers for: its FQDN, or the name itself for external hosts. */
export function serviceHost(service: string, namespace: string): string {
  return service.includes('.') ? service : `${service}.${namespace}.svc.cluster.local`;
}
