'use client';

import { MergeView } from '@codemirror/merge';
import { useEffect, useRef } from 'react';
import { yamlReadOnly } from './editor-setup';

/**
 * Two YAML texts side by side with changes highlighted (read-only). Long unchanged stretches are collapsed
 * so the change is what you see first.
 */
export function DiffView({ before, after, beforeLabel, afterLabel, testId }: { before: string; after: string; beforeLabel: string; afterLabel: string; testId?: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const mv = new MergeView({
      a: { doc: before, extensions: yamlReadOnly() },
      b: { doc: after, extensions: yamlReadOnly() },
      parent: host.current,
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    });
    return () => mv.destroy();
  }, [before, after]);
  const same = before === after;
  return (
    <div className="cf-diff" data-testid={testId}>
      <div className="cf-diff-labels" aria-hidden="true">
        <span>{beforeLabel}</span>
        <span>{afterLabel}</span>
      </div>
      {same ? <p className="cf-muted cf-diff-same">No differences.</p> : null}
      <div ref={host} className="cf-diff-body" role="region" aria-label={`Differences between ${beforeLabel} and ${afterLabel}`} hidden={same} />
    </div>
  );
}
