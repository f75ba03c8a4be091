'use client';

import type { ServiceTraffic } from '@/lib/api/traffic';
import type { ServiceTrafficFigures } from '@/lib/api/traffic-figures';
import type { CanaryVerdict, CanaryVerdictKind } from '@/lib/istio/traffic/canary-verdict';
import { useTrafficShift } from '../data/use-service-traffic';
import { Badge, type Tone } from '../ui/Badge';
import { Button } from '../ui/Button';
import { formatLatency, formatPercent, formatRate } from '../ui/format';
import { Panel } from '../ui/Panel';
import { Select } from '../ui/Select';
import { canaryView, pickPair } from './canary-model';
import { mayStepUp, type CanaryKnobs } from './canary-verdict-adapter';
import { unservedText } from './HealthStrip';
import { CanaryThresholdsForm } from './CanaryThresholdsForm';
import { CANARY_WINDOWS, type CanaryWindow } from './service-url-state';
import type { VersionTraffic } from './version-stats';
import { currentWeights, describeWeights } from './weights-model';

const VERDICT: Record<CanaryVerdictKind, { tone: Tone; label: string }> = {
  healthy: { tone: 'ok', label: 'Healthy' },
  inconclusive: { tone: 'warn', label: 'Inconclusive' },
  failing: { tone: 'err', label: 'Failing' },
  'not-enough-data': { tone: 'muted', label: 'Not enough data' },
};

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

/** The evidence row under the table: the tests' estimates with their intervals and p-values. */
function Evidence({ v }: { v: CanaryVerdict }) {
  const d = v.success.difference;
  const r = v.latency.ratio;
  const conf = Math.round(v.confidence * 100);
  const parts: string[] = [];
  if (Number.isFinite(d.estimate)) parts.push(`success ${pct(d.estimate)} pts (${conf}% CI ${pct(d.low)} to ${pct(d.high)}${v.success.pValue !== undefined ? `, Fisher p = ${v.success.pValue.toPrecision(2)}` : ''})`);
  if (r && Number.isFinite(r.estimate)) parts.push(`latency ${r.estimate.toFixed(2)}× (${conf}% CI ${r.low.toFixed(2)}–${r.high.toFixed(2)}${v.latency.pValue !== undefined ? `, Mann-Whitney p = ${v.latency.pValue.toPrecision(2)}` : ''})`);
  if (parts.length === 0) return null;
  return (
    <p className="sv-muted sv-canary-evidence" data-testid="canary-evidence">
      Canary vs baseline: {parts.join('; ')}.
    </p>
  );
}

export interface CanaryPanelProps {
  traffic: ServiceTraffic;
  live: readonly VersionTraffic[];
  /** The service figures over the canary window (per-version evidence, requests no version received). */
  figures: ServiceTrafficFigures | undefined;
  window: CanaryWindow;
  chosen: { baseline?: string; canary?: string };
  thresholds: CanaryKnobs;
  onView: (patch: { window?: CanaryWindow; baseline?: string; canary?: string; thresholds?: CanaryKnobs }) => void;
}

/**
 * The live canary: per version the inbound evidence over a sliding window (requests and failures counted, success
 * rate, p50/p95/p99 from the endpoint's histogram), requests aborted before any version, the canary's difference
 * from the baseline with a verdict (canary-verdict-adapter.ts), and steps along the ladder (10 → 25 → 50 → 100):
 * the primary "step up" only for a passing canary; rolling back is always one click.
 */
