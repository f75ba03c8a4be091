'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { collectionPath, ISTIO_KINDS } from '@/lib/api/istio-config';
import type { ValidationMessage } from '@/lib/api/validation';
import { useIstioLiveValidation } from '../data/use-istio-validate';
import { useIstioSave } from '../data/use-istio-write';
import { useNamespaces } from '../data/use-namespaces';
import { Button } from '../ui/Button';
import { PageHeader } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import { Select } from '../ui/Select';
import { describeError } from '../ui/States';
import { objectHref } from './config-url-state';
import { bodyForSave, identityOf } from './editor/save-body';
import { objectTemplate, preferredNamespace } from './editor/templates';
import { toDiagnostics } from './editor/yaml-diagnostics';
import { YamlEditor, type YamlEditorHandle } from './editor/YamlEditor';
import { MessageList } from './MessageList';
import { ProblemsPanel } from './ProblemsPanel';

/** /config/new: create an object from YAML, starting from a template of the picked kind, checked as you type. */
export function NewObjectPage() {
  const params = useSearchParams();
  const router = useRouter();
  const namespaces = useNamespaces();
  const asked = params?.get('namespace');
  const [namespace, setNamespace] = useState(asked || 'default');
  const [kind, setKind] = useState(ISTIO_KINDS.some((k) => k.kind === params?.get('kind')) ? (params?.get('kind') as string) : 'VirtualService');
  // The editor is created once with the first template; later templates are pushed into it by `pick`.
  const [initial] = useState(() => objectTemplate(kind, namespace));
  const [text, setText] = useState(initial);
  const template = useRef(initial);
  const editor = useRef<YamlEditorHandle>(null);
  const live = useIstioLiveValidation(text);
  const diagnostics = useMemo(() => (live.data ? toDiagnostics(live.data.text, live.data.messages, live.data.syntax) : []), [live.data]);
  const create = useIstioSave();
  const [refused, setRefused] = useState<ValidationMessage[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // Switching kind or namespace swaps the template only while it is untouched: typed work is never thrown away.
  const pick = (ns: string, k: string) => {
    setNamespace(ns);
    setKind(k);
    if (text === template.current) {
      const t = objectTemplate(k, ns);
      template.current = t;
      setText(t);
      editor.current?.setText(t);
    }
  };

  // Without a namespace in the URL, move the untouched template to the first application namespace once known.
  const names = namespaces.data?.map((n) => n.name);
  const guessed = useRef(false);
  useEffect(() => {
    if (asked || guessed.current || !names) return;
    guessed.current = true;
    const ns = preferredNamespace(names);
    if (ns !== namespace) pick(ns, kind);
  });

  const submit = (force: boolean) => {
    setProblem(null);
    const body = bodyForSave(text);
    if (!body.ok) return setProblem(body.message);
    const id = identityOf(body.body);
    if (!id.kind || !id.apiVersion || !id.name) return setProblem('The YAML needs apiVersion, kind and metadata.name.');
    const ns = id.namespace ?? namespace;
    create.mutate(
      { method: 'POST', path: collectionPath({ namespace: ns, apiVersion: id.apiVersion, kind: id.kind }), body: body.body, force },
      {
        onSuccess: (out) => {
          if (out.kind === 'ok') router.push(objectHref({ kind: id.kind as string, namespace: ns, name: id.name as string }));
          else if (out.kind === 'refused') setRefused(out.messages);
          else setProblem(out.message);
        },
        onError: (e) => setProblem(describeError(e).detail),
      },
    );
  };

  const nsOptions = [...new Set([...(namespaces.data?.map((n) => n.name) ?? []), namespace])].sort().map((n) => ({ value: n, label: n }));
  return (
    <div className="page cf-page cf-editor-page">
      <PageHeader
        title="New Istio object"
        description="Start from a template, edit it with live checks, and create it."
        actions={
          <>
            <Link href="/config" className="ui-btn ui-btn-ghost">
              All config
            </Link>
            <Button variant="primary" onClick={() => submit(false)} disabled={create.isPending} data-testid="create">
              {create.isPending ? 'Creating…' : 'Create'}
            </Button>
          </>
        }
      />
      <div className="ui-toolbar cf-toolbar" role="toolbar" aria-label="Template">
        <Select label="Namespace" value={namespace} options={nsOptions} onChange={(ns) => pick(ns, kind)} />
        <Select label="Kind" value={kind} options={ISTIO_KINDS.map((k) => ({ value: k.kind, label: k.kind }))} onChange={(k) => pick(namespace, k)} />
        <span className="cf-muted">The template follows these pickers until you edit it.</span>
      </div>
      {problem ? (
        <div className="cf-banner cf-banner-err" role="alert">
          {problem}
        </div>
      ) : null}
      {refused ? (
        <div className="cf-banner cf-banner-warn" role="alert" data-testid="refused">
          <p>
            <strong>Creating this object would add errors.</strong> Fix them, or create it anyway.
          </p>
          <MessageList messages={refused} />
          <Button variant="danger" onClick={() => submit(true)}>
            Create anyway
          </Button>
        </div>
      ) : null}
      <div className="cf-editor-grid">
        <Panel title="YAML" flush>
          <YamlEditor ref={editor} initialText={initial} onChange={(t) => (setText(t), setRefused(null))} diagnostics={diagnostics} diagnosticsFor={live.data?.text} onSave={() => submit(false)} label="YAML of the new object" testId="yaml-editor" />
        </Panel>
        <aside className="cf-editor-side" aria-label="Problems">
          <ProblemsPanel result={live.data} current={live.settled && live.data?.text === text} error={live.error} onRetry={() => void live.refetch()} onJump={(l, c) => editor.current?.goTo(l, c)} />
        </aside>
      </div>
    </div>
  );
}
