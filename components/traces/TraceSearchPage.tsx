'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { Button } from '../ui/Button';
import { PageHeader } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { DurationScatter } from './DurationScatter';
import { SearchForm } from './SearchForm';
import { parseSearch, searchApiParams, serializeSearch, validateSearch, type TraceSearchState } from './search-url-state';
import { TraceList } from './TraceList';
import { useTraceSearch } from './use-traces';

/** /traces: the search form, a duration-over-time scatter plot and the matching traces. */
export function TraceSearchPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname() ?? '/traces';
  const key = params?.toString() ?? '';
  const search = useMemo(() => parseSearch(new URLSearchParams(key)), [key]);
  const valid = Object.keys(validateSearch(search)).length === 0;
  const apiParams = useMemo(() => searchApiParams(search), [search]);
  const result = useTraceSearch(apiParams);
  const submit = (s: TraceSearchState) => {
    const q = serializeSearch(s);
    if (q === key) void result.refetch();
    else router.push(q ? `${pathname}?${q}` : pathname);
  };
  const traces = result.data ?? [];
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
