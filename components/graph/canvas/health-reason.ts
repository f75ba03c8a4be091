/**
 * The reason a node or edge is not healthy, when the answer carries one: `healthReason`, an object whose
 * `text` is one sentence ("Degraded: 4.8% 5xx on calls to ratings (≥ 0.1%)"; lib/api/health.ts on the
 * branch that adds it). Read tolerantly: the field is optional on the wire and absent from older servers, so
 * anything but a non-empty `text` (or a plain string) counts as no reason. The leading status is dropped, as
 * the tooltip states it already.
 */
export function healthReasonOf(data: object): string | undefined {
  const v = (data as { healthReason?: unknown }).healthReason;
  const text = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as { text?: unknown }).text : undefined;
  if (typeof text !== 'string') return undefined;
  const reason = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(Degraded|Failure)\s*:\s*/i, '');
  return reason ? shorten(reason) : undefined;
}

const MAX_REASON = 120;

/** A tooltip line, not an essay: long reasons are cut at a word boundary. */
function shorten(s: string): string {
  if (s.length <= MAX_REASON) return s;
  const cut = s.slice(0, MAX_REASON);
  const sp = cut.lastIndexOf(' ');
  return `${(sp > MAX_REASON / 2 ? cut.slice(0, sp) : cut).trimEnd()}…`;
}
