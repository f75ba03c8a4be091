import { WORKLOADS_LIMITS } from '../../lib/limits/workloads';
import type { Feature } from '../core';
import { workloadRoutes } from './workloads/routes';
import { workloadsSourceFor } from './workloads/sources';

/** Workloads, applications, pod logs and Envoy config (Kiali's paths), from the demo or the Kubernetes API. */
export const workloadsFeature: Feature = {
  name: 'workloads',
  async start(core) {
    const limits = core.config.limits?.workloads ?? WORKLOADS_LIMITS;
    const source = workloadsSourceFor(core, limits.upstreamTimeoutMs);
    return { routes: workloadRoutes(core, source, limits), status: () => ({ source: source?.kind ?? 'none' }) };
  },
};
