'use client';

import type { ScrapeLimitReason, ScrapeTarget } from '@/lib/api/metrics';
import { useScrapeTargets } from '../data/use-scrape-targets';
import { Badge } from '../ui/Badge';
import { formatAgo, formatLatency } from '../ui/format';
import { Panel } from '../ui/Panel';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';

/** Scrape health: is each metrics endpoint up, when was it last read, and why did it fail. */
export function ScrapeTargetsPanel({ names }: { names?: ReadonlyMap<string, string> }) {
  const q = useScrapeTargets();
  const targets = q.data ?? [];
  const down = targets.filter((t) => !t.up).length;
  const limited = targets.filter((t) => t.up && t.limited.length > 0).length;
  return (
    <Panel
      title="Scrape targets"
      flush
      data-testid="scrape-targets"
      extra={
        q.data ? (
          down > 0 ? (
            <Badge tone="err">{down} down</Badge>
          ) : limited > 0 ? (
            <Badge tone="warn">{limited} limited</Badge>
          ) : (
            <Badge tone="ok">{targets.length} up</Badge>
          )
        ) : undefined
      }
    >
      {q.isPending ? (
        <LoadingState compact label="Loading scrape targets…" />
      ) : q.isError ? (
        <ErrorState compact error={q.error} onRetry={() => void q.refetch()} />
      ) : targets.length === 0 ? (
        <EmptyState compact title="No scrape targets" detail="Configure --scrape-targets or --prometheus-url." />
      ) : (
        <TargetsTable targets={targets} now={q.dataUpdatedAt} names={names} />
      )}
    </Panel>
  );
}

/** What each scrape limit means, in a few words (the message says which line, label or limit). */
const REASON_TEXT: Record<ScrapeLimitReason, string> = {
  body_too_large: 'answer too large',
  compressed_too_large: 'answer too large as sent',
  line_too_long: 'lines too long',
  label_too_long: 'label values too long',
  too_many_series: 'too many series',
  store_full: 'store full',
};

/** The workload behind a target, matched by its loopback port (demo pods serve metrics on their own port). */
function ownerOf(url: string, names: ReadonlyMap<string, string> | undefined): string | undefined {
  if (!names) return undefined;
  try {
    return names.get(new URL(url).port);
  } catch {
    return undefined;
  }
}

function TargetsTable({ targets, now, names }: { targets: ScrapeTarget[]; now: number; names?: ReadonlyMap<string, string> }) {
  // Down targets first: that is what the user came for.
  const rows = [...targets].sort((a, b) => Number(a.up) - Number(b.up) || a.url.localeCompare(b.url));
  return (
    <table className="ui-table">
      <thead>
        <tr>
          <th scope="col">Workload</th>
          <th scope="col">Endpoint</th>
          <th scope="col">State</th>
          <th scope="col">Last scrape</th>
          <th scope="col" className="num">
            Took
          </th>
          <th scope="col" className="num">
            Series
          </th>
          <th scope="col">Last error</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={t.url} data-testid="scrape-target-row" data-up={t.up}>
            <td>{ownerOf(t.url, names) ?? <span className="ov-faint">—</span>}</td>
            <td className="mono ov-url">{t.url}</td>
            <td>
              {!t.up ? (
                <Badge tone="err">down</Badge>
              ) : t.limited.length > 0 ? (
                <Badge tone="warn" title="Part of this target's answer was refused by a scrape limit (lib/limits/scrape.ts)">
                  limited
                </Badge>
              ) : (
                <Badge tone="ok">up</Badge>
              )}
            </td>
            <td>{formatAgo(t.lastScrape, now)}</td>
            <td className="num">{formatLatency(t.durationMs)}</td>
            <td className="num">{t.series ?? '—'}</td>
            <td className={t.lastError || t.limited.length > 0 ? 'ov-error-text' : 'ov-faint'}>
              {t.lastError ?? (t.limited.length === 0 ? '—' : null)}
              {t.limited.map((l) => (
                <div key={l.reason} data-testid="scrape-target-limited" data-reason={l.reason}>
                  {t.lastError ? `limit: ${REASON_TEXT[l.reason]}` : `${REASON_TEXT[l.reason]} (${l.count}): ${l.message}`}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
