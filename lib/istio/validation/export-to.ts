/**
 * exportTo semantics: empty or `*` means every namespace, `.` the object's own namespace, `~` none, anything
 * else a namespace name. (Mesh-wide defaults from MeshConfig are applied by the caller where known.)
 */
export function visibleFrom(exportTo: readonly unknown[], ownNs: string, fromNs: string): boolean {
  if (exportTo.length === 0) return true;
  for (const e of exportTo) {
    if (e === '*') return true;
    if (e === '.' && fromNs === ownNs) return true;
    if (typeof e === 'string' && e !== '.' && e !== '~' && e === fromNs) return true;
  }
  return false;
}

/** The namespaces an exportTo list names (`*` for all), with `.` resolved to the object's own namespace. */
export function exportScopes(exportTo: readonly unknown[], ownNs: string): string[] {
  if (exportTo.length === 0 || exportTo.includes('*')) return ['*'];
  return [...new Set(exportTo.filter((e): e is string => typeof e === 'string' && e !== '~').map((e) => (e === '.' ? ownNs : e)))];
}

/** What decides whether an object is visible from a namespace. */
export interface VisibilityOptions {
  /** MeshConfig's default exportTo for this kind (defaultVirtualServiceExportTo...); `['*']` when unset. */
  meshDefaultExportTo?: readonly string[];
  /** Namespaces that exist; entries naming others cannot apply and are ignored. */
  knownNamespaces?: ReadonlySet<string>;
}

/**
 * Whether an object (VirtualService, DestinationRule, ServiceEntry) in `ownNs` is visible from `viewerNs`,
 * as Kiali lists config per namespace: its exportTo (or the mesh default when empty), where entries naming
 * namespaces that do not exist are dropped and a list left empty falls back to the default.
 */
export function exportedTo(exportTo: readonly unknown[], ownNs: string, viewerNs: string, opts: VisibilityOptions = {}): boolean {
  const entries = exportTo.filter((e): e is string => typeof e === 'string');
  const known = opts.knownNamespaces;
  const usable = known ? entries.filter((e) => e === '.' || e === '*' || e === '~' || known.has(e)) : entries;
  const effective = usable.length > 0 ? usable : (opts.meshDefaultExportTo ?? ['*']);
  return effective.some((e) => e === '*' || (e === '.' && viewerNs === ownNs) || (e !== '.' && e !== '~' && e === viewerNs));
}
