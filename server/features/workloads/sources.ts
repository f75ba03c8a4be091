import { KubeConfig } from '@kubernetes/client-node';
import type { Deployment } from '../../../lib/istio/types';
import type { Core } from '../../core';
import { DemoWorkloadsSource } from '../../sources/workloads/demo-source';
import { KubeWorkloadsSource } from '../../sources/workloads/kube-source';
import { WorkloadSourceError, type WorkloadsSource } from '../../sources/workloads/source';
import { HttpError } from '../../http/errors';

/**
 * The pods source for this process: the demo's while it runs, else the Kubernetes API when one is configured,
 * else none (files-only config: workloads are listed from Deployments, without pods, logs or proxies).
 */
export function workloadsSourceFor(core: Core, timeoutMs: number): WorkloadsSource | undefined {
  const demo = core.demo;
  if (demo) {
    return new DemoWorkloadsSource({
      workloads: () => demo.workloads(),
      deployments: () => core.configStore.list({ kinds: ['Deployment'] }).map((o) => o.object as Deployment),
      dataDir: core.config.dataDir,
      startedAt: new Date(core.now()).toISOString(),
      adminTimeoutMs: timeoutMs,
      // The demo's handle lists istiod's /metrics among its scrape targets.
      istiodUrl: () => demo.targets().find((t) => t.endsWith('/metrics'))?.replace(/\/metrics$/, ''),
    });
  }
  if (core.config.kubeconfig || core.config.inCluster) {
    const kc = new KubeConfig();
    if (core.config.kubeconfig) kc.loadFromFile(core.config.kubeconfig);
    else kc.loadFromCluster();
    return new KubeWorkloadsSource({ kubeconfig: kc, timeoutMs });
  }
  return undefined;
}

/** A source failure as the HTTP answer, keeping the API server's message (RBAC's reason included). */
export function sourceErrorToHttp(err: unknown): unknown {
  if (err instanceof WorkloadSourceError) return new HttpError(err.code, err.message);
  return err;
}

export const NO_SOURCE = 'no pods here: Meshlens reads pods, logs and proxies from Kubernetes (--kubeconfig, --in-cluster) or from the demo mesh (--demo)';
