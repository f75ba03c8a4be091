'use client';

import { useEffect, useMemo, useRef } from 'react';
import type { DryRunResult, WriteResult } from '@/lib/api/istio-config';
import { useIstioSave } from '../data/use-istio-write';
import { Button } from '../ui/Button';
import { Panel } from '../ui/Panel';
import { LoadingState, describeError } from '../ui/States';
import { DiffView } from './editor/DiffView';
import { bodyForSave } from './editor/save-body';
import { MessageList } from './MessageList';

export interface SavePanelProps {
  /** The text under review (a snapshot taken when the review opened). */
  snapshot: string;
  /** Whether the editor still holds the snapshot. */
  current: boolean;
  /** The stored text and version the edit started from. */
  baseYaml: string;
  resourceVersion: string;
  path: string;
  onSaved: (result: WriteResult, savedText: string) => void;
  onConflict: (message: string) => void;
  onReviewAgain: () => void;
  onClose: () => void;
}

/**
 * Review before saving: the diff against the stored object and a dry run (what the server's validation says,
 * without writing). Saving sends the reviewed text with the version it started from; a change that adds errors
 * is refused and can be saved anyway, a stale version goes to the conflict handling.
 */
export function SavePanel({ snapshot, current, baseYaml, resourceVersion, path, onSaved, onConflict, onReviewAgain, onClose }: SavePanelProps) {
  const dry = useIstioSave();
  const save = useIstioSave();
  const body = useMemo(() => bodyForSave(snapshot, resourceVersion), [snapshot, resourceVersion]);
  const started = useRef<string | null>(null);
  const box = useRef<HTMLDivElement>(null);

  // The review opens below the editor: bring it into view and put the focus in it, so the keyboard carries on from
  // there (Tab reaches Save; Esc closes).
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    box.current?.focus({ preventScroll: true });
  }, []);
  const dryMutate = dry.mutate;

  useEffect(() => {
    if (!body.ok || started.current === snapshot) return;
    started.current = snapshot;
    dryMutate({ method: 'PUT', path, body: body.body, dryRun: true }, { onSuccess: (out) => out.kind === 'conflict' && onConflict(out.message) });
  }, [snapshot, path, body, dryMutate, onConflict]);

  const doSave = (force: boolean) => {
    if (!body.ok) return;
    save.mutate(
      { method: 'PUT', path, body: body.body, force },
      {
        onSuccess: (out) => {
          if (out.kind === 'ok' && 'historyId' in out.data) onSaved(out.data, snapshot);
          else if (out.kind === 'conflict') onConflict(out.message);
        },
      },
    );
  };

  const dryOut = dry.data;
  const saveOut = save.data;
  const refused = saveOut?.kind === 'refused' ? saveOut : dryOut?.kind === 'refused' ? dryOut : undefined;
  const dryOk = dryOut?.kind === 'ok' ? (dryOut.data as DryRunResult) : undefined;
  const failure = save.error ?? dry.error;

  return (
    <div ref={box} tabIndex={-1} className="cf-review-wrap" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <Panel
        title="Review changes"
        className="cf-review"
        data-testid="review"
        extra={
          <Button variant="ghost" onClick={onClose} aria-label="Close the review">
            Close
          </Button>
        }
      >
        <DiffView before={baseYaml} after={snapshot} beforeLabel={`Stored (version ${resourceVersion})`} afterLabel="Your edit" testId="review-diff" />
        <div className="cf-review-checks" aria-live="polite">
          {!body.ok ? (
            <p className="cf-err-text" role="alert">
              {body.message}
            </p>
          ) : dry.isPending ? (
            <LoadingState label="Checking the change with the server (dry run)…" compact />
          ) : refused ? (
            <div className="cf-refused" role="alert" data-testid="refused">
              <p>
                <strong>This change would add {refused.messages.length === 1 ? 'an error' : `${refused.messages.length} errors`}.</strong> Fix {refused.messages.length === 1 ? 'it' : 'them'} in the editor, or save anyway.
              </p>
              <MessageList messages={refused.messages} />
            </div>
          ) : dryOk ? (
            <p className="cf-ok-text" data-testid="dry-run-ok">
              The server accepts this change{dryOk.validations.length ? ` (${dryOk.validations.length} existing message${dryOk.validations.length === 1 ? '' : 's'} remain)` : ' with no validation messages'}.
            </p>
          ) : null}
          {failure ? (
            <p className="cf-err-text" role="alert">
              {describeError(failure).title}: {describeError(failure).detail}
            </p>
          ) : null}
          {!current ? (
            <p className="cf-warn-text">
              You changed the text after opening this review. <Button onClick={onReviewAgain}>Review the new text</Button>
            </p>
          ) : null}
        </div>
        <div className="cf-review-actions">
          {refused ? (
            <Button variant="danger" onClick={() => doSave(true)} disabled={!body.ok || save.isPending || !current}>
              Save anyway
            </Button>
          ) : (
            <Button variant="primary" onClick={() => doSave(false)} disabled={!body.ok || save.isPending || dry.isPending || !current} data-testid="confirm-save">
              {save.isPending ? 'Saving…' : 'Save'}
            </Button>
          )}
          <Button onClick={onClose}>Keep editing</Button>
        </div>
      </Panel>
    </div>
  );
}
