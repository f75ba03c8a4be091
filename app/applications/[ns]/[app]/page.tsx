import type { Metadata } from 'next';
import { decodeSegment as decode } from '@/app/route-params';
import { Suspense } from 'react';
import { AppPage } from '@/components/applications/AppPage';
import { LoadingState } from '@/components/ui/States';

interface Params {
  ns: string;
  app: string;
}


export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  return { title: `Application ${decode(p.ns)}/${decode(p.app)}` };
}

export default async function Application({ params }: { params: Promise<Params> }) {
  const p = await params;
  const ns = decode(p.ns);
  const app = decode(p.app);
  return (
    <Suspense fallback={<LoadingState label="Loading application…" />}>
      <AppPage key={`${ns}/${app}`} namespace={ns} app={app} />
    </Suspense>
  );
}
