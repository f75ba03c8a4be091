'use client';

import Link from 'next/link';
import { useMemo, useRef, useState } from 'react';
import { ISTIO_KINDS, type ConfigLoadError } from '@/lib/api/istio-config';
import { useIstioConfigList } from '../data/use-istio-config';
import { useNamespaces } from '../data/use-namespaces';
import { Button } from '../ui/Button';
import { PageHeader } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import { Select } from '../ui/Select';
import { Stat } from '../ui/Stat';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { TextInput } from '../ui/TextInput';
import { filterItems, kindOptions, sortItems } from './config-list-model';
import { DEFAULT_LIST_VIEW, STATUS_FILTERS, type StatusFilter } from './config-url-state';
import { ConfigTable } from './ConfigTable';
import { FilterPicker } from './FilterPicker';
import { useListShortcuts } from './use-config-shortcuts';
import { useConfigListView } from './use-config-list-view';

const STATUS_LABELS: Record<StatusFilter, string> = { all: 'Any status', errors: 'With errors', warnings: 'With warnings only', valid: 'Without problems' };
const KNOWN_KINDS = ISTIO_KINDS.map((k) => k.kind);

/** /config: every Istio object with its validations, filterable by namespace, kind, status and text. */
export function ConfigListPage() {
  const [view, update] = useConfigListView();
  const search = useRef<HTMLInputElement>(null);
  // The box keeps its own text (the URL follows it), so typing never waits for a URL round trip.
  const [q, setQ] = useState(view.q);
  const setSearch = (v: string) => {
    setQ(v);
    update({ q: v });
  };
  useListShortcuts(() => search.current?.focus());
  const list = useIstioConfigList({ namespaces: view.namespaces, kinds: view.kinds });
  const namespaces = useNamespaces();
  const items = useMemo(() => sortItems(filterItems(list.data?.items ?? [], { status: view.status, q })), [list.data, view.status, q]);
  const nsOptions = [...new Set([...(namespaces.data?.map((n) => n.name) ?? []), ...view.namespaces])].sort();
  const filtered = view.status !== 'all' || q !== '';
  const newHref = `/config/new${view.namespaces.length === 1 ? `?namespace=${encodeURIComponent(view.namespaces[0] ?? '')}` : ''}`;

  return (
    <div className="page cf-page">
      <PageHeader
        title="Istio Config"
        description="Istio objects with their validations. Open one to edit it with live checks, a diff before saving and its history."
        actions={
          <>
            <Link href="/config/history" className="ui-btn ui-btn-ghost">
              Change history
            </Link>
            <Link href={newHref} className="ui-btn ui-btn-primary" data-testid="new-object">
              New object
            </Link>
          </>
        }
      />
      <div className="cf-stats" aria-live="polite">
        <Stat label="Objects" value={list.data?.counts.objects ?? '—'} testId="count-objects" />
        <Stat label="Errors" value={<span className={list.data?.counts.errors ? 'cf-err-text' : ''}>{list.data?.counts.errors ?? '—'}</span>} testId="count-errors" />
        <Stat label="Warnings" value={<span className={list.data?.counts.warnings ? 'cf-warn-text' : ''}>{list.data?.counts.warnings ?? '—'}</span>} testId="count-warnings" />
      </div>
      <div className="ui-toolbar cf-toolbar" role="toolbar" aria-label="Filters">
        <FilterPicker label="Namespace" options={nsOptions} value={view.namespaces} onChange={(v) => update({ namespaces: v })} loading={namespaces.isPending} testId="filter-namespace" />
        <FilterPicker label="Kind" options={kindOptions(KNOWN_KINDS, list.data?.items ?? [], view.kinds)} value={view.kinds} onChange={(v) => update({ kinds: v })} testId="filter-kind" />
        <Select<StatusFilter> label="Status" value={view.status} options={STATUS_FILTERS.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} onChange={(s) => update({ status: s })} />
        <TextInput ref={search} label="Search" hideLabel type="search" placeholder="Filter by name or message… (/)" value={q} onChange={(e) => setSearch(e.target.value)} className="cf-search" />
        {list.isFetching && list.data ? <span className="cf-muted">Refreshing…</span> : null}
      </div>
      {list.data?.loadErrors.length ? <LoadErrors errors={list.data.loadErrors} /> : null}
      {list.isPending ? (
        <Panel>
          <LoadingState label="Loading Istio config…" />
        </Panel>
      ) : list.isError && !list.data ? (
        <Panel>
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        </Panel>
      ) : (
        <Panel title={`${items.length} of ${list.data?.items.length ?? 0} objects`} flush extra={list.isError ? <span className="cf-err-text">Refresh failed; showing the last answer</span> : undefined}>
          {items.length > 0 ? (
            <ConfigTable items={items} />
          ) : (list.data?.items.length ?? 0) === 0 ? (
            <EmptyState
              title="No Istio objects"
              detail={view.namespaces.length || view.kinds.length ? 'Nothing of the picked kinds in the picked namespaces.' : 'The config store holds no Istio objects yet.'}
              actions={
                <Link href={newHref} className="ui-btn">
                  Create one
                </Link>
              }
            />
          ) : (
            <EmptyState
              title="Nothing matches the filters"
              detail={filtered ? 'No object has the picked status or text.' : undefined}
              actions={<Button onClick={() => {
                    setQ('');
                    update({ status: DEFAULT_LIST_VIEW.status, q: '' });
                  }}>Clear status and search</Button>}
            />
          )}
        </Panel>
      )}
    </div>
  );
}

/** Files of the config store that could not be read: the rest still loads, but these objects are missing. */
function LoadErrors({ errors }: { errors: readonly ConfigLoadError[] }) {
  return (
    <Panel title="Files that could not be loaded" className="cf-load-errors">
      <ul className="cf-msg-list">
        {errors.map((e, i) => (
          <li key={`${e.file}:${i}`} className="cf-err-text">
            <span className="mono">
              {e.file}
              {e.line ? `:${e.line}` : ''}
            </span>{' '}
            {e.message}
          </li>
        ))}
      </ul>
    </Panel>
  );
}
