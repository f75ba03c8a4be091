import Link from 'next/link';
import type { OverviewWorkload } from '../data/schemas';
import { Badge } from '../ui/Badge';

/** One namespace's workloads, densest-first: name, app, version, protocol, sidecar. */
export function WorkloadTable({ workloads }: { workloads: OverviewWorkload[] }) {
  const rows = [...workloads].sort((a, b) => a.app.localeCompare(b.app) || a.name.localeCompare(b.name));
  return (
    <table className="ui-table">
      <thead>
        <tr>
          <th scope="col">Workload</th>
          <th scope="col">App</th>
          <th scope="col">Version</th>
          <th scope="col">Protocol</th>
          <th scope="col">Sidecar</th>
          <th scope="col">
            <span className="visually-hidden">Links</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((w) => (
          <tr key={w.name} data-testid="workload-row">
            <td className="mono">
              <Link href={graphLink(w)} title="Find this workload on the workload graph">
                {w.name}
              </Link>
            </td>
            <td>{w.app}</td>
            <td>{w.version ?? <span className="ov-faint">—</span>}</td>
            <td>
              <Badge tone={w.protocol === 'tcp' ? 'info' : 'neutral'}>{w.protocol.toUpperCase()}</Badge>
            </td>
            <td>
              {w.sidecar ? (
                <Badge tone="ok">Injected</Badge>
              ) : (
                <Badge tone="warn" title="Outside the mesh: no Envoy proxy, so no mTLS and no reporter=source telemetry">
                  Missing
                </Badge>
              )}
            </td>
            <td>
              <Link href={`/workloads/${encodeURIComponent(w.namespace)}/${encodeURIComponent(w.name)}`} className="ov-row-link">
                Details
              </Link>{' '}
              <Link href={`/traces?service=${encodeURIComponent(`${w.app}.${w.namespace}`)}`} className="ov-row-link">
                Traces
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The workload graph of the namespace with this workload found (highlighted) by the find expression. */
function graphLink(w: OverviewWorkload): string {
  const q = new URLSearchParams({ namespaces: w.namespace, graphType: 'workload', duration: '60s', find: `workload = ${w.name}` });
  return `/graph?${q.toString()}`;
}
