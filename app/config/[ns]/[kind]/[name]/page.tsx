import type { Metadata } from 'next';
import { ConfigEditorPage } from '@/components/config/ConfigEditorPage';

interface Params {
  ns: string;
  kind: string;
  name: string;
}

// Segments arrive URL-encoded in some Next versions and decoded in others; names are DNS labels, so decoding
// twice is harmless and a malformed escape is kept as typed.
const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  return { title: `${decode(p.kind)} ${decode(p.ns)}/${decode(p.name)}` };
}

export default async function ConfigObject({ params }: { params: Promise<Params> }) {
  const p = await params;
  return <ConfigEditorPage key={`${p.ns}/${p.kind}/${p.name}`} namespace={decode(p.ns)} kind={decode(p.kind)} name={decode(p.name)} />;
}
