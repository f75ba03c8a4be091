'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import type { WorkloadDetail } from '@/lib/api/workloads';
import { Badge } from '../ui/Badge';
import { Select } from '../ui/Select';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { TextInput } from '../ui/TextInput';
import { usePodLogs } from '../data/use-workloads';
import { CODE_CLASSES, compileFilter, interleave, type CodeClass, type LogFilter, type LogRow } from './log-model';
import { useUrlParams } from './use-url-params';

const LINES = ['100', '500', '1000', '5000'] as const;
const SOURCES = [{ value: 'both', label: 'app + proxy' }, { value: 'app', label: 'app only' }, { value: 'proxy', label: 'proxy only' }] as const;

function codeTone(code: number | undefined) {
  if (code === undefined) return 'muted' as const;
  return code >= 500 || code === 0 ? ('err' as const) : code >= 400 ? ('warn' as const) : ('ok' as const);
}

/** The Logs tab: the app container's log and istio-proxy's access log interleaved by time, filterable, followable. */
export function LogsTab({ w }: { w: WorkloadDetail }) {
  const [params, set] = useUrlParams();
  const pod = w.pods.find((p) => p.name === params.get('pod')) ?? w.pods[0];
  const appContainer = pod?.containers.find((c) => c.name !== 'istio-proxy')?.name;
  const hasProxy = pod?.containers.some((c) => c.name === 'istio-proxy') ?? false;
  const maxLines = Number((LINES as readonly string[]).includes(params.get('lines') ?? '') ? params.get('lines') : '500');
  const follow = params.get('follow') === '1';
  const filter: LogFilter = {
    text: params.get('lq') ?? '',
    regex: params.get('lre') === '1',
    code: ((CODE_CLASSES as readonly string[]).includes(params.get('code') ?? '') ? params.get('code') : 'all') as CodeClass,
    source: (['both', 'app', 'proxy'].includes(params.get('src') ?? '') ? params.get('src') : 'both') as LogFilter['source'],
  };
  const app = usePodLogs(w.namespace, pod?.name, filter.source !== 'proxy' ? appContainer : undefined, maxLines, follow);
  const proxy = usePodLogs(w.namespace, pod?.name, filter.source !== 'app' && hasProxy ? 'istio-proxy' : undefined, maxLines, follow);
  const compiled = compileFilter(filter);
  const all = interleave(filter.source !== 'proxy' ? app.data?.entries : undefined, appContainer ?? 'app', filter.source !== 'app' ? proxy.data?.entries : undefined);
  const rows = 'match' in compiled ? all.filter(compiled.match) : all;
  const bottom = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (follow) bottom.current?.scrollIntoView({ block: 'end' });
  }, [follow, rows.length]);

  if (!pod) return <EmptyState title="No pods" detail="This workload has no running pod, so there is no log to read." />;
  const error = app.error ?? proxy.error;
  const loading = (app.isPending && app.fetchStatus !== 'idle') || (proxy.isPending && proxy.fetchStatus !== 'idle');
  return (
    <div className="wl-logs">
      <div className="ui-toolbar">
        {w.pods.length > 1 ? <Select label="Pod" value={pod.name} options={w.pods.map((p) => ({ value: p.name, label: p.name }))} onChange={(v) => set({ pod: v })} /> : <span className="mono wl-muted">{pod.name}</span>}
        <Select label="Lines" value={String(maxLines)} options={LINES.map((l) => ({ value: l, label: l }))} onChange={(v) => set({ lines: v })} />
        <Select label="Show" value={filter.source} options={SOURCES} onChange={(v) => set({ src: v === 'both' ? undefined : v })} />
        <Select label="Code" value={filter.code} options={CODE_CLASSES.map((c) => ({ value: c, label: c === 'all' ? 'any code' : c }))} onChange={(v) => set({ code: v === 'all' ? undefined : v })} data-testid="log-code" />
        <TextInput label="Filter" hideLabel placeholder={filter.regex ? 'regular expression' : 'text'} value={filter.text} onChange={(e) => set({ lq: e.target.value })} error={'error' in compiled ? compiled.error : undefined} data-testid="log-filter" />
        <label className="wl-check"><input type="checkbox" checked={filter.regex} onChange={(e) => set({ lre: e.target.checked ? '1' : undefined })} /> regex</label>
        <label className="wl-check"><input type="checkbox" checked={follow} onChange={(e) => set({ follow: e.target.checked ? '1' : undefined })} data-testid="log-follow" /> follow</label>
        <span className="wl-muted">{rows.length} of {all.length} lines{app.data?.linesTruncated || proxy.data?.linesTruncated ? ` (newest ${maxLines} per container)` : ''}</span>
      </div>
      {error ? <ErrorState error={error} onRetry={() => { void app.refetch(); void proxy.refetch(); }} /> : loading ? <LoadingState label="Reading logs…" /> : rows.length === 0 ? (
        <EmptyState title={all.length === 0 ? 'No log lines yet' : 'No line matches the filter'} detail={all.length === 0 ? 'The containers have not written anything in the window read.' : 'Change the text, code or source filter.'} />
      ) : (
        <div className="wl-log-scroll" tabIndex={0} aria-label="Log lines">
          <table className="ui-table wl-log-table" data-testid="log-table">
            <thead><tr><th scope="col">Time</th><th scope="col">From</th><th scope="col">Code</th><th scope="col">Line</th></tr></thead>
            <tbody>{rows.map((r) => <LogLine key={r.key} r={r} />)}</tbody>
          </table>
          <div ref={bottom} />
        </div>
      )}
    </div>
  );
}

/** A 64-bit B3 id padded to 128 bits shows as its 16 digits, as Zipkin prints it; others by their first 16. */
function shortTrace(id: string): string {
  return id.startsWith('0000000000000000') ? id.slice(16) : `${id.slice(0, 16)}…`;
}

function LogLine({ r }: { r: LogRow }) {
  const a = r.entry.accessLog;
  const time = r.entry.timestampUnix ? new Date(r.entry.timestampUnix).toISOString().slice(11, 23) : '—';
  return (
    <tr data-testid="log-row" data-code={r.code ?? ''} className={r.entry.severity === 'ERROR' ? 'wl-log-error' : undefined}>
      <td className="mono" title={r.entry.timestamp}>{time}</td>
      <td><Badge tone={r.source === 'proxy' ? 'info' : 'muted'}>{r.container}</Badge></td>
      <td>{r.code !== undefined ? <Badge tone={codeTone(r.code)}>{r.code}</Badge> : null}</td>
      <td className="wl-log-msg">
        {a ? (
          <span className="wl-access">
            <span className="mono">{a.method} {a.path}</span>
            {a.responseFlags !== '-' ? <Badge tone="err" title={a.responseCodeDetails}>{a.responseFlags}</Badge> : null}
            <span className="wl-muted">{a.durationMs} ms</span>
            <span className="mono wl-muted" title="upstream cluster">{a.upstreamCluster}</span>
            <span className="mono wl-muted" title="x-request-id">{a.requestId}</span>
            {a.traceId ? <Link href={`/traces/${a.traceId}`} className="mono" data-testid="trace-link" title={`Open trace ${a.traceId}`}>trace {shortTrace(a.traceId)}</Link> : null}
          </span>
        ) : (
          <span className="mono">{r.entry.message}</span>
        )}
      </td>
    </tr>
  );
}
