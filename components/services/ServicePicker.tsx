'use client';

import { useRouter } from 'next/navigation';
import { useOverview } from '../data/use-overview';
import { Select } from '../ui/Select';

/** Namespace and service pickers in the header: the page stands on its own, not only as a link target. */
export function ServicePicker({ namespace, service }: { namespace: string; service: string }) {
  const router = useRouter();
  const overview = useOverview();
  const namespaces = overview.data?.namespaces ?? [];
  const ns = namespaces.find((n) => n.name === namespace);
  const nsOptions = [...new Set([namespace, ...namespaces.map((n) => n.name)])].sort().map((n) => ({ value: n, label: n }));
  const services = [...new Set([service, ...(ns?.services ?? [])])].sort().map((s) => ({ value: s, label: s }));
  const go = (n: string, s: string) => router.push(`/services/${encodeURIComponent(n)}/${encodeURIComponent(s)}`);
  return (
    <div className="ui-toolbar sv-picker">
      <Select
        label="Namespace"
        value={namespace}
        options={nsOptions}
        onChange={(n) => {
          const first = namespaces.find((x) => x.name === n)?.services.slice().sort()[0];
          if (first) go(n, first);
        }}
        disabled={overview.isPending}
      />
      <Select label="Service" value={service} options={services} onChange={(s) => go(namespace, s)} disabled={overview.isPending} />
    </div>
  );
}
