/** A series' labels (without `__name__`). Label order as given by the exposition is not significant. */
export type Labels = Readonly<Record<string, string>>;

/**
 * A canonical identity for a series: metric name plus labels sorted by name, in exposition syntax.
 * Two scrapes that list the same labels in a different order yield the same key.
 */
export function seriesKey(name: string, labels: Labels): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return name;
  let out = name + '{';
  for (let i = 0; i < names.length; i++) {
    const n = names[i] as string;
    if (i > 0) out += ',';
    out += n + '="' + escapeLabelValue(labels[n] as string) + '"';
  }
  return out + '}';
}

/** Escapes a label value for the text format: backslash, double quote and line feed. */
export function escapeLabelValue(v: string): string {
  if (!/[\\"\n]/.test(v)) return v;
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Escapes HELP text: backslash and line feed only (quotes stay as they are). */
export function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Copies `labels` without `drop` (e.g. `le` when grouping histogram buckets). */
export function withoutLabel(labels: Labels, drop: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in labels) if (k !== drop) out[k] = labels[k] as string;
  return out;
}
