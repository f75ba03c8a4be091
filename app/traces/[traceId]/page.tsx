import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TracePage } from '@/components/traces/TracePage';
import { LoadingState } from '@/components/ui/States';

export async function generateMetadata({ params }: { params: Promise<{ traceId: string }> }): Promise<Metadata> {
  const { traceId } = await params;
  return { title: `Trace ${traceId.replace(/^0{16}/, '').slice(0, 16)}` };
}

export default async function Trace({ params }: { params: Promise<{ traceId: string }> }) {
  const { traceId } = await params;
  return (
    <Suspense fallback={<LoadingState label="Loading trace…" />}>
      <TracePage traceId={traceId} />
    </Suspense>
  );
}
