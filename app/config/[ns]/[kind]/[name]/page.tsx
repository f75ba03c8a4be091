import type { Metadata } from 'next';
import { decodeSegment as decode } from '@/app/route-params';
import { ConfigEditorPage } from '@/components/config/ConfigEditorPage';

interface Params {
  ns: string;
  kind: string;
  name: string;
}


export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  return { title: `${decode(p.kind)} ${decode(p.ns)}/${decode(p.name)}` };
}

export default async function ConfigObject({ params }: { params: Promise<Params> }) {
  const p = await params;
  return <ConfigEditorPage key={`${p.ns}/${p.kind}/${p.name}`} namespace={decode(p.ns)} kind={decode(p.kind)} name={decode(p.name)} />;
}
