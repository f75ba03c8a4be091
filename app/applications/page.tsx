import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AppListPage } from '@/components/applications/AppListPage';
import { LoadingState } from '@/components/ui/States';

export const metadata: Metadata = { title: 'Applications' };

// The view state lives in the URL query (useSearchParams), which needs a Suspense boundary.
export default function Applications() {
  return (
    <Suspense fallback={<LoadingState label="Loading applications…" />}>
      <AppListPage />
    </Suspense>
  );
}
