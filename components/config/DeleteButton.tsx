'use client';

import { useState } from 'react';
import { useIstioDelete } from '../data/use-istio-write';
import { Button } from '../ui/Button';
import { describeError } from '../ui/States';

/** Delete in two clicks (the second confirms); the deletion is in the history and can be undone there. */
export function DeleteButton({ path, resourceVersion, onDeleted }: { path: string; resourceVersion: string; onDeleted: () => void }) {
  const [armed, setArmed] = useState(false);
  const del = useIstioDelete();
  const [problem, setProblem] = useState<string | null>(null);
  if (!armed)
    return (
      <Button variant="ghost" onClick={() => setArmed(true)}>
        Delete…
      </Button>
    );
  return (
    <span className="cf-confirm" role="group" aria-label="Confirm delete">
      <Button
        variant="danger"
        autoFocus
        disabled={del.isPending}
        onClick={() =>
          del.mutate(
            { path, resourceVersion },
            {
              onSuccess: (out) => (out.kind === 'ok' ? onDeleted() : setProblem(out.message)),
              onError: (e) => setProblem(describeError(e).detail),
            },
          )
        }
      >
        {del.isPending ? 'Deleting…' : 'Really delete'}
      </Button>
      <Button onClick={() => setArmed(false)}>Cancel</Button>
      {problem ? (
        <span className="cf-err-text" role="alert">
          {problem}
        </span>
      ) : null}
    </span>
  );
}
