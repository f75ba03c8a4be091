import { HttpError } from '../http/errors';
import type { ConfigHistory } from '../stores/history/journal';
import type { Principal } from './types';

/** What visibility needs to know: may `p` see namespace `ns`? */
export type CanSee = (p: Principal, ns: string) => Promise<boolean>;

/** Narrows one answer body to what the caller may see. */
export type AnswerFilter = (body: unknown) => Promise<unknown>;

/** A trace as the Jaeger API answers it (only the parts visibility reads). */
interface JaegerTraceShape {
  traceID?: string;
  spans?: { processID?: string }[];
  processes?: Record<string, { serviceName?: string }>;
  warnings?: string[] | null;
}

/**
 * Traces cross namespaces: spans of services in namespaces the caller may not see are cut out (with their
 * processes), and the trace says how many were hidden. A trace with nothing visible is left out of a search, and
 * asked for by id it is a 404, as if it did not exist.
 */
function traceFilter(byId: boolean, serviceVisible: (serviceName: string) => Promise<boolean>): AnswerFilter {
  return async (body) => {
    const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
    if (!Array.isArray(data)) return body;
    const seen = new Map<string, Promise<boolean>>();
    const visible = (name: string) => seen.get(name) ?? (seen.set(name, serviceVisible(name)), seen.get(name) as Promise<boolean>);
    const kept: JaegerTraceShape[] = [];
    for (const t of data as JaegerTraceShape[]) {
      const processes = t.processes ?? {};
      const hiddenProcesses = new Set<string>();
      for (const [pid, p] of Object.entries(processes)) if (!(await visible(p.serviceName ?? ''))) hiddenProcesses.add(pid);
      if (hiddenProcesses.size === 0) {
        kept.push(t);
        continue;
      }
      const spans = (t.spans ?? []).filter((s) => !hiddenProcesses.has(s.processID ?? ''));
      if (spans.length === 0) continue;
      const cut = (t.spans?.length ?? 0) - spans.length;
      kept.push({
        ...t,
        spans,
        processes: Object.fromEntries(Object.entries(processes).filter(([pid]) => !hiddenProcesses.has(pid))),
        warnings: [...(t.warnings ?? []), `${cut} span${cut === 1 ? '' : 's'} from namespaces you may not see ${cut === 1 ? 'is' : 'are'} hidden`],
      });
    }
    if (byId && kept.length === 0 && data.length > 0) {
      const id = (data[0] as JaegerTraceShape).traceID ?? '';
      throw new HttpError('not_found', `trace ${id} not found`);
    }
    return { ...(body as object), data: kept, total: kept.length };
  };
}

const hidden = (ns: string) => new HttpError('not_found', `no namespace ${JSON.stringify(ns)} (or you may not see it)`);

/**
 * Hides namespaces a user may not list, centrally: a path naming one answers 404 (as if it did not exist), a
 * `namespaces=` filter keeps only visible ones, and the list answers (namespaces, overview, config, history, trace
 * services) drop what belongs to hidden ones. Returns the filter for the answer, if the route has one.
 */
export async function applyVisibility(
  p: Principal,
  route: string,
  params: Record<string, string>,
  url: URL,
  canSee: CanSee,
  ctx: { history?: ConfigHistory; knownNamespaces: () => string[] },
): Promise<AnswerFilter | undefined> {
  const see = (ns: string | undefined) => (ns ? canSee(p, ns) : Promise.resolve(true));
  if (params.ns !== undefined && !(await see(params.ns))) throw hidden(params.ns);
  const asked = url.searchParams.get('namespaces');
  if (asked !== null) {
    const names = asked.split(',').map((s) => s.trim()).filter(Boolean);
    const visible = (await Promise.all(names.map(async (n) => ((await see(n)) ? n : undefined)))).filter((n): n is string => n !== undefined);
    if (names.length > 0 && visible.length === 0) throw hidden(names[0] as string);
    url.searchParams.set('namespaces', visible.join(','));
  }
  // Trace services are named `<service>.<namespace>` by Istio; only suffixes that are real namespaces count.
  const known = new Set(ctx.knownNamespaces());
  const serviceNs = (name: string) => {
    const ns = name.slice(name.lastIndexOf('.') + 1);
    return name.includes('.') && known.has(ns) ? ns : undefined;
  };
  for (const service of [params.service, route.startsWith('/api/traces') || route.startsWith('/api/services') ? url.searchParams.get('service') : null]) {
    const ns = service ? serviceNs(service) : undefined;
    if (route !== '/api/namespaces/:ns/services/:service/traffic-shift' && ns && !(await see(ns))) throw hidden(ns);
  }
  if (route === '/api/metrics/graph-item') {
    // Ids are `kind:cluster:namespace:name` (nodes) or `source>target>protocol` (edges): an edge shows when one end does.
    const ends = (url.searchParams.get('id') ?? '').split('>').slice(0, 2).map((id) => id.split(':')[2]);
    const seen = await Promise.all(ends.map((ns) => see(ns)));
    if (!seen.some(Boolean)) throw hidden(ends.find((ns) => ns) ?? '');
  }
  if (route.startsWith('/api/istio/history/:id')) {
    const e = ctx.history?.get(Number(params.id));
    if (e && !(await see(e.namespace))) throw new HttpError('not_found', `no history entry ${JSON.stringify(params.id)}`);
  }
  // An item naming several namespaces shows only when the caller may see every one of them.
  const keep = async <T>(items: T[], nsOf: (t: T) => string | undefined | (string | undefined)[]): Promise<T[]> => {
    const seeAll = async (ns: string | undefined | (string | undefined)[]) => (typeof ns === 'object' ? (await Promise.all(ns.map(see))).every(Boolean) : see(ns));
    const ok = await Promise.all(items.map((i) => seeAll(nsOf(i))));
    return items.filter((_, i) => ok[i]);
  };
  const field = (o: unknown, k: string): unknown => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const onList = (key: string | undefined, nsOf: (item: unknown) => string | undefined | (string | undefined)[]): AnswerFilter => async (body) => {
    const list = key === undefined ? body : field(body, key);
    if (!Array.isArray(list)) return body;
    const kept = await keep(list as unknown[], nsOf);
    if (key === undefined) return kept;
    // Jaeger's envelopes count their data: the count follows what is kept.
    return typeof field(body, 'total') === 'number' ? { ...(body as object), [key]: kept, total: kept.length } : { ...(body as object), [key]: kept };
  };
  switch (route) {
    case '/api/namespaces':
      return onList(undefined, (n) => str(field(n, 'name')));
    case '/api/overview':
      return onList('namespaces', (n) => str(field(n, 'name')));
    case '/api/istio/config':
      return onList('items', (i) => str(field(field(field(i, 'object'), 'metadata'), 'namespace')));
    case '/api/istio/history':
      return onList('entries', (e) => str(field(e, 'namespace')));
    case '/api/services':
      return onList('data', (s) => serviceNs(str(s) ?? ''));
    case '/api/dependencies':
      // A call between services shows only when the caller may see both ends (services `<service>.<namespace>`).
      return onList('data', (l) => [serviceNs(str(field(l, 'parent')) ?? ''), serviceNs(str(field(l, 'child')) ?? '')]);
    case '/api/traces':
    case '/api/traces/:traceID':
      return traceFilter(route === '/api/traces/:traceID', (name) => {
        const ns = serviceNs(name);
        return ns === undefined ? Promise.resolve(true) : see(ns);
      });
    default:
      return undefined;
  }
}
