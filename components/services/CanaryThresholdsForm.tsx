'use client';

import { DEFAULT_CANARY_THRESHOLDS, type CanaryThresholds } from '@/lib/istio/traffic/canary';
import { Button } from '../ui/Button';

const FIELDS: { key: keyof CanaryThresholds; label: string; unit: string; step: number }[] = [
  { key: 'successDropSuspicious', label: 'Suspicious when success drops by', unit: 'points', step: 0.5 },
  { key: 'successDropFailing', label: 'Failing when success drops by', unit: 'points', step: 0.5 },
  { key: 'latencyRatioSuspicious', label: 'Suspicious when p95 is', unit: '× baseline', step: 0.1 },
  { key: 'latencyRatioFailing', label: 'Failing when p95 is', unit: '× baseline', step: 0.1 },
  { key: 'minRequestRate', label: 'Judge only above', unit: 'req/s', step: 0.05 },
];

/** The verdict's thresholds, folded away by default; they live in the URL so a tuned view can be shared. */
export function CanaryThresholdsForm({ value, onChange }: { value: CanaryThresholds; onChange: (t: CanaryThresholds) => void }) {
  const custom = FIELDS.some((f) => value[f.key] !== DEFAULT_CANARY_THRESHOLDS[f.key]);
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
      {custom ? <Button variant="ghost" onClick={() => onChange(DEFAULT_CANARY_THRESHOLDS)}>Reset to defaults</Button> : null}
    </details>
  );
}
