import type { Pod, WorkloadDetail, WorkloadItem } from '../../../lib/api/workloads';

/** Info and advice about a workload's proxy: start-up ordering and resource settings. */
export function proxyNotes(w: WorkloadItem, pods: Pod[]): WorkloadDetail['notes'] {
  const notes: WorkloadDetail['notes'] = [];
  const withProxy = pods.filter((p) => p.sidecar);
  if (withProxy.length === 0) return notes;
  if (withProxy.every((p) => p.holdApplicationUntilProxyStarts !== true)) {
    notes.push({ level: 'Info', message: `holdApplicationUntilProxyStarts is not set on ${w.name}: if the app calls out as soon as it starts, those first calls can fail until istio-proxy is ready (set it in proxy.istio.io/config or meshConfig.defaultConfig)` });
  }
  const proxy = withProxy[0]?.containers.find((c) => c.name === 'istio-proxy');
  if (proxy && !proxy.resources?.requests) notes.push({ level: 'Info', message: 'istio-proxy has no resource requests here: the scheduler cannot account for the sidecar' });
  return notes;
}
