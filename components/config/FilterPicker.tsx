'use client';

import { Dropdown } from '../ui/Dropdown';

/** A multi-select of names as a dropdown of checkboxes; nothing checked means "all". */
export function FilterPicker({
  label,
  options,
  value,
  onChange,
  loading,
  testId,
}: {
  label: string;
  options: readonly string[];
  value: readonly string[];
  onChange: (v: string[]) => void;
  loading?: boolean;
  testId?: string;
}) {
  const face = value.length === 0 ? 'All' : value.length <= 2 ? value.join(', ') : `${value.length} selected`;
  return (
    <Dropdown
      ariaLabel={`${label}: ${face}`}
      testId={testId}
      label={
        <>
          <span className="cf-muted">{label}</span> {face} ▾
        </>
      }
    >
      <div role="group" aria-label={label} className="cf-pick-list">
        {loading ? <div className="cf-muted">Loading…</div> : null}
        {value.length > 0 ? (
          <button type="button" className="cf-pick-clear" onClick={() => onChange([])}>
            Show all
          </button>
        ) : null}
        {options.map((o) => (
          <label key={o} className="cf-check">
            <input type="checkbox" checked={value.includes(o)} onChange={(e) => onChange(e.target.checked ? [...value, o].sort() : value.filter((v) => v !== o))} />
            {o}
          </label>
        ))}
      </div>
    </Dropdown>
  );
}
