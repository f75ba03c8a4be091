import type { ReactNode } from 'react';
import { ApiError } from '../data/api-client';
import { Button } from './Button';

/** A spinner with a label; `role="status"` so assistive tech announces it. */
export function LoadingState({ label = 'Loading…', compact }: { label?: string; compact?: boolean }) {
  return (
    <div className={['ui-state', compact ? 'ui-state-compact' : ''].join(' ').trim()} role="status" aria-live="polite">
      <span className="ui-spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** Nothing to show, and why, and what to do about it. */
export function EmptyState({
  title,
  detail,
  actions,
  compact,
}: {
  title: string;
  detail?: ReactNode;
  actions?: ReactNode;
  compact?: boolean;
}) {
  return (
    <div className={['ui-state', compact ? 'ui-state-compact' : ''].join(' ').trim()} data-testid="empty-state">
      <span className="ui-state-title">{title}</span>
      {detail ? <span className="ui-state-detail">{detail}</span> : null}
      {actions ? <div className="ui-state-actions">{actions}</div> : null}
    </div>
  );
}

/** Describes an error from the API client (or anything thrown) in words a user can act on. */
export function describeError(error: unknown): { title: string; detail: string } {
  if (error instanceof ApiError) {
    if (error.code === 'network') return { title: 'Server unreachable', detail: error.message };
    if (error.status === 404) return { title: 'Not found', detail: error.message };
    return { title: `Request failed (${error.code})`, detail: error.message };
  }
  if (error instanceof Error) return { title: 'Something went wrong', detail: error.message };
  return { title: 'Something went wrong', detail: String(error) };
}

/** An error with a retry button; `role="alert"` so it is announced. */
export function ErrorState({ error, onRetry, compact }: { error: unknown; onRetry?: () => void; compact?: boolean }) {
  const { title, detail } = describeError(error);
  return (
    <div className={['ui-state', 'ui-state-error', compact ? 'ui-state-compact' : ''].join(' ').trim()} role="alert">
      <span className="ui-state-title">{title}</span>
      <span className="ui-state-detail">{detail}</span>
      {onRetry ? (
        <div className="ui-state-actions">
          <Button onClick={onRetry}>Retry</Button>
        </div>
      ) : null}
    </div>
  );
}
