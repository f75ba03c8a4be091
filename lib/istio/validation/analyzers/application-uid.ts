import type { Analyzer } from '../analyzer';
import { isControlPlane } from '../workloads';
import { arr, dig, num, str } from '../read';
import { GK } from '../snapshot';
import type { PathSegment, SourcedObject } from '../model';

const PROXY_UID = 1337;
const PROXY_CONTAINERS = new Set(['istio-proxy', 'istio-operator']);

/** Application containers must not run as UID 1337: the sidecar's iptables rules exempt that UID (IST0144). */
export const applicationUidAnalyzer: Analyzer = {
  name: 'applicationUID.Analyzer',
  description: 'Application containers running as the proxy UID 1337',
  run(ctx) {
    const check = (o: SourcedObject, podSpecPath: PathSegment[]) => {
      if (isControlPlane(o.object)) return;
      const spec = dig(o.object, ...podSpecPath);
      if (num(dig(spec, 'securityContext', 'runAsUser')) === PROXY_UID) ctx.report('InvalidApplicationUID', o, [...podSpecPath, 'securityContext', 'runAsUser'], []);
      arr(dig(spec, 'containers')).forEach((c, i) => {
        if (PROXY_CONTAINERS.has(str(dig(c, 'name')) ?? '')) return;
        if (num(dig(c, 'securityContext', 'runAsUser')) === PROXY_UID) ctx.report('InvalidApplicationUID', o, [...podSpecPath, 'containers', i, 'securityContext', 'runAsUser'], []);
      });
    };
    for (const pod of ctx.snapshot.of(GK.Pod)) check(pod, ['spec']);
    for (const d of ctx.snapshot.of(GK.Deployment)) check(d, ['spec', 'template', 'spec']);
  },
};
