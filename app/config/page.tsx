import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ConfigListPage } from '@/components/config/ConfigListPage';
import { LoadingState } from '@/components/ui/States';

export const metadata: Metadata = { title: 'Istio Config' };

// The filters live in the URL query (useSearchParams), which needs a Suspense boundary.
export default function Config() {
  return (
    <Suspense fallback={<LoadingState label="Loading Istio config…" />}>
      <ConfigListPage />
    </Suspense>
  );
}
