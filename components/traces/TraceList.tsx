import Link from 'next/link';
import type { TraceSummary } from '@/lib/traces/summary';
import { Badge } from '../ui/Badge';
import { formatDateTime, formatMicros, shortTraceId } from './format';

/** The search results: one row per trace, longest duration drawn as a full bar. */
export function TraceList({ traces }: { traces: TraceSummary[] }) {
  const maxDuration = Math.max(...traces.map((t) => t.durationUs), 1);
  return (
    <ul className="tr-list" aria-label="Traces" data-testid="trace-list">
      {traces.map((t) => (
        <li key={t.traceId} className="tr-row" data-testid="trace-row">
          <Link href={`/traces/${t.traceId}`} className="tr-row-link">
            <div className="tr-row-head">
              <span className="tr-row-title">
                <strong>{t.rootService}</strong>: {t.rootOperation || <em>(no name)</em>}
                <span className="tr-row-id mono">{shortTraceId(t.traceId)}</span>
              </span>
              <span className="tr-row-duration num">{formatMicros(t.durationUs)}</span>
            </div>
            <div className="tr-row-bar" aria-hidden="true">
              <span className={t.errorCount ? 'tr-row-bar-fill tr-err' : 'tr-row-bar-fill'} style={{ width: `${Math.max(0.5, (t.durationUs / maxDuration) * 100)}%` }} />
            </div>
            <div className="tr-row-meta">
              <Badge tone="muted">{t.spanCount} spans</Badge>
              {t.errorCount > 0 ? <Badge tone="err">{t.errorCount} errors</Badge> : null}
              {t.services.map((s) => (
                <Badge key={s.name} tone={s.errors ? 'err' : 'neutral'} title={`${s.count} spans${s.errors ? `, ${s.errors} errors` : ''}`}>
                  {s.name} ({s.count})
                </Badge>
              ))}
              <span className="tr-row-time">{formatDateTime(t.startUs)}</span>
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}
