/** Istio host-name rules (wildcards, short names, `namespace/host` scoping), as istiod applies them. */

export const CLUSTER_DOMAIN = 'svc.cluster.local';

function wild(h: string): boolean {
  return h.startsWith('*');
}

/**
 * True when two host names overlap: identical, or a wildcard covering the other (`*` covers everything,
 * `*.foo.com` covers `a.foo.com` and `*.b.foo.com`).
 */
export function hostsMatch(a: string, b: string): boolean {
  const aw = wild(a);
  const bw = wild(b);
  if (aw && bw) return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
  if (aw) return b.endsWith(a.slice(1));
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/** True when every name `a` covers is covered by `b`. */
export function hostSubsetOf(a: string, b: string): boolean {
  if (wild(a)) return wild(b) && a.slice(1).endsWith(b.slice(1));
  if (wild(b)) return a.endsWith(b.slice(1));
  return a === b;
}

/**
 * A host as istiod resolves it from an object in `namespace`: short names (`reviews`) become
 * `reviews.<namespace>.svc.cluster.local`; wildcards and dotted names stay. Without a namespace it stays short.
 */
export function toFqdn(host: string, namespace: string): string {
  if (host.startsWith('*') || host.includes('.') || namespace === '') return host;
  return `${host}.${namespace}.${CLUSTER_DOMAIN}`;
}

/**
 * Like toFqdn, but also expands the two-part `service.namespace` form when `namespace` is a known namespace
 * (Kubernetes DNS resolves it; Kiali and users write it).
 */
export function resolveHost(host: string, namespace: string, namespaces: ReadonlySet<string>): string {
  const parts = host.split('.');
  if (parts.length === 2 && !host.startsWith('*') && namespaces.has(parts[1] as string)) return `${host}.${CLUSTER_DOMAIN}`;
  return toFqdn(host, namespace);
}

/** The FQDN of a Kubernetes Service. */
export function serviceFqdn(name: string, namespace: string): string {
  return namespace === '' ? name : `${name}.${namespace}.${CLUSTER_DOMAIN}`;
}

/** Splits a gateway server host `ns/host` into its namespace part (`*` when absent) and host. */
export function splitNamespacedHost(h: string, ownNamespace: string): { ns: string; host: string } {
  const i = h.indexOf('/');
  if (i === -1) return { ns: '*', host: h };
  const ns = h.slice(0, i);
  return { ns: ns === '.' ? ownNamespace : ns, host: h.slice(i + 1) };
}

/** `k1=v1,k2=v2` with keys sorted, as Kubernetes prints a label selector. */
export function selectorString(sel: Record<string, string> | undefined): string {
  if (!sel) return '';
  return Object.keys(sel)
    .sort()
    .map((k) => `${k}=${sel[k] ?? ''}`)
    .join(',');
}
