'use client';

import type { LiveValidation } from '../data/use-istio-validate';
import { Badge, type Tone } from '../ui/Badge';
import { Panel } from '../ui/Panel';
import { ErrorState } from '../ui/States';
import { lineOf, locatePath } from './editor/yaml-diagnostics';

const TONE: Record<'Error' | 'Warning' | 'Info', Tone> = { Error: 'err', Warning: 'warn', Info: 'info' };

export interface ProblemsPanelProps {
  result: LiveValidation | undefined;
  /** Whether the shown result is for the editor's current text (else a check is pending). */
  current: boolean;
  error: unknown;
  onRetry: () => void;
  onJump: (line: number, column?: number) => void;
}

/**
 * What the validator says about the editor's text, as a list: each problem jumps to its line. The same
 * messages are lint markers in the editor; this list makes them readable and reachable by keyboard.
 */
export function ProblemsPanel({ result, current, error, onRetry, onJump }: ProblemsPanelProps) {
  const messages = result?.messages ?? [];
  const count = messages.length + (result?.syntax ? 1 : 0);
  const status = error ? null : !result ? 'Checking…' : !current ? 'Checking changes…' : count === 0 ? 'No problems found' : null;
  const lineFor = (m: { line?: number | undefined; path?: string | undefined }) => m.line ?? (m.path && result ? (() => {
    const s = locatePath(result.text, m.path);
    return s ? lineOf(result.text, s.from) : undefined;
  })() : undefined);
  return (
    <Panel title="Problems" extra={<span aria-live="polite" data-testid="problems-status">{status ?? `${count} found`}</span>} data-testid="problems">
      {error ? <ErrorState error={error} onRetry={onRetry} compact /> : null}
      {!error && result && count === 0 ? <p className="cf-muted cf-none">{current ? 'The validator found nothing to fix.' : 'No problems in the last checked text.'}</p> : null}
      {!error && !result ? <p className="cf-muted cf-none">Waiting for the first check…</p> : null}
      {count > 0 ? (
        <ul className="cf-problems">
          {result?.syntax ? (
            <li className="cf-problem" data-level="Error">
              <Badge tone="err">YAML</Badge>
              <span className="cf-problem-text">{result.syntax.message}</span>
              {result.syntax.line ? (
                <button type="button" className="cf-link-btn" onClick={() => onJump(result.syntax?.line ?? 1, result.syntax?.column)}>
                  Line {result.syntax.line}
                </button>
              ) : null}
            </li>
          ) : null}
          {messages.map((m, i) => {
            const line = lineFor(m);
            return (
              <li key={`${m.code}:${m.path ?? ''}:${i}`} className="cf-problem" data-level={m.level} data-testid="problem">
                <Badge tone={TONE[m.level]}>{m.level}</Badge>
                <span className="cf-problem-text">
                  <span className="mono cf-muted">{m.code}</span> {m.message}
                  {m.path ? <span className="cf-problem-path mono">{m.path}</span> : null}
                </span>
                {line ? (
                  <button type="button" className="cf-link-btn" onClick={() => onJump(line, m.line ? m.column : undefined)} aria-label={`Go to line ${line}: ${m.message}`}>
                    Line {line}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </Panel>
  );
}
