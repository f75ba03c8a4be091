import type { Span } from './model';

/**
 * Zipkin-style tracers (Envoy's default `shared_span_context: true`) report the client and server
 * sides of one call under the same span id. A tree needs unique ids, so, as Jaeger's query service
 * does, the server side gets a new id derived from the shared one and becomes the client span's
 * child; spans the server's service reported under the shared id move under the server span.
 * Traces without shared ids come back unchanged (the same array).
 */
/** What splitting reads of a span (the rest is copied along). */
export type SplittableSpan = Pick<Span, 'spanId' | 'parentSpanId' | 'kind' | 'service'>;

export function splitSharedSpanIds<S extends SplittableSpan>(spans: readonly S[]): readonly S[] {
  const byId = new Map<string, S[]>();
  for (const s of spans) {
    const group = byId.get(s.spanId);
    if (group) group.push(s);
    else byId.set(s.spanId, [s]);
  }
  const taken = new Set(byId.keys());
  const renamed = new Map<S, string>();
  // Children of a shared id reported by the server's service belong under the server span.
  const moveChildren = new Map<string, Map<string, string>>();
  for (const [id, group] of byId) {
    if (group.length < 2) continue;
    const server = group.find((s) => s.kind === 'server');
    const other = group.find((s) => s !== server);
    if (!server || !other) continue;
    const newId = freshId(id, taken);
    taken.add(newId);
    renamed.set(server, newId);
    const perService = moveChildren.get(id) ?? new Map<string, string>();
    perService.set(server.service, newId);
    moveChildren.set(id, perService);
  }
  if (renamed.size === 0) return spans;
  return spans.map((s) => {
    const newId = renamed.get(s);
    if (newId) return { ...s, spanId: newId, parentSpanId: s.spanId };
    const moved = s.parentSpanId ? moveChildren.get(s.parentSpanId)?.get(s.service) : undefined;
    return moved ? { ...s, parentSpanId: moved } : s;
  });
}

/** A stable new id: the shared id with its bits flipped, nudged until it is unused in the trace. */
function freshId(id: string, taken: ReadonlySet<string>): string {
  let n = BigInt(`0x${id}`) ^ 0xffffffffffffffffn;
  for (;;) {
    const candidate = n.toString(16).padStart(16, '0');
    if (candidate !== '0000000000000000' && !taken.has(candidate)) return candidate;
    n = (n + 1n) & 0xffffffffffffffffn;
  }
}
