'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { Button } from '../ui/Button';
import { PageHeader } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { DurationScatter } from './DurationScatter';
import { SearchForm } from './SearchForm';
import { Select } from '../ui/Select';
import { parseSearch, searchApiParams, serializeSearch, sortTraces, SORTS, validateSearch, type TraceSearchState, type TraceSort } from './search-url-state';
import { TraceList } from './TraceList';
import { useTraceSearch } from './use-traces';

const SORT_LABELS: Record<TraceSort, string> = { recent: 'Most recent', longest: 'Longest first', shortest: 'Shortest first', 'most-spans': 'Most spans', errors: 'Most errors' };

/** /traces: the search form, a duration-over-time scatter plot and the matching traces. */
export function TraceSearchPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname() ?? '/traces';
  const key = params?.toString() ?? '';
  const search = useMemo(() => parseSearch(new URLSearchParams(key)), [key]);
  const valid = Object.keys(validateSearch(search)).length === 0;
  // The sort is not part of the query: changing it must not refetch.
  const apiKey = searchApiParams(search).toString();
  const apiParams = useMemo(() => new URLSearchParams(apiKey), [apiKey]);
  const result = useTraceSearch(apiParams);
  const submit = (s: TraceSearchState) => {
    const q = serializeSearch(s);
    if (q === key) void result.refetch();
    else router.push(q ? `${pathname}?${q}` : pathname, { scroll: false });
  };
  const traces = useMemo(() => sortTraces(result.data ?? [], search.sort), [result.data, search.sort]);
  const errors = traces.filter((t) => t.errorCount > 0).length;

  return (
    <div className="page tr-page">
      <PageHeader title="Traces" description="Find requests across the mesh by service, operation, tags and duration." />
      <Panel className="tr-search-panel">
        <SearchForm value={search} onSubmit={submit} />
      </Panel>
      {!valid ? (
        <Panel>
          <EmptyState title="Fix the search" detail="Some fields above are not valid." />
        </Panel>
      ) : result.isPending ? (
        <Panel>
          <LoadingState label="Searching traces…" />
        </Panel>
      ) : result.isError ? (
        <Panel>
          <ErrorState error={result.error} onRetry={() => void result.refetch()} />
        </Panel>
      ) : traces.length === 0 ? (
        <Panel>
          <EmptyState
            title="No traces found"
            detail={`Nothing matched in the last ${search.lookback}. Spans arrive at POST /api/v2/spans (Zipkin) and /v1/traces (OTLP); this view checks again every few seconds.`}
          />
        </Panel>
      ) : (
        <>
          <Panel
            title="Duration over time"
            extra={
              <span className="tr-legend">
                <span className="tr-legend-dot" /> ok <span className="tr-legend-dot tr-dot-err" /> with errors
              </span>
            }
          >
            <DurationScatter traces={traces} />
          </Panel>
          <Panel
            title={`${traces.length} traces`}
            extra={
              <span className="tr-results-extra">
                {errors ? <span className="tr-err-text">{errors} with errors</span> : null}
                <Select<TraceSort> label="Sort" value={search.sort} options={SORTS.map((v) => ({ value: v, label: SORT_LABELS[v] }))} onChange={(v) => submit({ ...search, sort: v })} />
                <Button onClick={() => void result.refetch()} disabled={result.isFetching}>
                  {result.isFetching ? 'Refreshing…' : 'Refresh'}
                </Button>
              </span>
            }
            flush
          >
            <TraceList traces={traces} />
          </Panel>
        </>
      )}
    </div>
  );
}
