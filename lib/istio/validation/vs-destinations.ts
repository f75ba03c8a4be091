import type { PathSegment, SourcedObject } from './model';
import { arr, dig, num, rec, str } from './read';

/** One destination a VirtualService sends traffic to, with where it sits. */
export interface VsDestination {
  host: string;
  subset?: string;
  port?: number;
  hasPort: boolean;
  mirror: boolean;
  path: PathSegment[];
}

/** Every route and mirror destination of a VirtualService (http, tcp, tls). */
export function vsDestinations(vs: SourcedObject): VsDestination[] {
  const spec = rec(vs.object.spec) ?? {};
  const out: VsDestination[] = [];
  const add = (d: unknown, path: PathSegment[], mirror: boolean) => {
    // A route entry without a destination still routes somewhere undefined: report it as an empty host.
    const dest = rec(d) ?? (mirror ? undefined : {});
    if (!dest) return;
    const item: VsDestination = { host: str(dest.host) ?? '', hasPort: rec(dest.port) !== undefined, mirror, path };
    const subset = str(dest.subset);
    if (subset) item.subset = subset;
    const port = num(dig(dest, 'port', 'number'));
    if (port !== undefined) item.port = port;
    out.push(item);
  };
  for (const kind of ['http', 'tcp', 'tls'] as const) {
    arr(spec[kind]).forEach((rule, i) => {
      arr(dig(rule, 'route')).forEach((r, j) => add(dig(r, 'destination'), ['spec', kind, i, 'route', j, 'destination'], false));
      if (kind !== 'http') return;
      add(dig(rule, 'mirror'), ['spec', kind, i, 'mirror'], true);
      arr(dig(rule, 'mirrors')).forEach((m, j) => add(dig(m, 'destination'), ['spec', kind, i, 'mirrors', j, 'destination'], true));
    });
  }
  return out;
}
