'use client';

import { useId } from 'react';
import { formatPercent } from '../ui/format';

export interface WeightSliderProps {
  version: string;
  value: number;
  /** The stored weight (to show what changed). */
  stored: number;
  /** The share of requests the version actually received over the live window, when known. */
  live?: number;
  onChange: (v: number) => void;
  onAllToThis: () => void;
}

/**
 * One version's weight: a native range (arrow keys move 1, Page Up/Down 10, Home/End the ends) plus a number
 * field for exact values; both are labelled with the version. Moving it rebalances the others (sum stays 100).
 */
export function WeightSlider({ version, value, stored, live, onChange, onAllToThis }: WeightSliderProps) {
  const id = useId();
  return (
    <div className="sv-slider" data-testid={`weight-${version}`}>
      <label htmlFor={`${id}-range`} className="sv-slider-name mono">
        {version}
      </label>
      <input
        id={`${id}-range`}
        type="range"
        min={0}
        max={100}
        step={1}
        value={value}
        aria-label={`Weight of ${version}`}
        aria-valuetext={`${value}% of requests to ${version}`}
        onChange={(e) => onChange(Number(e.target.value))}
        onKeyDown={(e) => {
          // Native ranges move by 1 on Page keys in some browsers; 10 is what people expect for a percentage.
          if (e.key === 'PageUp' || e.key === 'PageDown') {
            e.preventDefault();
            onChange(value + (e.key === 'PageUp' ? 10 : -10));
          }
        }}
        style={{ ['--fill' as string]: `${value}%` }}
      />
      <input
        className="ui-input sv-slider-num"
        type="number"
        min={0}
        max={100}
        step={1}
        value={value}
        aria-label={`Weight of ${version} in percent`}
        onChange={(e) => {
          const n = Number(e.target.value);
          if (Number.isFinite(n)) onChange(n);
        }}
      />
      <span className="sv-slider-meta">
        <span className={value !== stored ? 'sv-changed' : 'sv-muted'} title="Weight stored in the VirtualService">
          {value !== stored ? `was ${stored}%` : 'stored'}
        </span>
        <span className="sv-muted" title="Share of requests received over the live window" data-testid={`live-${version}`}>
          live {formatPercent(live)}
        </span>
      </span>
      <button type="button" className="ui-btn ui-btn-ghost sv-slider-all" onClick={onAllToThis} aria-label={`Send all traffic to ${version}`}>
        All
      </button>
    </div>
  );
}
