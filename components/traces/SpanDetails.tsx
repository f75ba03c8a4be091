import Link from 'next/link';
import type { Span, TagValue } from '@/lib/traces/model';
import { graphLink } from '@/lib/traces/summary';
import { Badge } from '../ui/Badge';
import { formatMicros } from './format';

function TagTable({ tags, label }: { tags: Record<string, TagValue>; label: string }) {
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) return <p className="tr-muted">None</p>;
  return (
    <table className="ui-table tr-tag-table" aria-label={label}>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row" className="mono">{k}</th>
            <td className="mono tr-tag-value">{String(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Everything about one span: tags, logs/events, process, warnings, and where it sits in the graph. */
export function SpanDetails({ span, traceStartUs }: { span: Span; traceStartUs: number }) {
  const link = graphLink(span);
  return (
    <div className="tr-details" data-testid="span-details">
      <div className="tr-details-head">
        <strong>{span.service}</strong>
        <span>{span.name}</span>
        <Badge tone="muted">{span.kind}</Badge>
        {span.error ? <Badge tone="err">error</Badge> : null}
        <span className="tr-muted">
          {formatMicros(span.durationUs)} at +{formatMicros(span.startUs - traceStartUs)}
        </span>
        <span className="tr-muted mono">span {span.spanId}</span>
        {link ? (
          <Link href={link} className="tr-graph-link" data-testid="graph-link">
            Show in graph
          </Link>
        ) : null}
      </div>
      {span.warnings?.length ? (
        <ul className="tr-warnings" aria-label="Warnings">
          {span.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      <div className="tr-details-grid">
        <section aria-label="Tags">
          <h3>Tags</h3>
          <TagTable tags={span.tags} label="Span tags" />
        </section>
        <section aria-label="Process">
          <h3>Process</h3>
          <TagTable tags={span.processTags} label="Process tags" />
          {span.links?.length ? (
            <>
              <h3>Links</h3>
              <ul className="tr-logs" aria-label="Links">
                {span.links.map((l) => (
                  <li key={`${l.traceId}/${l.spanId}`}>
                    <Link href={`/traces/${l.traceId}?span=${l.spanId}`} className="mono">
                      {l.traceId === span.traceId ? 'this trace' : l.traceId.replace(/^0{16}/, '')} / {l.spanId}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h3>Logs</h3>
          {span.logs.length === 0 ? (
            <p className="tr-muted">None</p>
          ) : (
            <ul className="tr-logs">
              {span.logs.map((l, i) => (
                <li key={i}>
                  <span className="mono tr-muted">+{formatMicros(l.timeUs - traceStartUs)}</span>{' '}
                  {Object.entries(l.fields).map(([k, v]) => (
                    <span key={k} className="mono tr-log-field">
                      {k}={String(v)}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
