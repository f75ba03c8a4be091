import type { Metadata } from 'next';
import { HistoryPage } from '@/components/config/HistoryPage';

export const metadata: Metadata = { title: 'Config change history' };

export default function ConfigHistory() {
  return <HistoryPage />;
}
