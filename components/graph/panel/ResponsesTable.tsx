import type { Responses } from '@/lib/api/graph';
import { Badge } from '../../ui/Badge';
import { formatPercent } from '../../ui/format';

function codeTone(code: string) {
  if (/^[23]/.test(code) || code === '0') return 'ok' as const;
  if (/^4/.test(code)) return 'warn' as const;
  if (code === '-') return 'muted' as const;
  return 'err' as const;
}

/** Response codes of an edge with their share and Envoy response flags (UF, UO, DC...). */
export function ResponsesTable({ responses }: { responses: Responses }) {
  const rows = Object.entries(responses)
    .map(([code, d]) => ({ code, pct: Object.values(d.flags).reduce((a, b) => a + b, 0), flags: Object.keys(d.flags).filter((f) => f !== '-') }))
    .sort((a, b) => b.pct - a.pct);
  if (rows.length === 0) return null;
  return (
    <table className="ui-table gr-responses" aria-label="Responses by code">
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col" className="num">
            Share
          </th>
          <th scope="col">Flags</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code}>
            <td>
              <Badge tone={codeTone(r.code)}>{r.code}</Badge>
            </td>
            <td className="num">{formatPercent(r.pct)}</td>
            <td className="mono">{r.flags.join(', ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
