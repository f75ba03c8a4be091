'use client';

import { Button } from '../ui/Button';
import { DEFAULT_CANARY_KNOBS, type CanaryKnobs } from './canary-verdict-adapter';

const FIELDS: { key: keyof CanaryKnobs; label: string; unit: string; step: number }[] = [
  { key: 'minRequests', label: 'Judge from', unit: 'requests per version', step: 10 },
  { key: 'minSuccessPercent', label: 'Canary success at least', unit: '%', step: 0.5 },
  { key: 'maxP99Ms', label: 'Canary p99 at most', unit: 'ms', step: 50 },
  { key: 'latencyRatioFailing', label: 'Fail a significant slowdown from', unit: '× baseline', step: 0.1 },
  { key: 'successDropFailing', label: 'Fail a significant success drop from', unit: 'points', step: 0.5 },
];

/** The verdict's thresholds, folded away by default; they live in the URL so a tuned view can be shared. */
export function CanaryThresholdsForm({ value, onChange }: { value: CanaryKnobs; onChange: (t: CanaryKnobs) => void }) {
  const custom = FIELDS.some((f) => value[f.key] !== DEFAULT_CANARY_KNOBS[f.key]);
  return (
    <details className="sv-thresholds">
      <summary>Thresholds{custom ? ' (custom)' : ''}</summary>
      <div className="sv-thresholds-grid">
        {FIELDS.map((f) => (
          <label key={f.key} className="sv-threshold">
            <span>{f.label}</span>
            <input
              className="ui-input"
              type="number"
              min={0}
              step={f.step}
              value={value[f.key]}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (e.target.value !== '' && Number.isFinite(n) && n >= 0) onChange({ ...value, [f.key]: n });
              }}
            />
            <span className="sv-muted">{f.unit}</span>
          </label>
        ))}
      </div>
      <p className="sv-muted">
        Failing needs a statistically significant regression (Mann-Whitney U on latency, Fisher&apos;s exact test on failures, α = 0.01) at least this
        large, or a breached floor; healthy needs the 90% intervals to rule a failing-size regression out.
      </p>
      {custom ? <Button variant="ghost" onClick={() => onChange(DEFAULT_CANARY_KNOBS)}>Reset to defaults</Button> : null}
    </details>
  );
}
