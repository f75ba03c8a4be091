'use client';

import { useState } from 'react';
import type { ConfigObjectResponse } from '@/lib/api/istio-config';
import { Button } from '../ui/Button';
import { DiffView } from './editor/DiffView';

/**
 * Someone else changed the object while you were editing it (seen by polling, or as a 409 on save).
 * Nothing is lost silently: compare, take theirs, or keep yours and overwrite theirs knowingly.
 */
export function ConflictBanner({ message, theirs, mine, onDiscardMine, onKeepMine }: { message: string; theirs: ConfigObjectResponse | undefined; mine: string; onDiscardMine: () => void; onKeepMine: () => void }) {
  const [compare, setCompare] = useState(false);
  return (
    <div className="cf-banner cf-banner-warn" role="alert" data-testid="conflict">
      <p>
        <strong>Changed by someone else.</strong> {message}
      </p>
      <div className="cf-banner-actions">
        <Button onClick={() => setCompare(!compare)} aria-expanded={compare} disabled={!theirs}>
          {compare ? 'Hide comparison' : 'Compare with their version'}
        </Button>
        <Button onClick={onDiscardMine} disabled={!theirs}>
          Discard mine, load theirs
        </Button>
        <Button variant="danger" onClick={onKeepMine} disabled={!theirs}>
          Keep mine and overwrite theirs…
        </Button>
        {!theirs ? <span className="cf-muted">Loading their version…</span> : null}
      </div>
      {compare && theirs ? <DiffView before={theirs.yaml} after={mine} beforeLabel={`Theirs (version ${theirs.resourceVersion})`} afterLabel="Yours (unsaved)" testId="conflict-diff" /> : null}
    </div>
  );
}
