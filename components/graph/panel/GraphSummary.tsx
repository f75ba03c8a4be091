import type { GraphResponse } from '@/lib/api/graph';
import { formatBytesRate, formatPercent, formatRate } from '../../ui/format';
import { graphTotals } from '../graph-index';
import { useOverviewTraffic } from '../../data/use-traffic-figures';

/** What the side panel shows with nothing selected: the graph in numbers. */
export function GraphSummary({ graph, namespaces }: { graph: GraphResponse; namespaces: string[] }) {
  const t = graphTotals(graph);
  // lib/traffic's per-namespace figures: requests counted once per hop, and entry requests, said apart.
  const figures = useOverviewTraffic(namespaces, `${graph.duration}s`);
  const byType = new Map<string, number>();
  for (const { data } of graph.elements.nodes) byType.set(data.nodeType, (byType.get(data.nodeType) ?? 0) + 1);
  return (
    <div className="gr-details" data-testid="graph-summary">
      <header className="gr-details-head">
        <span className="gr-kind">Graph</span>
        <h2>{namespaces.join(', ')}</h2>
      </header>
      <dl className="ui-kv">
        <dt>Nodes</dt>
        <dd>
          {graph.elements.nodes.length}{' '}
          {byType.size > 0 ? (
            <span className="gr-faint">({[...byType].map(([k, v]) => `${v} ${k}`).join(', ')})</span>
          ) : null}
        </dd>
        <dt>Edges</dt>
        <dd>{graph.elements.edges.length}</dd>
        {(figures.data?.namespaces ?? []).map((n) => (
          <div key={n.namespace} className="gr-kv-group" data-testid={`summary-ns-${n.namespace}`}>
            <dt>{n.namespace}</dt>
            <dd title="Received at every hop (each request once per hop) · entering from outside the namespace · sent">
              {formatRate(n.inbound.requests.rate)} rps in · {formatRate(n.entry.rate)} entry · {formatRate(n.outbound.requests.rate)} out
            </dd>
          </div>
        ))}
        <dt title="Summed over every drawn edge: with service nodes a request counts on caller → service and on service → workload">On edges (HTTP/gRPC)</dt>
        <dd>{formatRate(t.requestRate)} rps</dd>
        <dt>Errors</dt>
        <dd>{t.requestRate > 0 ? formatPercent((t.errorRate / t.requestRate) * 100) : '—'}</dd>
        <dt>TCP</dt>
        <dd>{formatBytesRate(t.tcpRate)}</dd>
        <dt>mTLS</dt>
        <dd>{formatPercent(t.mtlsShare)}</dd>
        <dt>Unhealthy nodes</dt>
        <dd>{t.unhealthyNodes}</dd>
      </dl>
      <p className="gr-hint">Select a node or edge (click, or use the element list) to see its traffic and charts.</p>
    </div>
  );
}
