'use client';

import Link from 'next/link';
import type { IstioObject } from '@/lib/api/istio-config';
import type { DestinationRule, VirtualService } from '@/lib/istio/types';
import { describeRouting } from '@/lib/istio/traffic/wizards';
import { Panel } from '../ui/Panel';

/** The service's rules in words, with links to the objects in the config editor. */
export function RoutingSummary({ namespace, virtualService, destinationRule }: { namespace: string; virtualService?: IstioObject; destinationRule?: IstioObject }) {
  // The config API parses objects loosely; the describer reads every field defensively, so the cast is safe.
  const lines = describeRouting(virtualService as VirtualService | undefined, destinationRule as DestinationRule | undefined);
  const link = (o: IstioObject) => `/config/${encodeURIComponent(namespace)}/${o.kind}/${encodeURIComponent(o.metadata.name)}`;
  return (
    <Panel
      title="Current routing"
      data-testid="routing-summary"
      extra={
        <span className="sv-links">
          {virtualService ? <Link href={link(virtualService)}>VirtualService</Link> : null}
          {destinationRule ? <Link href={link(destinationRule)}>DestinationRule</Link> : null}
        </span>
      }
    >
      <ul className="sv-routing">
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </Panel>
  );
}
