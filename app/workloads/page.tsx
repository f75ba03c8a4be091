import type { Metadata } from 'next';
import { Suspense } from 'react';
import { WorkloadListPage } from '@/components/workloads/WorkloadListPage';
import { LoadingState } from '@/components/ui/States';

export const metadata: Metadata = { title: 'Workloads' };

// The view state lives in the URL query (useSearchParams), which needs a Suspense boundary.
export default function Workloads() {
  return (
    <Suspense fallback={<LoadingState label="Loading workloads…" />}>
      <WorkloadListPage />
    </Suspense>
  );
}
