import type { Metadata } from 'next';
import { Suspense } from 'react';
import { NewObjectPage } from '@/components/config/NewObjectPage';
import { LoadingState } from '@/components/ui/States';

export const metadata: Metadata = { title: 'New Istio object' };

// The namespace and kind to start from come from the URL query (useSearchParams), which needs Suspense.
export default function NewConfigObject() {
  return (
    <Suspense fallback={<LoadingState label="Loading…" />}>
      <NewObjectPage />
    </Suspense>
  );
}
