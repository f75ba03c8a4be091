'use client';

import { forwardRef, useEffect, useState } from 'react';
import { compileFind } from '@/lib/graph/find';

export interface FindHideInputProps {
  kind: 'Find' | 'Hide';
  value: string;
  onCommit: (v: string) => void;
  /** How many elements the committed expression matches, shown next to the field. */
  matches?: number;
  placeholder: string;
}

/**
 * A find or hide expression field. Typing is checked live (errors show under the field, the graph keeps
 * the last good expression); a valid expression applies after a short pause or on Enter; Esc clears it.
 */
export const FindHideInput = forwardRef<HTMLInputElement, FindHideInputProps>(function FindHideInput(
  { kind, value, onCommit, matches, placeholder },
  ref,
) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const result = draft.trim() === '' ? undefined : compileFind(draft);
  const error = result && !result.ok ? `${result.error.message} (at ${result.error.at + 1})` : undefined;

  useEffect(() => {
    if (draft === value || error) return;
    const t = setTimeout(() => onCommit(draft.trim()), 500);
    return () => clearTimeout(t);
  }, [draft, value, error, onCommit]);

  const id = `gr-${kind.toLowerCase()}`;
  return (
    <span className="gr-findhide">
      <label htmlFor={id} className="gr-muted">
        {kind}
      </label>
      <input
        ref={ref}
        id={id}
        className="ui-input gr-expr"
        value={draft}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        data-testid={`${kind.toLowerCase()}-input`}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !error) onCommit(draft.trim());
          if (e.key === 'Escape') {
            setDraft('');
            onCommit('');
            (e.target as HTMLInputElement).blur();
          }
        }}
      />
      {error ? (
        <span id={`${id}-err`} className="gr-expr-error" role="alert">
          {error}
        </span>
      ) : value && matches !== undefined ? (
        <span className="gr-expr-count" aria-live="polite">
          {matches} {kind === 'Find' ? 'found' : 'hidden'}
        </span>
      ) : null}
    </span>
  );
});
