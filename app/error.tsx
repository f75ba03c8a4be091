'use client';

import { ErrorState } from '@/components/ui/States';

// Next's route error boundary: a render crash shows this instead of a blank page.
export default function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="page">
      <div className="ui-panel">
        <ErrorState error={error} onRetry={reset} />
      </div>
    </div>
  );
}
