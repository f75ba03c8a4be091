/** A unified diff text (as the history API sends it), coloured by line: removed, added, hunk header. */
export function UnifiedDiff({ text, testId }: { text: string; testId?: string }) {
  if (text.trim() === '') return <p className="cf-muted">No differences.</p>;
  const lines = text.replace(/\n$/, '').split('\n');
  return (
    <pre className="cf-udiff" data-testid={testId}>
      {lines.map((l, i) => {
        const cls = l.startsWith('+++') || l.startsWith('---') ? 'cf-udiff-file' : l.startsWith('@@') ? 'cf-udiff-hunk' : l.startsWith('+') ? 'cf-udiff-add' : l.startsWith('-') ? 'cf-udiff-del' : undefined;
        return (
          <span key={i} className={cls}>
            {l}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}
