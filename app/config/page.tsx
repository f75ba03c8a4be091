import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/States';
import { PageHeader } from '@/components/ui/PageHeader';

export const metadata: Metadata = { title: 'Istio Config' };

// Placeholder route so the nav works end to end; the config feature replaces this page.
export default function ConfigPage() {
  return (
    <div className="page">
      <PageHeader title="Istio Config" description="Istio objects with their validations." />
      <div className="ui-panel">
        <EmptyState title="Not available yet" detail="The Istio config browser is being built." />
      </div>
    </div>
  );
}
