import Link from 'next/link';
import type { NodeData } from '@/lib/api/graph';
import { Badge } from '../../ui/Badge';
import { nodeName, type GraphIndex } from '../graph-index';
import { EdgeList } from './EdgeList';
import { healthText, healthTone } from './health-tone';
import { ItemCharts } from './ItemCharts';
import { ItemFigures } from './ItemFigures';
import { configKeyOf } from '../canvas/to-cy-elements';
import { useConfigStatus } from '../../data/use-config-status';

const TYPE_LABEL: Record<NodeData['nodeType'], string> = {
  app: 'App',
  service: 'Service',
  workload: 'Workload',
  unknown: 'Unknown',
  box: 'Group',
};

/** The side panel for a selected node: identity, config badges, traffic by protocol, neighbours, charts. */
export function NodeDetails({ node, index, namespaces, duration, queryTime, onSelect }: { node: NodeData; index: GraphIndex; namespaces: string[]; duration: string; queryTime: number; onSelect: (id: string) => void }) {
  const http = node.traffic?.find((t) => t.protocol === 'http');
  const grpc = node.traffic?.find((t) => t.protocol === 'grpc');
  const tcp = node.traffic?.find((t) => t.protocol === 'tcp');
  const onlyTcp = !!tcp && !http && !grpc;
  const configStatus = useConfigStatus([node.namespace]);
  const config = configStatus?.get(configKeyOf(node) ?? '');
  return (
    <div className="gr-details" data-testid="node-details">
      <header className="gr-details-head">
        <span className="gr-kind">{TYPE_LABEL[node.nodeType]}</span>
        <h2 data-testid="details-title">{nodeName(node)}</h2>
        <div className="gr-badges">
          <Badge tone={onlyTcp ? 'info' : healthTone(node.healthStatus)} title={node.healthReason?.text}>
            {healthText(node.healthStatus, !!tcp)}
          </Badge>
          {node.isOutOfMesh ? <Badge tone="warn">No sidecar</Badge> : null}
          {node.isRoot ? <Badge tone="info">Traffic source</Badge> : null}
          {node.isGateway ? <Badge tone="info">Gateway</Badge> : null}
          {node.isIdle ? <Badge tone="muted">Idle</Badge> : null}
          {node.hasVS ? <Badge>VirtualService</Badge> : null}
          {node.hasTrafficShifting ? <Badge>Traffic shifting</Badge> : null}
          {node.hasRequestRouting ? <Badge>Request routing</Badge> : null}
          {node.hasFaultInjection ? <Badge tone="warn">Fault injection</Badge> : null}
          {node.hasRequestTimeout ? <Badge>Timeout</Badge> : null}
          {node.hasCB ? <Badge>Circuit breaker</Badge> : null}
          {node.hasMirroring ? <Badge>Mirroring</Badge> : null}
          {node.isServiceEntry ? <Badge>ServiceEntry ({node.isServiceEntry.location})</Badge> : null}
          {config && (config.errors > 0 || config.warnings > 0) ? (
            <Link href={`/config?namespaces=${encodeURIComponent(node.namespace)}&status=${config.errors > 0 ? 'errors' : 'warnings'}`} title={config.objects.join(', ')} data-testid="config-validation-badge">
              <Badge tone={config.errors > 0 ? 'err' : 'warn'}>
                {config.errors > 0 ? `Config: ${config.errors} error${config.errors > 1 ? 's' : ''}` : `Config: ${config.warnings} warning${config.warnings > 1 ? 's' : ''}`}
              </Badge>
            </Link>
          ) : null}
        </div>
      </header>
      <dl className="ui-kv">
        <dt>Namespace</dt>
        <dd>{node.namespace}</dd>
        {node.app ? (
          <>
            <dt>App</dt>
            <dd>{node.app}</dd>
          </>
        ) : null}
        {node.version ? (
          <>
            <dt>Version</dt>
            <dd>{node.version}</dd>
          </>
        ) : null}
        {node.workload ? (
          <>
            <dt>Workload</dt>
            <dd className="mono">{node.workload}</dd>
          </>
        ) : null}
        {node.service ? (
          <>
            <dt>Service</dt>
            <dd className="mono">{node.service}</dd>
          </>
        ) : null}
        <dt>Cluster</dt>
        <dd>{node.cluster}</dd>
      </dl>
      {node.nodeType !== 'box' ? <ItemFigures key={node.id} id={node.id} namespaces={namespaces} duration={duration} queryTime={queryTime} /> : null}
      {serviceName(node) ? (
        <Link className="ui-btn gr-traces-link" href={`/services/${encodeURIComponent(node.namespace)}/${encodeURIComponent(serviceName(node) as string)}`}>
          Service {serviceName(node)}: metrics and traffic shifting →
        </Link>
      ) : null}
      {node.workload && node.nodeType !== 'box' && node.nodeType !== 'unknown' && !node.isServiceEntry ? (
        <Link className="ui-btn gr-traces-link" href={`/workloads/${encodeURIComponent(node.namespace)}/${encodeURIComponent(node.workload)}`} data-testid="workload-link">
          Workload {node.workload}: pods, logs and Envoy config →
        </Link>
      ) : null}
      {tracesService(node) ? (
        <Link className="ui-btn gr-traces-link" href={`/traces?service=${encodeURIComponent(tracesService(node) as string)}`}>
          Traces of {tracesService(node)} →
        </Link>
      ) : null}
      <EdgeList title="Called by" edges={index.inbound.get(node.id)} index={index} side="source" onSelect={onSelect} />
      <EdgeList title="Calls" edges={index.outbound.get(node.id)} index={index} side="target" onSelect={onSelect} />
      {node.nodeType !== 'box' ? <ItemCharts key={node.id} id={node.id} kind="node" duration={duration} tcp={onlyTcp} /> : null}
    </div>
  );
}

/** Istio's tracing service name for a node: `<app or service>.<namespace>` (what Envoy reports to Zipkin). */
function tracesService(n: NodeData): string | undefined {
  const name = n.nodeType === 'service' ? n.service : n.app;
  return name && n.nodeType !== 'unknown' ? `${name}.${n.namespace}` : undefined;
}

/** The Kubernetes service behind a node: itself for service nodes, else the one its callers requested. */
function serviceName(n: NodeData): string | undefined {
  if (n.nodeType === 'service') return n.isServiceEntry ? undefined : n.service;
  if (n.nodeType === 'unknown' || n.nodeType === 'box') return undefined;
  return n.destServices?.find((s) => s.namespace === n.namespace)?.name;
}
