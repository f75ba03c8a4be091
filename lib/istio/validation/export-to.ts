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
