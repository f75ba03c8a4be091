import type { Analyzer } from '../analyzer';
import { arr, dig, num, rec, str } from '../read';
import { GK } from '../snapshot';

const ROUTE_LEVEL = new Set(['ROUTE_CONFIGURATION', 'HTTP_ROUTE']);
// Current Istio also replaces whole virtual hosts by name.
const REPLACEABLE = new Set(['NETWORK_FILTER', 'HTTP_FILTER', 'VIRTUAL_HOST']);

/**
 * EnvoyFilter patches: ADD/REMOVE are ignored on route-level targets (IST0153/IST0154), REPLACE only works on
 * filters and virtual hosts (IST0152), and relative operations without a priority depend on filter order (IST0151), worse when
 * another proxyVersion-scoped patch touches the same filter (IST0155).
 */
export const envoyPatchAnalyzer: Analyzer = {
  name: 'envoyfilter.EnvoyPatchAnalyzer',
  description: 'EnvoyFilter patch operations that are ignored or order-dependent',
  run(ctx) {
    // Names of filters patched under a proxyVersion match, across all EnvoyFilters seen so far.
    const versioned: string[] = [];
    for (const ef of ctx.snapshot.of(GK.EnvoyFilter)) {
      const spec = rec(ef.object.spec) ?? {};
      const priority = num(spec.priority) ?? 0;
      const patches = arr(spec.configPatches);
      for (let i = 0; i < patches.length; i++) {
        const p = patches[i];
        const patch = rec(dig(p, 'patch'));
        if (!patch) break;
        const path = ['spec', 'configPatches', i];
        const value = rec(patch.value);
        let name = '';
        if (value) name = value.name !== undefined ? String(value.name) : (str(dig(p, 'match', 'listener', 'filterChain', 'filter', 'name')) ?? '');
        const applyTo = str(dig(p, 'applyTo')) ?? '';
        const relative = () => {
          if (priority !== 0) return;
          ctx.report(versioned.includes(name) ? 'EnvoyFilterUsesRelativeOperationWithProxyVersion' : 'EnvoyFilterUsesRelativeOperation', ef, path, []);
        };
        switch (patch.operation) {
          case 'ADD':
            if (ROUTE_LEVEL.has(applyTo)) ctx.report('EnvoyFilterUsesAddOperationIncorrectly', ef, path, []);
            break;
          case 'REMOVE':
            if (ROUTE_LEVEL.has(applyTo)) ctx.report('EnvoyFilterUsesRemoveOperationIncorrectly', ef, path, []);
            else relative();
            break;
          case 'REPLACE':
            if (!REPLACEABLE.has(applyTo)) ctx.report('EnvoyFilterUsesReplaceOperationIncorrectly', ef, path, []);
            else relative();
            break;
          case 'INSERT_BEFORE':
          case 'INSERT_AFTER':
            relative();
            break;
        }
        if (str(dig(p, 'match', 'proxy', 'proxyVersion'))) versioned.push(name);
      }
    }
  },
};
