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
  /** Namespaces that exist. An entry naming another one keeps the object listed, so its error stays visible. */
  knownNamespaces?: ReadonlySet<string>;
  /** Ambient namespaces: exportTo does not apply there, objects stay in their own namespace. */
  ambientNamespaces?: ReadonlySet<string>;
}

/**
 * Whether an object (VirtualService, DestinationRule, ServiceEntry) in `ownNs` is listed for `viewerNs`, as Kiali
 * scopes config per namespace: ambient namespaces keep their objects to themselves; otherwise the object's
 * exportTo (or the mesh default when empty) decides, and an entry naming a namespace that does not exist keeps
 * the object listed so the mistake can be shown.
 */
export function exportedTo(exportTo: readonly unknown[], ownNs: string, viewerNs: string, opts: VisibilityOptions = {}): boolean {
  if (opts.ambientNamespaces?.has(ownNs)) return ownNs === viewerNs;
  const entries = exportTo.filter((e): e is string => typeof e === 'string');
  const effective = entries.length > 0 ? entries : (opts.meshDefaultExportTo ?? ['*']);
  const known = opts.knownNamespaces;
  return effective.some(
    (e) => e === '*' || e === viewerNs || (e === '.' && ownNs === viewerNs) || (known !== undefined && e !== '.' && e !== '~' && !known.has(e)),
  );
}
