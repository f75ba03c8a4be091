'use client';

import type { ConfigObjectResponse } from '@/lib/api/istio-config';
import { useTrafficChangeApply, useTrafficChangePreview, type TrafficChange } from '../data/use-traffic-change';
import { Button } from '../ui/Button';
import { ChangeReview, type ReviewState } from './ChangeReview';

export interface WizardChangeProps {
  /** The change the form describes; undefined while the form has errors. */
  change: TrafficChange | undefined;
  /** The stored object the change replaces (absent when it creates one). */
  current?: ConfigObjectResponse;
  /** What the change writes, in words ("VirtualService reviews"), for the Apply button. */
  target: string;
}

/** A wizard's footer: the dry-run preview (diff + validations) of its change, and Apply. */
export function WizardChange({ change, current, target }: WizardChangeProps) {
  const preview = useTrafficChangePreview(change);
  const apply = useTrafficChangeApply();
  const out = preview.data;
  const label = change ? `${change.kind} ${change.name}` : target;
  const state: ReviewState = {
    checking: !preview.current,
    items: out?.kind === 'ok' && change ? [{ label, ...(current ? { before: current.object } : {}), after: out.data.object ?? change.next, validations: out.data.validations }] : [],
    ...(out?.kind === 'refused' ? { refused: { message: out.message, messages: out.messages } } : {}),
    ...(preview.error ? { error: preview.error.message } : out?.kind === 'conflict' ? { error: out.message } : {}),
  };
  const unchanged = out?.kind === 'ok' && current !== undefined && JSON.stringify(current.object) === JSON.stringify(out.data.object);
  const result = apply.data;
  return (
    <div className="sv-wizard-footer">
      {change ? <ChangeReview state={state} testId="wizard-preview" /> : <p className="sv-muted">Fix the fields marked above to preview the change.</p>}
      <div className="ui-toolbar">
        <Button
          variant="primary"
          data-testid="wizard-apply"
          disabled={!change || !preview.current || out?.kind !== 'ok' || unchanged || apply.isPending}
          onClick={() => change && apply.mutate(change)}
        >
          {apply.isPending ? 'Applying…' : `Apply to ${label}`}
        </Button>
        {unchanged ? <span className="sv-muted">Nothing to change.</span> : null}
        {result?.kind === 'ok' ? <span className="sv-ok-text" role="status">Applied (history #{result.data.historyId}). Undo is in Changes.</span> : null}
        {result && result.kind === 'conflict' ? <span className="sv-error-text" role="alert">{result.message} The preview now compares with their version: check it and apply again.</span> : null}
        {result && result.kind === 'refused' ? <span className="sv-error-text" role="alert">{result.message}</span> : null}
        {apply.error ? <span className="sv-error-text" role="alert">{apply.error.message}</span> : null}
      </div>
    </div>
  );
}
