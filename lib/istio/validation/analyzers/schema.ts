import { checkIstioObject, istioKinds, schemaPathString } from '../../schema';
import type { Analyzer } from '../analyzer';
import { groupKindOf } from '../snapshot';
import { checkVirtualServiceRoutes } from './vs-unreachable-rules';

/**
 * `schema.ValidationAnalyzer.<Kind>`: each Istio object against its CRD schema (IST0106 with the field path);
 * for VirtualServices also the route checks istiod's validation warns about (IST0130, IST0131).
 */
export const schemaAnalyzers: Analyzer[] = istioKinds().map((gk) => {
  const kind = gk.slice(gk.indexOf('/') + 1);
  return {
    name: `schema.ValidationAnalyzer.${kind}`,
    description: `${kind} objects match the ${gk} CRD schema`,
    run(ctx) {
      for (const s of ctx.snapshot.of(gk)) {
        for (const e of checkIstioObject(s.object) ?? []) ctx.report('SchemaValidationError', s, e.path, [`${schemaPathString(e.path)}: ${e.message}`]);
        if (groupKindOf(s.object) === 'networking.istio.io/VirtualService') checkVirtualServiceRoutes(ctx, s);
      }
    },
  };
});
