import type { Metadata } from 'next';
import { Suspense } from 'react';
import { GraphPage } from '@/components/graph/GraphPage';
import { LoadingState } from '@/components/ui/States';

export const metadata: Metadata = { title: 'Graph' };

// The page reads its state from the URL query (useSearchParams), which needs a Suspense boundary.
export default function Graph() {
  return (
    <Suspense fallback={<LoadingState label="Loading graph…" />}>
      <GraphPage />
    </Suspense>
  );
}
