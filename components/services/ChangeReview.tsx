'use client';

import { unifiedDiff } from '@/lib/text/line-diff';
import type { ValidationMessage } from '@/lib/api/validation';
import { Badge } from '../ui/Badge';
import { yamlText } from './yaml-text';

/** One object a change writes: what is stored now (absent when created) and what would be stored. */
export interface ReviewItem {
  label: string;
  before?: unknown;
  after: unknown;
  validations: readonly ValidationMessage[];
}

export interface ReviewState {
  items: readonly ReviewItem[];
  /** The server refused the change (422): it would add errors. */
  refused?: { message: string; messages: readonly ValidationMessage[] };
  /** The dry run is still running for the latest form state. */
  checking: boolean;
  error?: string;
}

/**
 * What a change will do before it is applied: a YAML diff per object and the validator's verdict. The server's
 * dry run produced both, so what is shown is exactly what Apply writes.
 */
export function ChangeReview({ state, testId }: { state: ReviewState; testId?: string }) {
  const errors = state.items.flatMap((i) => i.validations.filter((m) => m.level === 'Error'));
  const others = state.items.flatMap((i) => i.validations.filter((m) => m.level !== 'Error'));
  return (
    <div className="sv-review" data-testid={testId} aria-busy={state.checking}>
      <div className="sv-review-verdict" role="status" aria-live="polite" data-testid="validation-verdict">
        {state.error ? (
          <Badge tone="err">Preview failed</Badge>
        ) : state.refused ? (
          <Badge tone="err">Refused: would add {state.refused.messages.length} error{state.refused.messages.length === 1 ? '' : 's'}</Badge>
        ) : state.checking && state.items.length === 0 ? (
          <Badge tone="muted">Checking…</Badge>
        ) : errors.length > 0 ? (
          <Badge tone="err">{errors.length} error{errors.length === 1 ? '' : 's'}</Badge>
        ) : (
          <Badge tone="ok">Valid{others.length > 0 ? `, ${others.length} note${others.length === 1 ? '' : 's'}` : ''}</Badge>
        )}
        {state.checking && state.items.length > 0 ? <span className="sv-muted">re-checking…</span> : null}
      </div>
      {state.error ? <p className="sv-error-text">{state.error}</p> : null}
      {state.refused ? <Messages messages={state.refused.messages} /> : null}
      {[...errors, ...others].length > 0 && !state.refused ? <Messages messages={[...errors, ...others]} /> : null}
      {state.items.map((i) => (
        <Diff key={i.label} item={i} />
      ))}
    </div>
  );
}

function Diff({ item }: { item: ReviewItem }) {
  const before = yamlText(item.before);
  const after = yamlText(item.after);
  if (before === after) return <p className="sv-muted">{item.label}: unchanged.</p>;
  const text = unifiedDiff(before, after, item.before === undefined ? `${item.label} (new)` : `${item.label} (stored)`, `${item.label} (after apply)`);
  const lines = text.replace(/\n$/, '').split('\n');
  return (
    <figure className="sv-diff">
      <figcaption>{item.before === undefined ? `${item.label} will be created` : `${item.label} changes`}</figcaption>
      <pre aria-label={`YAML diff of ${item.label}`}>
        {lines.map((l, n) => (
          <span key={n} className={l.startsWith('+++') || l.startsWith('---') ? 'sv-d-file' : l.startsWith('@@') ? 'sv-d-hunk' : l.startsWith('+') ? 'sv-d-add' : l.startsWith('-') ? 'sv-d-del' : undefined}>
            {l}
            {'\n'}
          </span>
        ))}
      </pre>
    </figure>
  );
}

function Messages({ messages }: { messages: readonly ValidationMessage[] }) {
  return (
    <ul className="sv-messages">
      {messages.map((m, i) => (
        <li key={`${m.code}:${m.path ?? ''}:${i}`}>
          <Badge tone={m.level === 'Error' ? 'err' : m.level === 'Warning' ? 'warn' : 'info'}>{m.level}</Badge> <span className="mono sv-muted">{m.code}</span> {m.message}
          {m.path ? <span className="mono sv-muted"> · {m.path}</span> : null}
        </li>
      ))}
    </ul>
  );
}