export function CanaryPanel({ traffic, live, figures, window, chosen, thresholds, onView }: CanaryPanelProps) {
  const shift = useTrafficShift(traffic.namespace, traffic.service);
  const { weights } = currentWeights(traffic);
  const versions = Object.keys(weights);
  const pair = pickPair(versions, weights, chosen);
  const windowPicker = <Select label="Window" hideLabel value={window} options={CANARY_WINDOWS.map((w) => ({ value: w, label: `last ${w}` }))} onChange={(w) => onView({ window: w })} />;
  if (versions.length < 2 || !pair.baseline || !pair.canary) {
    return (
      <Panel title="Live canary" extra={windowPicker} data-testid="canary-panel">
        <p className="sv-muted">A canary needs at least two versions behind the service; {traffic.service} has {versions.length === 1 ? 'one' : 'none'}.</p>
      </Panel>
    );
  }
  const view = canaryView(traffic, live, { baseline: pair.baseline, canary: pair.canary }, thresholds);
  const verdict = VERDICT[view.judgement.verdict];
  const opts = versions.map((v) => ({ value: v, label: v }));
  const out = shift.data;
  return (
    <Panel title="Live canary" extra={windowPicker} data-testid="canary-panel">
      <div className="ui-toolbar sv-canary-pair">
        <Select label="Baseline" value={view.baseline} options={opts} onChange={(v) => onView({ baseline: v })} />
        <Select label="Canary" value={view.canary} options={opts} onChange={(v) => onView({ canary: v })} />
      </div>
      <div className="sv-verdict" role="status" aria-live="polite" data-testid="canary-verdict" data-verdict={view.judgement.verdict}>
        <Badge tone={verdict.tone}>{verdict.label}</Badge>
        <span>
          {view.canary} vs {view.baseline}: {view.judgement.reasons.join('; ')}
        </span>
      </div>
      {figures && unservedText(figures) ? (
        <p className="sv-canary-note" role="note" data-testid="canary-unserved">
          {unservedText(figures)}.
        </p>
      ) : null}
      <table className="ui-table sv-canary-table">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col" className="num">Weight</th>
            <th scope="col" className="num">Requests</th>
            <th scope="col" className="num">Failed</th>
            <th scope="col" className="num">Success</th>
            <th scope="col" className="num">p50</th>
            <th scope="col" className="num">p95</th>
            <th scope="col" className="num">p99</th>
          </tr>
        </thead>
        <tbody>
          {[view.baseline, view.canary].map((v) => {
            const f = figures?.versions.find((x) => x.version === v);
            const n = f?.evidence.requests ?? 0;
            return (
              <tr key={v} data-testid={`canary-row-${v}`}>
                <th scope="row" className="mono">
                  {v} <span className="sv-muted">{v === view.baseline ? 'baseline' : 'canary'}</span>
                </th>
                <td className="num">{weights[v] ?? 0}%</td>
                <td className="num" title={f ? `${formatRate(f.inbound.requests.rate)} req/s` : undefined}>{n}</td>
                <td className="num">{f?.evidence.failures ?? 0}</td>
                <td className="num" data-testid={`canary-success-${v}`}>{n > 0 && f?.inbound.errors.percent !== null && f ? formatPercent(100 - (f.inbound.errors.percent ?? 0)) : '—'}</td>
                <td className="num">{formatLatency(f?.inbound.latency.p50)}</td>
                <td className="num">{formatLatency(f?.inbound.latency.p95)}</td>
                <td className="num">{formatLatency(f?.inbound.latency.p99)}</td>
              </tr>
            );
          })}
          <tr className="sv-delta">
            <th scope="row">Difference</th>
            <td />
            <td />
            <td />
            <td className="num">{Number.isFinite(view.judgement.success.difference.estimate) ? `${pct(view.judgement.success.difference.estimate)} pts` : '—'}</td>
            <td />
            <td className="num">{view.judgement.latency.ratio && Number.isFinite(view.judgement.latency.ratio.estimate) ? `${view.judgement.latency.ratio.estimate.toFixed(2)}×` : '—'}</td>
            <td />
          </tr>
        </tbody>
      </table>
      <Evidence v={view.judgement} />
      <div className="ui-toolbar sv-canary-actions">
        {view.next ? (
          <Button
            variant={mayStepUp(view.judgement) ? 'primary' : 'default'}
            disabled={shift.isPending}
            onClick={() => view.next && shift.mutate(view.next.weights)}
            data-testid="canary-step"
            data-primary={mayStepUp(view.judgement) ? 'true' : 'false'}
            title={mayStepUp(view.judgement) ? describeWeights(view.next.weights) : `The canary is ${verdict.label.toLowerCase()}: stepping up goes against the verdict. ${describeWeights(view.next.weights)}`}
          >
            {mayStepUp(view.judgement) ? `Step ${view.canary} to ${view.next.weight}%` : `Step ${view.canary} to ${view.next.weight}% anyway`}
          </Button>
        ) : (
          <Badge tone="ok">{view.canary} takes all traffic</Badge>
        )}
        <Button variant="danger" disabled={shift.isPending || view.weight === 0} onClick={() => shift.mutate(view.rollback)} data-testid="canary-rollback" title={describeWeights(view.rollback)}>
          Roll back to {view.baseline}
        </Button>
        {shift.isPending ? <span className="sv-muted">Applying…</span> : null}
      </div>
      {out && out.kind !== 'ok' ? <p className="sv-error-text" role="alert">{out.message}</p> : null}
      {shift.error ? <p className="sv-error-text" role="alert">{shift.error.message}</p> : null}
      <CanaryThresholdsForm value={thresholds} onChange={(t) => onView({ thresholds: t })} />
    </Panel>
  );
}
