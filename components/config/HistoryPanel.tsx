'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { HistoryEntry, RollbackMode } from '@/lib/api/istio-config';
import type { ValidationMessage } from '@/lib/api/validation';
import { useIstioHistory, useIstioHistoryEntry } from '../data/use-istio-config';
import { useIstioRollback } from '../data/use-istio-write';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { formatAgo } from '../ui/format';
import { Panel } from '../ui/Panel';
import { EmptyState, ErrorState, LoadingState, describeError } from '../ui/States';
import { objectHref } from './config-url-state';
import { MessageList } from './MessageList';
import { UnifiedDiff } from './UnifiedDiff';

/** Recent changes shown before "Show older": the latest few are what people undo. */
const SHOWN = 6;

const ACTION_LABEL: Record<string, string> = { create: 'created', replace: 'edited', patch: 'patched', delete: 'deleted', rollback: 'rolled back', 'traffic-shift': 'traffic shift' };

/**
 * Change history, newest first: each change with its diff and a one-click undo. With an object filter it is that
 * object's history; without, the whole mesh's (each entry then names and links its object).
 */
export function HistoryPanel({ filter, limit = 50, title = 'History', initial = SHOWN }: { filter?: { namespace: string; kind: string; name: string }; limit?: number; title?: string; initial?: number }) {
  const history = useIstioHistory({ ...(filter ?? {}), limit });
  const showObject = !filter;
  const entries = history.data?.entries ?? [];
  const [all, setAll] = useState(false);
  const shown = all ? entries : entries.slice(0, initial);
  return (
    <Panel title={title} extra={history.data ? `${entries.length} change${entries.length === 1 ? '' : 's'}` : undefined} data-testid="history">
      {history.isPending ? (
        <LoadingState label="Loading history…" compact />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} compact />
      ) : entries.length === 0 ? (
        <EmptyState compact title="No changes recorded" detail="Changes made through Meshlens (editor, API, traffic shifting) are listed here with a diff and an undo." />
      ) : (
        <>
          <ol className="cf-history">
            {shown.map((e, i) => (
              <HistoryRow key={e.id} entry={e} newest={filter ? i === 0 : entries.findIndex((x) => x.kind === e.kind && x.namespace === e.namespace && x.name === e.name) === i} showObject={showObject} />
            ))}
          </ol>
          {entries.length > initial ? (
            <Button variant="ghost" onClick={() => setAll(!all)} aria-expanded={all}>
              {all ? 'Show fewer' : `Show ${entries.length - initial} older`}
            </Button>
          ) : null}
        </>
      )}
    </Panel>
  );
}

function HistoryRow({ entry, newest, showObject }: { entry: HistoryEntry; newest: boolean; showObject: boolean }) {
  const [open, setOpen] = useState(false);
  const detail = useIstioHistoryEntry(open ? entry.id : undefined);
  const rollback = useIstioRollback();
  const [refused, setRefused] = useState<{ mode: RollbackMode; message: string; messages: ValidationMessage[] } | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const run = (mode: RollbackMode, force = false) => {
    setNote(null);
    rollback.mutate(
      { id: entry.id, mode, force },
      {
        onSuccess: (out) => {
          if (out.kind === 'ok') {
            setRefused(null);
            setNote(`${mode === 'undo' ? 'Undone' : 'Restored'} (history #${out.data.historyId}).`);
          } else if (out.kind === 'refused') setRefused({ mode, message: out.message, messages: out.messages });
          else setNote(out.message);
        },
      },
    );
  };

  const what = entry.rollbackOf !== undefined ? `${entry.summary ?? 'rollback'}` : entry.summary;
  return (
    <li className="cf-history-entry" data-testid="history-entry" data-history-id={entry.id}>
      <div className="cf-history-head">
        <span className="mono cf-muted">#{entry.id}</span>
        <Badge tone={entry.action === 'rollback' ? 'info' : entry.action === 'delete' ? 'err' : 'neutral'}>{ACTION_LABEL[entry.action] ?? entry.action}</Badge>
        <span>{entry.user}</span>
        <time className="cf-muted" dateTime={entry.time} title={new Date(entry.time).toLocaleString()}>
          {formatAgo(entry.time, Date.now())}
        </time>
        {newest ? <Badge tone="muted">latest</Badge> : null}
      </div>
      {showObject ? (
        <div className="cf-history-object">
          {entry.action === 'delete' ? (
            <span>
              {entry.kind} {entry.namespace ?? ''}/{entry.name}
            </span>
          ) : (
            <Link href={objectHref({ kind: entry.kind, name: entry.name, ...(entry.namespace ? { namespace: entry.namespace } : {}) })}>
              {entry.kind} {entry.namespace ?? ''}/{entry.name}
            </Link>
          )}
        </div>
      ) : null}
      {what ? <div className="cf-history-summary">{what}</div> : null}
      <div className="cf-history-actions">
        <Button variant="ghost" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? 'Hide diff' : 'Diff'}
        </Button>
        <Button onClick={() => run('undo')} disabled={rollback.isPending} title="Write back the object as it was before this change">
          Undo this change
        </Button>
        {!newest && entry.action !== 'delete' ? (
          <Button variant="ghost" onClick={() => run('restore')} disabled={rollback.isPending} title="Write back the object as this change left it">
            Restore this version
          </Button>
        ) : null}
      </div>
      {rollback.isPending ? <LoadingState label="Rolling back…" compact /> : null}
      {rollback.isError ? <p className="cf-err-text" role="alert">{describeError(rollback.error).detail}</p> : null}
      {note ? (
        <p className="cf-muted" role="status">
          {note}
        </p>
      ) : null}
      {refused ? (
        <div className="cf-refused" role="alert">
          <p>{refused.mode === 'undo' ? 'Undoing' : 'Restoring'} would add errors:</p>
          <MessageList messages={refused.messages} />
          <Button variant="danger" onClick={() => run(refused.mode, true)}>
            {refused.mode === 'undo' ? 'Undo anyway' : 'Restore anyway'}
          </Button>
        </div>
      ) : null}
      {open ? (
        detail.isPending ? (
          <LoadingState label="Loading diff…" compact />
        ) : detail.isError ? (
          <ErrorState error={detail.error} onRetry={() => void detail.refetch()} compact />
        ) : (
          <UnifiedDiff text={detail.data.diff} testId="history-diff" />
        )
      ) : null}
    </li>
  );
}
