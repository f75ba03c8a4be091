import type { Metadata } from 'next';
import { ServiceIndexPage } from '@/components/services/ServiceIndexPage';

export const metadata: Metadata = { title: 'Services' };

export default function Services() {
  return <ServiceIndexPage />;
}
