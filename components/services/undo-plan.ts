import type { HistoryEntry } from '@/lib/api/istio-config';

/**
 * Which history entries "Undo" reverts, newest change first. One user action can write two entries (a traffic
 * shift writes the DestinationRule, then the VirtualService, with one summary): they are undone together, the
 * VirtualService first so it never names a subset that is already gone. Entries already undone, and the undo
 * entries themselves, are skipped, so pressing Undo repeatedly walks back through the service's changes.
 */
export function undoPlan(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const undone = new Set(entries.flatMap((e) => (e.rollbackOf !== undefined ? [e.rollbackOf] : [])));
  const candidates = [...entries].filter((e) => e.action !== 'rollback' && !undone.has(e.id)).sort((a, b) => b.id - a.id);
  const newest = candidates[0];
  if (!newest) return [];
  const plan = [newest];
  const partner = candidates[1];
  if (partner && partner.id === newest.id - 1 && partner.kind !== newest.kind && partner.action === newest.action && newest.summary !== undefined && partner.summary === newest.summary) plan.push(partner);
  // VirtualService before DestinationRule, whatever order they were written in.
  return plan.sort((a, b) => (a.kind === 'VirtualService' ? -1 : 0) - (b.kind === 'VirtualService' ? -1 : 0));
}

/** Merges the histories of the service's objects into one list, newest first, without duplicates. */
export function mergeHistories(...lists: (readonly HistoryEntry[] | undefined)[]): HistoryEntry[] {
  const byId = new Map<number, HistoryEntry>();
  for (const l of lists) for (const e of l ?? []) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}
