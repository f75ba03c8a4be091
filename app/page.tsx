import type { Metadata } from 'next';
import { OverviewPage } from '@/components/overview/OverviewPage';

// The root layout's title template does not apply to its own segment, so the home page spells it out.
export const metadata: Metadata = { title: { absolute: 'Overview · Meshlens' } };

export default function Home() {
  return <OverviewPage />;
}
