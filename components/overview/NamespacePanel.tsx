import Link from 'next/link';
import type { Overview } from '../data/schemas';
import { Panel } from '../ui/Panel';
import { EmptyState } from '../ui/States';
import { WorkloadTable } from './WorkloadTable';

type Namespace = Overview['namespaces'][number];

/** A namespace card: its workloads and a link to its graph. */
export function NamespacePanel({ ns }: { ns: Namespace }) {
  const sidecars = ns.workloads.filter((w) => w.sidecar).length;
  return (
    <Panel
      title={ns.name}
      flush
      data-testid={`namespace-${ns.name}`}
      extra={
        <>
          <span>
            {ns.workloads.length} workloads · {sidecars}/{ns.workloads.length} with sidecar
          </span>
          <Link className="ui-btn" href={`/graph?namespaces=${encodeURIComponent(ns.name)}&graphType=versionedApp&duration=60s`}>
            Graph
          </Link>
        </>
      }
    >
      {ns.workloads.length === 0 ? (
        <EmptyState compact title="No workloads" detail="Nothing runs in this namespace yet." />
      ) : (
        <WorkloadTable workloads={ns.workloads} />
      )}
    </Panel>
  );
}
