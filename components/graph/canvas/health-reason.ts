/**
 * The reason a node or edge is not healthy, when the answer carries one (for example "4.8% 5xx on calls to
 * ratings (> 0.1%)"). Read tolerantly: the field is optional on the wire, and an answer from an older server
 * has none, so anything but a non-empty string (or a `{ message }`/`{ text }` object, or a list of those) is
 * treated as absent rather than trusted.
 */
export function healthReasonOf(data: object): string | undefined {
  const d = data as Record<string, unknown>;
  for (const key of ['healthReason', 'healthReasons', 'healthDetail']) {
    const text = reasonText(d[key]);
    if (text) return shorten(text);
  }
  return undefined;
}

const MAX_REASON = 120;

function reasonText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v)) {
    const parts = v.slice(0, 3).map(reasonText).filter((s): s is string => s !== undefined);
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of ['message', 'text', 'summary']) if (typeof o[k] === 'string' && o[k]) return (o[k] as string).trim() || undefined;
  }
  return undefined;
}

/** A tooltip line, not an essay: long reasons are cut at a word boundary. */
function shorten(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  if (one.length <= MAX_REASON) return one;
  const cut = one.slice(0, MAX_REASON);
  const sp = cut.lastIndexOf(' ');
  return `${(sp > MAX_REASON / 2 ? cut.slice(0, sp) : cut).trimEnd()}…`;
}
