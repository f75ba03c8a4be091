import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TraceSearchPage } from '@/components/traces/TraceSearchPage';
import { LoadingState } from '@/components/ui/States';

export const metadata: Metadata = { title: 'Traces' };

// The search lives in the URL query (useSearchParams), which needs a Suspense boundary.
export default function Traces() {
  return (
    <Suspense fallback={<LoadingState label="Loading traces…" />}>
      <TraceSearchPage />
    </Suspense>
  );
}
