import { stringify } from 'yaml';

/** An object as YAML for diffs: the store's bookkeeping (resourceVersion and friends) left out so only edits show. */
export function yamlText(o: unknown): string {
  if (o === undefined || o === null) return '';
  const copy = structuredClone(o) as { metadata?: Record<string, unknown> };
  if (copy.metadata) for (const k of ['resourceVersion', 'generation', 'uid', 'creationTimestamp', 'managedFields']) delete copy.metadata[k];
  return stringify(copy, { lineWidth: 0 });
}
