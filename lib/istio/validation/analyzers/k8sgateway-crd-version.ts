import type { Analyzer } from '../analyzer';
import { annotationsOf } from '../read';
import { GK } from '../snapshot';

/**
 * Minimum Gateway API bundle versions current Istio processes; older CRDs are ignored by istiod's CRD watcher.
 * TLSRoute needs the v1 API introduced in Gateway API v1.5.
 */
const MINIMUM: Record<string, [number, number, number]> = {
  'gatewayclasses.gateway.networking.k8s.io': [1, 4, 0],
  'gateways.gateway.networking.k8s.io': [1, 4, 0],
  'httproutes.gateway.networking.k8s.io': [1, 4, 0],
  'grpcroutes.gateway.networking.k8s.io': [1, 4, 0],
  'referencegrants.gateway.networking.k8s.io': [1, 4, 0],
  'backendtlspolicies.gateway.networking.k8s.io': [1, 4, 0],
  'tlsroutes.gateway.networking.k8s.io': [1, 5, 0],
};

/** Gateway API CRDs installed below the version Istio requires (IST0176). */
export const k8sGatewayCrdVersionAnalyzer: Analyzer = {
  name: 'k8sgateway.CRDVersionAnalyzer',
  description: 'Gateway API CRDs meet the minimum version',
  run(ctx) {
    for (const crd of ctx.snapshot.of(GK.CustomResourceDefinition)) {
      const name = crd.object.metadata.name;
      const min = MINIMUM[name];
      const bv = annotationsOf(crd.object)['gateway.networking.k8s.io/bundle-version'];
      if (!min || !bv) continue;
      const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(bv);
      if (!m) continue;
      const have = [Number(m[1]), Number(m[2]), Number(m[3])];
      const below = have[0] !== min[0] ? (have[0] ?? 0) < min[0] : have[1] !== min[1] ? (have[1] ?? 0) < min[1] : (have[2] ?? 0) < min[2];
      if (below) ctx.report('GatewayAPICRDVersionBelowMinimum', crd, ['metadata', 'annotations'], [name, bv.replace(/^v/, ''), min.join('.')]);
    }
  },
};
