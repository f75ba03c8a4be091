import type { Analyzer } from '../analyzer';
import type { SourcedObject } from '../model';
import { arr, dig, num, rec, str } from '../read';
import { exportsToAll } from '../service-registry';
import { GK, nsOf } from '../snapshot';

/**
 * ServiceEntries visible in the same scope that declare one host and port with different protocols make
 * the listener's protocol depend on which entry wins (IST0177, Kiali KIA1212).
 */
export const conflictingServiceEntryProtocolAnalyzer: Analyzer = {
  name: 'serviceentry.ConflictingServiceEntryProtocolAnalyzer',
  description: 'ServiceEntries disagree on the protocol of a host and port',
  run(ctx) {
    const index = new Map<string, { scope: string; host: string; port: number; entries: { protocol: string; se: SourcedObject }[] }>();
    for (const se of ctx.snapshot.of(GK.ServiceEntry)) {
      const spec = rec(se.object.spec) ?? {};
      const ns = nsOf(se);
      const exportTo = arr(spec.exportTo);
      const scopes = exportsToAll(exportTo) ? ['*'] : [...new Set(exportTo.map((e) => (e === '.' ? ns : String(e))))];
      for (const scope of scopes)
        for (const host of arr(spec.hosts).filter((h): h is string => typeof h === 'string'))
          for (const p of arr(spec.ports)) {
            const port = num(dig(p, 'number')) ?? 0;
            const k = `${scope}|${host}|${port}`;
            let e = index.get(k);
            if (!e) index.set(k, (e = { scope, host, port, entries: [] }));
            e.entries.push({ protocol: (str(dig(p, 'protocol')) ?? '').toUpperCase(), se });
          }
    }
    const reported = new Set<SourcedObject>();
    for (const { scope, host, port, entries } of index.values()) {
      const all = scope === '*' ? entries : [...entries, ...(index.get(`*|${host}|${port}`)?.entries ?? [])];
      const protocols = [...new Set(all.map((e) => e.protocol))].sort();
      if (protocols.length < 2) continue;
      const names = [...new Set(all.map((e) => fullName(e.se)))].sort().join(', ');
      for (const e of all) {
        if (reported.has(e.se)) continue;
        reported.add(e.se);
        ctx.report('ConflictingServiceEntryProtocol', e.se, ['metadata', 'name'], [names, host, port, protocols.join(', ')], ['KIA1212']);
      }
    }
  },
};

function fullName(s: SourcedObject): string {
  const ns = nsOf(s);
  return ns ? `${ns}/${s.object.metadata.name}` : s.object.metadata.name;
}
