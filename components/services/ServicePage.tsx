'use client';

import Link from 'next/link';
import { ApiError } from '../data/api-client';
import { useIstioObject } from '../data/use-istio-config';
import { useServiceTraffic } from '../data/use-service-traffic';
import { useServiceTrafficFigures } from '../data/use-traffic-figures';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { CanaryPanel } from './CanaryPanel';
import { ChangesPanel } from './ChangesPanel';
import { HealthStrip } from './HealthStrip';
import { RoutingSummary } from './RoutingSummary';
import { ServiceMetrics } from './ServiceMetrics';
import { ServicePicker } from './ServicePicker';
import { ToolBody } from './ToolBody';
import { TrafficTools } from './TrafficTools';
import { useNow } from './use-now';
import { useSeenVersions } from './use-seen-versions';
import { useServiceUrlState } from './use-service-url-state';
import { versionTraffic } from './version-stats';

/** The live window is short: people watch a shift land within seconds. */
const LIVE_POLL_MS = 3_000;
const API_VERSION = 'networking.istio.io/v1';

/** `/services/{ns}/{name}`: health, metrics per version, routing in words, traffic tools, canary, changes. */
export function ServicePage({ namespace, service }: { namespace: string; service: string }) {
  const [view, update] = useServiceUrlState();
  const now = useNow();
  const traffic = useServiceTraffic(namespace, service);
  const t = traffic.data;
  const vsName = t?.virtualService;
  const drName = t?.destinationRule;
  const vs = useIstioObject(vsName ? { namespace, apiVersion: API_VERSION, kind: 'VirtualService', name: vsName } : undefined);
  const dr = useIstioObject(drName ? { namespace, apiVersion: API_VERSION, kind: 'DestinationRule', name: drName } : undefined);
  // Every figure on the page comes from the service traffic endpoint (lib/traffic), over the live window.
  const figures = useServiceTrafficFigures(namespace, service, view.window, LIVE_POLL_MS);
  const live = versionTraffic(figures.data);
  const charted = useSeenVersions(live);
  const header = <PageHeader title={service} description={<>Service in <span className="mono">{namespace}</span>: health, traffic per version, routing rules and traffic management.</>} actions={<ServicePicker namespace={namespace} service={service} />} />;

  if (traffic.isPending) {
    return (
      <div className="page">
        {header}
        <LoadingState label="Loading service…" />
      </div>
    );
  }
  if (traffic.error || !t) {
    const missing = traffic.error instanceof ApiError && traffic.error.status === 404;
    return (
      <div className="page">
        {header}
        {missing ? (
          <EmptyState title={`No service ${service} in ${namespace}`} detail="Pick another one above, or find it on the graph." actions={<Link href={`/graph?namespaces=${encodeURIComponent(namespace)}`}>Open the graph</Link>} />
        ) : (
          <ErrorState error={traffic.error} onRetry={() => void traffic.refetch()} />
        )}
      </div>
    );
  }
  const objectsLoading = (vsName !== undefined && vs.isPending) || (drName !== undefined && dr.isPending);
  const objectsError = vs.error ?? dr.error;
  return (
    <div className="page sv-page">
      {header}
      {figures.data ? (
        <HealthStrip figures={figures.data} window={view.window} versionCount={t.versions.length} />
      ) : figures.error ? (
        <ErrorState compact error={figures.error} onRetry={() => void figures.refetch()} />
      ) : (
        <LoadingState compact label="Loading traffic…" />
      )}
      <div className="sv-main">
        <div className="sv-col">
          <TrafficTools tool={view.tool} onTool={(tool) => update({ tool })}>
            {objectsLoading ? (
              <LoadingState compact label="Loading the service's rules…" />
            ) : objectsError ? (
              <ErrorState compact error={objectsError} onRetry={() => { void vs.refetch(); void dr.refetch(); }} />
            ) : (
              <ToolBody tool={view.tool} traffic={t} live={live} {...(vs.data ? { virtualService: vs.data } : {})} {...(dr.data ? { destinationRule: dr.data } : {})} />
            )}
          </TrafficTools>
        </div>
        <div className="sv-col sv-col-side">
          <CanaryPanel traffic={t} live={live} figures={figures.data} window={view.window} chosen={{ ...(view.baseline ? { baseline: view.baseline } : {}), ...(view.canary ? { canary: view.canary } : {}) }} thresholds={view.thresholds} onView={update} />
          <RoutingSummary namespace={namespace} {...(vs.data ? { virtualService: vs.data.object } : {})} {...(dr.data ? { destinationRule: dr.data.object } : {})} />
          <ChangesPanel namespace={namespace} virtualService={vsName ?? service} destinationRule={drName ?? service} now={now} />
        </div>
      </div>
      <ServiceMetrics versions={charted} range={view.range} onRange={(range) => update({ range })} />
    </div>
  );
}
