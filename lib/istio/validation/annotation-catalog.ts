/**
 * Istio's resource annotations (istio.io/api annotation package): feature status, whether hidden or deprecated,
 * and the resource kinds each applies to. Kept in code for the annotation analyzers.
 */

export interface AnnotationDef {
  status: 'Alpha' | 'Beta' | 'Stable';
  hidden?: boolean;
  deprecated?: boolean;
  resources: string[];
}

const A = 'Alpha';
const B = 'Beta';
const S = 'Stable';
const pod = ['Pod'];

export const ISTIO_ANNOTATIONS: Record<string, AnnotationDef> = {
  'alpha.istio.io/canonical-serviceaccounts': { status: A, hidden: true, deprecated: true, resources: ['Service'] },
  'alpha.istio.io/kubernetes-serviceaccounts': { status: A, hidden: true, deprecated: true, resources: ['Service'] },
  'ambient.istio.io/bypass-inbound-capture': { status: A, hidden: true, resources: pod },
  'ambient.istio.io/redirection': { status: B, resources: pod },
  'ambient.istio.io/waypoint-inbound-binding': { status: A, hidden: true, resources: ['GatewayClass', 'Gateway'] },
  'galley.istio.io/analyze-suppress': { status: A, resources: ['Any'] },
  'gateway.istio.io/controller-version': { status: A, hidden: true, resources: ['Any'] },
  'gateway.istio.io/name-override': { status: A, hidden: true, resources: ['Gateway'] },
  'gateway.istio.io/service-account': { status: A, hidden: true, resources: ['Gateway'] },
  'inject.istio.io/templates': { status: A, resources: pod },
  'istio.io/autoRegistrationGroup': { status: A, hidden: true, resources: ['WorkloadEntry'] },
  'istio.io/connectedAt': { status: A, hidden: true, resources: ['WorkloadEntry'] },
  'istio.io/disconnectedAt': { status: A, hidden: true, resources: ['WorkloadEntry'] },
  'istio.io/dry-run': { status: A, resources: ['AuthorizationPolicy'] },
  'istio.io/rev': { status: A, resources: pod },
  'istio.io/workloadController': { status: A, hidden: true, resources: ['WorkloadEntry'] },
  'kubernetes.io/ingress.class': { status: S, resources: ['Ingress'] },
  'networking.istio.io/exportTo': { status: A, resources: ['Service'] },
  'networking.istio.io/service-type': { status: A, hidden: true, resources: ['Gateway'] },
  'networking.istio.io/traffic-distribution': { status: A, resources: ['Service', 'ServiceEntry'] },
  'prometheus.istio.io/merge-metrics': { status: A, resources: pod },
  'proxy.istio.io/config': { status: B, resources: pod },
  'proxy.istio.io/overrides': { status: A, hidden: true, resources: pod },
  'readiness.status.sidecar.istio.io/applicationPorts': { status: A, resources: pod },
  'readiness.status.sidecar.istio.io/failureThreshold': { status: A, resources: pod },
  'readiness.status.sidecar.istio.io/initialDelaySeconds': { status: A, resources: pod },
  'readiness.status.sidecar.istio.io/periodSeconds': { status: A, resources: pod },
  'sidecar.istio.io/agentLogLevel': { status: A, resources: pod },
  'sidecar.istio.io/bootstrapOverride': { status: A, resources: pod },
  'sidecar.istio.io/componentLogLevel': { status: A, resources: pod },
  'sidecar.istio.io/discoveryAddress': { status: A, deprecated: true, resources: pod },
  'sidecar.istio.io/enableCoreDump': { status: A, resources: pod },
  'sidecar.istio.io/extraStatTags': { status: A, deprecated: true, resources: pod },
  'sidecar.istio.io/inject': { status: B, deprecated: true, resources: pod },
  'sidecar.istio.io/interceptionMode': { status: A, resources: pod },
  'sidecar.istio.io/logLevel': { status: A, resources: pod },
  'sidecar.istio.io/nativeSidecar': { status: A, resources: pod },
  'sidecar.istio.io/proxyCPU': { status: A, resources: pod },
  'sidecar.istio.io/proxyCPULimit': { status: A, resources: pod },
  'sidecar.istio.io/proxyImage': { status: A, resources: pod },
  'sidecar.istio.io/proxyImageType': { status: A, resources: pod },
  'sidecar.istio.io/proxyMemory': { status: A, resources: pod },
  'sidecar.istio.io/proxyMemoryLimit': { status: A, resources: pod },
  'sidecar.istio.io/rewriteAppHTTPProbers': { status: A, resources: pod },
  'sidecar.istio.io/statsHistogramBuckets': { status: A, resources: pod },
  'sidecar.istio.io/statsInclusionPrefixes': { status: A, deprecated: true, resources: pod },
  'sidecar.istio.io/statsInclusionRegexps': { status: A, deprecated: true, resources: pod },
  'sidecar.istio.io/statsInclusionSuffixes': { status: A, deprecated: true, resources: pod },
  'sidecar.istio.io/status': { status: A, resources: pod },
  'sidecar.istio.io/userVolume': { status: A, resources: pod },
  'sidecar.istio.io/userVolumeMount': { status: A, resources: pod },
  'status.sidecar.istio.io/port': { status: A, resources: pod },
  'topology.istio.io/controlPlaneClusters': { status: A, resources: ['Namespace'] },
  'traffic.istio.io/nodeSelector': { status: S, resources: ['Service'] },
  'traffic.sidecar.istio.io/excludeInboundPorts': { status: A, resources: pod },
  'traffic.sidecar.istio.io/excludeInterfaces': { status: A, resources: pod },
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': { status: A, resources: pod },
  'traffic.sidecar.istio.io/excludeOutboundPorts': { status: A, resources: pod },
  'traffic.sidecar.istio.io/includeInboundPorts': { status: A, resources: pod },
  'traffic.sidecar.istio.io/includeOutboundIPRanges': { status: A, resources: pod },
  'traffic.sidecar.istio.io/includeOutboundPorts': { status: A, resources: pod },
  'traffic.sidecar.istio.io/kubevirtInterfaces': { status: A, resources: pod },
};

/** Whether an annotation key is in Istio's namespace (or the Kubernetes ingress class Istio documents). */
export function isIstioAnnotation(key: string): boolean {
  if (key === 'kubernetes.io/ingress.class') return true;
  const slash = key.indexOf('/');
  return slash !== -1 && key.slice(0, slash).endsWith('istio.io');
}
