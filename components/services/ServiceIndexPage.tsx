'use client';

import Link from 'next/link';
import { useOverview } from '../data/use-overview';
import { PageHeader } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';

/** `/services`: every service by namespace, each linking to its page (where traffic is managed). */
export function ServiceIndexPage() {
  const overview = useOverview();
  const namespaces = (overview.data?.namespaces ?? []).filter((n) => n.services.length > 0);
  return (
    <div className="page sv-page">
      <PageHeader title="Services" description="Pick a service to see its traffic per version and manage its routing." />
      {overview.isPending ? (
        <LoadingState label="Loading services…" />
      ) : overview.error ? (
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      ) : namespaces.length === 0 ? (
        <EmptyState title="No services" detail="The config store has no Kubernetes Services yet." />
      ) : (
        namespaces.map((n) => (
          <Panel key={n.name} title={n.name}>
            <ul className="sv-index">
              {[...n.services].sort().map((s) => (
                <li key={s}>
                  <Link href={`/services/${encodeURIComponent(n.name)}/${encodeURIComponent(s)}`}>{s}</Link>
                </li>
              ))}
            </ul>
          </Panel>
        ))
      )}
    </div>
  );
}
