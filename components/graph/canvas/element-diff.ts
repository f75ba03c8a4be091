import type { CyData } from './to-cy-elements';

export interface ElementDiff<T extends CyData> {
  add: T[];
  remove: string[];
  /** Elements whose data changed (same id). */
  update: T[];
}

/**
 * What to tell Cytoscape so its elements match `next`: adds, removes, and data updates. Unchanged elements are
 * left alone, which is what keeps positions and selection across refreshes (the instance is never re-created).
 */
export function diffElements<T extends CyData>(current: ReadonlyMap<string, CyData>, next: readonly T[]): ElementDiff<T> {
  const add: T[] = [];
  const update: T[] = [];
  const seen = new Set<string>();
  for (const el of next) {
    seen.add(el.id);
    const old = current.get(el.id);
    if (!old) add.push(el);
    else if (!shallowEqual(old, el)) update.push(el);
  }
  const remove: string[] = [];
  for (const id of current.keys()) if (!seen.has(id)) remove.push(id);
  return { add, remove, update };
}

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if ((a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  return true;
}
