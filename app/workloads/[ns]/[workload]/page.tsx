import type { Metadata } from 'next';
import { decodeSegment as decode } from '@/app/route-params';
import { Suspense } from 'react';
import { WorkloadPage } from '@/components/workloads/WorkloadPage';
import { LoadingState } from '@/components/ui/States';

interface Params {
  ns: string;
  workload: string;
}


export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  return { title: `Workload ${decode(p.ns)}/${decode(p.workload)}` };
}

export default async function Workload({ params }: { params: Promise<Params> }) {
  const p = await params;
  const ns = decode(p.ns);
  const workload = decode(p.workload);
  return (
    <Suspense fallback={<LoadingState label="Loading workload…" />}>
      <WorkloadPage key={`${ns}/${workload}`} namespace={ns} workload={workload} />
    </Suspense>
  );
}
