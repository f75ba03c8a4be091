import type { ConfigItem } from '@/lib/api/istio-config';
import type { ValidationMessage } from '@/lib/api/validation';
import type { ConfigListView } from './config-url-state';

export type ItemStatus = 'error' | 'warning' | 'info' | 'valid';

export interface LevelCounts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countLevels(messages: readonly ValidationMessage[]): LevelCounts {
  const c = { errors: 0, warnings: 0, infos: 0 };
  for (const m of messages) {
    if (m.level === 'Error') c.errors++;
    else if (m.level === 'Warning') c.warnings++;
    else c.infos++;
  }
  return c;
}

/** The worst level among an object's messages. */
export function itemStatus(messages: readonly ValidationMessage[]): ItemStatus {
  const c = countLevels(messages);
  return c.errors ? 'error' : c.warnings ? 'warning' : c.infos ? 'info' : 'valid';
}

const STATUS_RANK: Record<ItemStatus, number> = { error: 0, warning: 1, info: 2, valid: 3 };

/**
 * Applies the client-side filters (status and text; namespaces and kinds are filtered by the server).
 * "errors" shows objects with errors, "warnings" those whose worst level is a warning, "valid" those with neither.
 */
export function filterItems(items: readonly ConfigItem[], view: Pick<ConfigListView, 'status' | 'q'>): ConfigItem[] {
  const needle = view.q.trim().toLowerCase();
  return items.filter((i) => {
    const s = itemStatus(i.validations);
    if (view.status === 'errors' && s !== 'error') return false;
    if (view.status === 'warnings' && s !== 'warning') return false;
    if (view.status === 'valid' && (s === 'error' || s === 'warning')) return false;
    if (!needle) return true;
    const hay = [i.object.kind, i.object.metadata.namespace ?? '', i.object.metadata.name, ...i.validations.map((m) => `${m.code} ${m.message}`)].join(' ').toLowerCase();
    return hay.includes(needle);
  });
}

/** Problems first (errors, then warnings), then by kind, namespace and name: what needs fixing is on top. */
export function sortItems(items: readonly ConfigItem[]): ConfigItem[] {
  return [...items].sort(
    (a, b) =>
      STATUS_RANK[itemStatus(a.validations)] - STATUS_RANK[itemStatus(b.validations)] ||
      a.object.kind.localeCompare(b.object.kind) ||
      (a.object.metadata.namespace ?? '').localeCompare(b.object.metadata.namespace ?? '') ||
      a.object.metadata.name.localeCompare(b.object.metadata.name),
  );
}

/** Kinds to offer in the kind filter: the known Istio kinds plus any other kind the store holds. */
export function kindOptions(known: readonly string[], items: readonly ConfigItem[], selected: readonly string[]): string[] {
  return [...new Set([...known, ...items.map((i) => i.object.kind), ...selected])].sort();
}
