'use client';

import { useIstioHistory } from '../data/use-istio-config';
import { useServiceUndo } from '../data/use-service-undo';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { formatAgo } from '../ui/format';
import { Panel } from '../ui/Panel';
import { ErrorState, LoadingState } from '../ui/States';
import { mergeHistories, undoPlan } from './undo-plan';

/**
 * The service's recent config changes (its VirtualService and DestinationRule), and Undo: it restores the
 * state before the newest change not yet undone, so pressing it again walks further back.
 */
export function ChangesPanel({ namespace, virtualService, destinationRule, now }: { namespace: string; virtualService: string; destinationRule: string; now: number }) {
  const vs = useIstioHistory({ namespace, kind: 'VirtualService', name: virtualService, limit: 20 });
  const dr = useIstioHistory({ namespace, kind: 'DestinationRule', name: destinationRule, limit: 20 });
  const undo = useServiceUndo();
  const entries = mergeHistories(vs.data?.entries, dr.data?.entries);
  const plan = undoPlan(entries);
  const planned = new Set(plan.map((e) => e.id));
  const last = undo.data;
  return (
    <Panel
      title="Changes"
      data-testid="changes-panel"
      extra={
        <Button variant="primary" disabled={plan.length === 0 || undo.isPending} onClick={() => undo.mutate(plan.map((e) => e.id))} data-testid="undo" title={plan[0] ? `Restore the state before: ${plan[0].summary ?? plan[0].action}` : 'Nothing to undo'}>
          {undo.isPending ? 'Undoing…' : 'Undo last change'}
        </Button>
      }
    >
      {last && last.kind !== 'ok' ? <p className="sv-error-text" role="alert">Undo refused: {last.message}</p> : null}
      {undo.error ? <p className="sv-error-text" role="alert">{undo.error.message}</p> : null}
      {last?.kind === 'ok' ? <p className="sv-ok-text" role="status">Undone. The previous rules are back in force.</p> : null}
      {vs.isPending || dr.isPending ? (
        <LoadingState compact label="Loading history…" />
      ) : vs.error || dr.error ? (
        <ErrorState compact error={vs.error ?? dr.error} onRetry={() => { void vs.refetch(); void dr.refetch(); }} />
      ) : entries.length === 0 ? (
        <p className="sv-muted">No changes recorded for {virtualService} yet. Changes made here (or on the Istio config page) are listed with who made them, and can be undone.</p>
      ) : (
        <ol className="sv-history" aria-label="Recent changes, newest first">
          {entries.slice(0, 8).map((e) => (
            <li key={e.id} className={planned.has(e.id) ? 'sv-history-next' : undefined}>
              <span className="mono sv-muted">#{e.id}</span>
              <Badge tone={e.action === 'rollback' ? 'info' : 'neutral'}>{e.action === 'rollback' ? 'undo' : e.action}</Badge>
              <span className="sv-history-what">
                {e.kind === 'VirtualService' ? 'VS' : e.kind === 'DestinationRule' ? 'DR' : e.kind} {e.name}
                {e.summary ? ` — ${e.summary}` : ''}
              </span>
              <span className="sv-muted" title={e.time}>
                {e.user} · {formatAgo(e.time, now)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
