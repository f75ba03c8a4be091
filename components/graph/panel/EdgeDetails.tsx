import type { EdgeData } from '@/lib/api/graph';
import { Badge } from '../../ui/Badge';
import { formatBytesRate, formatLatency, formatPercent, formatRate } from '../../ui/format';
import { edgePercentErr, edgePercentReq, edgeRate } from '../canvas/to-cy-elements';
import { nodeName, type GraphIndex } from '../graph-index';
import { healthText, healthTone } from './health-tone';
import { ItemCharts } from './ItemCharts';
import { ItemFigures } from './ItemFigures';
import { ResponsesTable } from './ResponsesTable';

/** The side panel for a selected edge: both ends, rate, share, errors, latency, mTLS, codes, charts. */
export function EdgeDetails({ edge, index, namespaces, duration, queryTime, onSelect }: { edge: EdgeData; index: GraphIndex; namespaces: string[]; duration: string; queryTime: number; onSelect: (id: string) => void }) {
  const rate = edgeRate(edge);
  const tcp = edge.traffic.protocol === 'tcp';
  const mtls = edge.isMTLS ?? 0;
  return (
    <div className="gr-details" data-testid="edge-details">
      <header className="gr-details-head">
        <span className="gr-kind">Edge · {edge.traffic.protocol.toUpperCase()}</span>
        <h2 data-testid="details-title" className="gr-edge-title">
          <button type="button" className="gr-link" onClick={() => onSelect(edge.source)}>
            {nodeName(index.nodes.get(edge.source))}
          </button>
          <span aria-label="to"> → </span>
          <button type="button" className="gr-link" onClick={() => onSelect(edge.target)}>
            {nodeName(index.nodes.get(edge.target))}
          </button>
        </h2>
        <div className="gr-badges">
          <Badge tone={tcp ? 'info' : healthTone(edge.healthStatus)} title={edge.healthReason?.text}>
            {healthText(edge.healthStatus, tcp)}
          </Badge>
          <Badge tone={mtls >= 100 ? 'ok' : mtls > 0 ? 'warn' : 'muted'} title="Share of this edge's traffic over mutual TLS">
            {mtls >= 100 ? 'mTLS' : mtls > 0 ? `mTLS ${formatPercent(mtls)}` : 'plaintext'}
          </Badge>
        </div>
      </header>
      <dl className="ui-kv gr-edge-kv">
        <dt>{tcp ? 'Throughput' : 'Request rate'}</dt>
        <dd data-testid="edge-rate" className="gr-big">
          {tcp ? formatBytesRate(rate) : `${formatRate(rate)} rps`}
        </dd>
        {!tcp ? (
          <>
            <dt>Of source&apos;s requests</dt>
            <dd data-testid="edge-percent">{formatPercent(edgePercentReq(edge))}</dd>
            <dt>Errors</dt>
            <dd data-testid="edge-errors">{formatPercent(edgePercentErr(edge) ?? 0)}</dd>
            <dt>Response time (p95)</dt>
            <dd data-testid="edge-rt">{formatLatency(edge.responseTime)}</dd>
            {edge.throughput !== undefined ? (
              <>
                <dt>Body throughput</dt>
                <dd>{formatBytesRate(edge.throughput)}</dd>
              </>
            ) : null}
          </>
        ) : null}
        {edge.sourcePrincipal ? (
          <>
            <dt>Source principal</dt>
            <dd className="mono">{edge.sourcePrincipal}</dd>
          </>
        ) : null}
        {edge.destPrincipal ? (
          <>
            <dt>Dest. principal</dt>
            <dd className="mono">{edge.destPrincipal}</dd>
          </>
        ) : null}
      </dl>
      <ItemFigures key={edge.id} id={edge.id} namespaces={namespaces} duration={duration} queryTime={queryTime} />
      <ResponsesTable responses={edge.traffic.responses} />
      <ItemCharts key={edge.id} id={edge.id} kind="edge" duration={duration} tcp={tcp} />
    </div>
  );
}
