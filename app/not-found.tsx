import Link from 'next/link';
import { EmptyState } from '@/components/ui/States';

export default function NotFound() {
  return (
    <div className="page">
      <div className="ui-panel">
        <EmptyState
          title="Page not found"
          detail="There is nothing at this address."
          actions={
            <Link className="ui-btn" href="/">
              Go to Overview
            </Link>
          }
        />
      </div>
    </div>
  );
}
