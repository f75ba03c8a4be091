import type { AnalysisContext } from '../context';
import type { SourcedObject } from '../model';
import { arr, dig, rec, str } from '../read';

/**
 * Route rules no request can reach (IST0130) and matches shadowed by an earlier identical match, or for HTTP by
 * an earlier URI prefix match that is no more specific in its other conditions (IST0131). Run by the
 * VirtualService schema analyzer, as istiod's validation reports these as warnings.
 */
export function checkVirtualServiceRoutes(ctx: AnalysisContext, vs: SourcedObject): void {
  const spec = rec(vs.object.spec) ?? {};
  for (const kind of ['http', 'tcp', 'tls'] as const) {
    const rules = arr(spec[kind]);
    const seen = new Map<string, number>();
    const prefixes: { prefix: string; rest: Record<string, unknown>; rule: number }[] = [];
    let emptySeen = false;
    rules.forEach((rule, r) => {
      if (!rec(rule)) return;
      const matches = arr(dig(rule, 'match'));
      const ruleName = nameOf(rule, r);
      if (matches.length === 0) {
        if (emptySeen) ctx.report('VirtualServiceUnreachableRule', vs, ['spec', kind, r], [ruleName, 'only the last rule can have no matches']);
        emptySeen = true;
        return;
      }
      let duplicates = 0;
      matches.forEach((m, i) => {
        const match = { ...(rec(m) ?? {}) };
        delete match.name;
        const key = canonical(match);
        const matchName = str(dig(m, 'name')) ?? String(i);
        const dup = seen.get(key);
        if (dup !== undefined) {
          ctx.report('VirtualServiceIneffectiveMatch', vs, ['spec', kind, r, 'match', i], [ruleName, matchName, nameOf(rules[dup], dup)]);
          duplicates++;
        } else if (kind === 'http') {
          const shadow = shadowingPrefix(match, prefixes);
          if (shadow !== undefined) ctx.report('VirtualServiceIneffectiveMatch', vs, ['spec', kind, r, 'match', i], [ruleName, matchName, nameOf(rules[shadow], shadow)]);
        }
        seen.set(key, r);
        const prefix = str(dig(match, 'uri', 'prefix'));
        if (kind === 'http' && prefix !== undefined) {
          const rest = { ...match };
          delete rest.uri;
          prefixes.push({ prefix, rest, rule: r });
        }
      });
      if (duplicates === matches.length) ctx.report('VirtualServiceUnreachableRule', vs, ['spec', kind, r], [ruleName, 'all matches used by prior rules']);
    });
  }
}

/** The rule index of an earlier prefix match covering this one (its prefix a prefix of ours, its other conditions a subset). */
function shadowingPrefix(match: Record<string, unknown>, earlier: { prefix: string; rest: Record<string, unknown>; rule: number }[]): number | undefined {
  const prefix = str(dig(match, 'uri', 'prefix'));
  if (prefix === undefined) return undefined;
  for (const e of earlier) {
    if (!prefix.startsWith(e.prefix)) continue;
    if (Object.entries(e.rest).every(([k, v]) => canonical(v) === canonical(match[k]))) return e.rule;
  }
  return undefined;
}

function nameOf(rule: unknown, index: number): string {
  return str(dig(rule, 'name')) ?? String(index);
}

/** JSON with sorted keys, so equal matches compare equal whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
