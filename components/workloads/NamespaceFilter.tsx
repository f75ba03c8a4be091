'use client';

import { useNamespaces } from '../data/use-namespaces';

/** Namespace checkboxes (all when none is ticked); keyboard-friendly native inputs. */
export function NamespaceFilter({ selected, onChange }: { selected: string[]; onChange: (next: string[]) => void }) {
  const ns = useNamespaces();
  const names = (ns.data ?? []).map((n) => n.name);
  return (
    <fieldset className="wl-ns" aria-label="Namespaces">
      <legend className="visually-hidden">Namespaces</legend>
      {names.map((n) => (
        <label key={n} className="wl-ns-item">
          <input type="checkbox" checked={selected.includes(n)} onChange={(e) => onChange(e.target.checked ? [...selected, n] : selected.filter((x) => x !== n))} /> {n}
        </label>
      ))}
    </fieldset>
  );
}

/** The namespaces a list shows: the ones in the URL, else every namespace the server knows. */
export function useListNamespaces(param: string | null): string[] {
  const ns = useNamespaces();
  const chosen = (param ?? '').split(',').filter(Boolean);
  return chosen.length > 0 ? chosen : (ns.data ?? []).map((n) => n.name);
}
