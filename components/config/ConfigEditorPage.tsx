'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { objectPath, type WriteResult } from '@/lib/api/istio-config';
import { ApiError } from '../data/api-client';
import { istioKeys, useIstioObjectRef } from '../data/use-istio-config';
import { useIstioLiveValidation } from '../data/use-istio-validate';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Kbd } from '../ui/Kbd';
import { PageHeader } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { ConflictBanner } from './ConflictBanner';
import { DeleteButton } from './DeleteButton';
import { toDiagnostics } from './editor/yaml-diagnostics';
import { YamlEditor, type YamlEditorHandle } from './editor/YamlEditor';
import { HistoryPanel } from './HistoryPanel';
import { ProblemsPanel } from './ProblemsPanel';
import { SavePanel } from './SavePanel';
import { useEditorPageKeys } from './use-config-shortcuts';
import { useObjectSession } from './use-object-session';
import { ValidationBadges } from './ValidationBadges';

/** /config/{ns}/{Kind}/{name}: the YAML editor with live validation, review-before-save, conflicts and history. */
export function ConfigEditorPage({ namespace, kind, name }: { namespace: string; kind: string; name: string }) {
  const router = useRouter();
  const resolved = useIstioObjectRef(namespace, kind, name);
  const editor = useRef<YamlEditorHandle>(null);
  const s = useObjectSession(resolved.ref, editor);
  const live = useIstioLiveValidation(s.text, s.base !== null);
  const diagnostics = useMemo(() => (live.data ? toDiagnostics(live.data.text, live.data.messages, live.data.syntax) : []), [live.data]);
  const [review, setReview] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const title = `${kind} ${namespace}/${name}`;
  const path = resolved.ref && s.base ? objectPath({ ...resolved.ref, apiVersion: s.base.apiVersion }) : undefined;
  const { dirty, text, query } = s;
  const qc = useQueryClient();
  const remoteVersion = query.data?.resourceVersion;
  // A new version on the server means a new history entry: show it now rather than at the next history poll.
  useEffect(() => {
    if (remoteVersion) void qc.invalidateQueries({ queryKey: istioKeys.historyAll });
  }, [remoteVersion, qc]);

  const openReview = useCallback(() => {
    if (dirty) setReview(editor.current?.getText() ?? text);
  }, [dirty, text]);
  useEditorPageKeys(openReview, dirty);
  const onSaved = useCallback(
    (r: WriteResult, savedText: string) => {
      s.saved(r.resourceVersion, savedText);
      setReview(null);
      setConflict(null);
      setSavedNote(`Saved (version ${r.resourceVersion}, history #${r.historyId}).`);
    },
    [s],
  );
  const onConflict = useCallback(
    (message: string) => {
      setReview(null);
      setConflict(message);
      void query.refetch();
    },
    [query],
  );

  if (resolved.pending || (query.isPending && query.fetchStatus !== 'idle')) return <Frame title={title}><LoadingState label={`Loading ${title}…`} /></Frame>;
  if (resolved.error) return <Frame title={title}><ErrorState error={resolved.error} /></Frame>;
  if (!s.base) {
    if (query.error instanceof ApiError && query.error.status === 404)
      return (
        <Frame title={title}>
          <EmptyState title="No such object" detail={`There is no ${kind} named ${name} in namespace ${namespace}.`} actions={<Link href="/config" className="ui-btn">Back to the list</Link>} />
        </Frame>
      );
    if (query.error) return <Frame title={title}><ErrorState error={query.error} onRetry={() => void query.refetch()} /></Frame>;
    return <Frame title={title}><LoadingState label={`Loading ${title}…`} /></Frame>;
  }

  const gone = query.error instanceof ApiError && query.error.status === 404;
  const showConflict = conflict ?? (s.theirs ? `Version ${s.theirs.resourceVersion} was saved after you started editing version ${s.base.resourceVersion}.` : null);
  return (
    <div className="page cf-page cf-editor-page">
      <PageHeader
        title={title}
        description={
          <>
            <span className="mono">{s.base.apiVersion}</span> · version {s.base.resourceVersion}
            {query.data?.source ? <span className="mono"> · {query.data.source.file}:{query.data.source.line}</span> : null} · stored: {query.data ? <ValidationBadges messages={query.data.validations} /> : '—'}
          </>
        }
        actions={
          <>
            <Link href="/config" className="ui-btn ui-btn-ghost" onClick={(e) => dirty && !window.confirm('Leave without saving your changes?') && e.preventDefault()}>
              All config
            </Link>
            {path ? <DeleteButton path={path} resourceVersion={s.base.resourceVersion} onDeleted={() => router.push('/config')} /> : null}
            <Button onClick={s.discardMine} disabled={!dirty}>
              Discard changes
            </Button>
            <Button variant="primary" onClick={openReview} disabled={!dirty} data-testid="review-save" title="Review the diff and save (Ctrl+S)">
              Review &amp; save <Kbd>Ctrl S</Kbd>
            </Button>
          </>
        }
      />
      {gone ? (
        <div className="cf-banner cf-banner-err" role="alert">
          This object no longer exists on the server (deleted elsewhere). Copy your text if you need it, or <Link href="/config/new">create a new object</Link>.
        </div>
      ) : null}
      {showConflict ? (
        <ConflictBanner
          message={showConflict}
          theirs={s.theirs ?? query.data}
          mine={text}
          onDiscardMine={() => {
            s.discardMine();
            setConflict(null);
          }}
          onKeepMine={() => {
            s.rebaseOnTheirs();
            setConflict(null);
            setReview(editor.current?.getText() ?? text);
          }}
        />
      ) : null}
      {s.notice ? (
        <div className="cf-banner cf-banner-info" role="status">
          {s.notice} <Button variant="ghost" onClick={s.dismissNotice}>Dismiss</Button>
        </div>
      ) : null}
      {savedNote && !dirty ? (
        <div className="cf-banner cf-banner-ok" role="status" data-testid="saved">
          {savedNote}
        </div>
      ) : null}
      <div className="cf-editor-grid">
        <div className="cf-editor-main">
          <Panel
            title="YAML"
            extra={
              <>
                {dirty ? <Badge tone="warn">Unsaved changes</Badge> : <Badge tone="muted">Saved</Badge>}
                <span className="cf-muted">Checked as you type · <Kbd>F8</Kbd> next problem</span>
              </>
            }
            flush
          >
            <YamlEditor ref={editor} initialText={s.base.yaml} onChange={s.setText} diagnostics={diagnostics} diagnosticsFor={live.data?.text} onSave={openReview} label={`YAML of ${title}`} testId="yaml-editor" />
          </Panel>
          {review !== null && path ? (
            <SavePanel
              snapshot={review}
              current={review === text}
              baseYaml={s.base.yaml}
              resourceVersion={s.base.resourceVersion}
              path={path}
              onSaved={onSaved}
              onConflict={onConflict}
              onReviewAgain={() => setReview(text)}
              onClose={() => setReview(null)}
            />
          ) : null}
        </div>
        <aside className="cf-editor-side" aria-label="Problems and history">
          <ProblemsPanel result={live.data} current={live.settled && live.data?.text === text} error={live.error} onRetry={() => void live.refetch()} onJump={(l, c) => editor.current?.goTo(l, c)} />
          <HistoryPanel filter={{ namespace, kind, name }} />
        </aside>
      </div>
    </div>
  );
}

function Frame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="page cf-page">
      <PageHeader title={title} />
      <Panel>{children}</Panel>
    </div>
  );
}
