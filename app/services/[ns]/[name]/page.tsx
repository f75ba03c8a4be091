import type { Metadata } from 'next';
import { decodeSegment as decode } from '@/app/route-params';
import { Suspense } from 'react';
import { ServicePage } from '@/components/services/ServicePage';
import { LoadingState } from '@/components/ui/States';

interface Params {
  ns: string;
  name: string;
}


export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  return { title: `Service ${decode(p.ns)}/${decode(p.name)}` };
}

// The view state lives in the URL query (useSearchParams), which needs a Suspense boundary.
export default async function Service({ params }: { params: Promise<Params> }) {
  const p = await params;
  const ns = decode(p.ns);
  const name = decode(p.name);
  return (
    <Suspense fallback={<LoadingState label="Loading service…" />}>
      <ServicePage key={`${ns}/${name}`} namespace={ns} service={name} />
    </Suspense>
  );
}
