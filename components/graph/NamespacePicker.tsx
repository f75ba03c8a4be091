'use client';

import { useRef } from 'react';
import { useNamespaces } from '../data/use-namespaces';

/** Multi-select of namespaces as a native disclosure with checkboxes (keyboard and screen-reader friendly). */
export function NamespacePicker({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const q = useNamespaces();
  const ref = useRef<HTMLDetailsElement>(null);
  const all = [...new Set([...(q.data?.map((n) => n.name) ?? []), ...value])].sort();
  const label = value.length === 0 ? 'Select namespaces' : value.length <= 2 ? value.join(', ') : `${value.length} namespaces`;
  return (
    <details
      ref={ref}
      className="gr-dropdown"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && ref.current) ref.current.open = false;
      }}
    >
      <summary className="ui-btn" aria-label={`Namespaces: ${label}`} data-testid="namespace-picker">
        <span className="gr-muted">Namespace</span> {label} ▾
      </summary>
      <div className="gr-dropdown-menu" role="group" aria-label="Namespaces">
        {q.isPending ? <div className="gr-faint">Loading…</div> : null}
        {q.isError ? <div className="ui-field-error">Could not load namespaces</div> : null}
        {all.map((ns) => (
          <label key={ns} className="gr-check">
            <input
              type="checkbox"
              checked={value.includes(ns)}
              onChange={(e) => onChange(e.target.checked ? [...value, ns].sort() : value.filter((v) => v !== ns))}
            />
            {ns}
          </label>
        ))}
      </div>
    </details>
  );
}
