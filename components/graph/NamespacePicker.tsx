'use client';

import { useNamespaces } from '../data/use-namespaces';
import { Dropdown } from '../ui/Dropdown';

/** Multi-select of namespaces: a dropdown of checkboxes (keyboard and screen-reader friendly). */
export function NamespacePicker({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const q = useNamespaces();
  const all = [...new Set([...(q.data?.map((n) => n.name) ?? []), ...value])].sort();
  const label = value.length === 0 ? 'Select namespaces' : value.length <= 2 ? value.join(', ') : `${value.length} namespaces`;
  return (
    <Dropdown
      ariaLabel={`Namespaces: ${label}`}
      testId="namespace-picker"
      label={
        <>
          <span className="gr-muted">Namespace</span> {label} ▾
        </>
      }
    >
      <div role="group" aria-label="Namespaces" className="gr-ns-list">
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
    </Dropdown>
  );
}
