'use client';

import Link from 'next/link';
import { PageHeader } from '../ui/PageHeader';
import { HistoryPanel } from './HistoryPanel';

/** /config/history: every config change made through Meshlens, newest first, with diffs and undo (an audit log). */
export function HistoryPage() {
  return (
    <div className="page cf-page">
      <PageHeader
        title="Config change history"
        description="Every change made through Meshlens (editor, API, traffic shifting): who, when, the diff, and a one-click undo."
        actions={
          <Link href="/config" className="ui-btn ui-btn-ghost">
            All config
          </Link>
        }
      />
      <div className="cf-history-page">
        <HistoryPanel title="Recent changes" limit={200} initial={40} />
      </div>
    </div>
  );
}
