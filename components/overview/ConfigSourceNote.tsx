import type { Overview } from '../data/schemas';
import { Badge } from '../ui/Badge';

/** Where mesh config comes from, and any file that failed to load (so a typo in YAML is not silent). */
export function ConfigSourceNote({ source }: { source: Overview['configSource'] }) {
  return (
    <div className="ov-config-source" data-testid="config-source">
      <span className="ov-faint">Config from</span>
      <Badge tone="muted">{source.kind === 'files' ? 'files' : 'Kubernetes'}</Badge>
      <code className="ov-url">{source.location}</code>
      {source.errors.length > 0 ? (
        <details className="ov-config-errors">
          <summary>
            <Badge tone="err">
              {source.errors.length} file{source.errors.length === 1 ? '' : 's'} failed to load
            </Badge>
          </summary>
          <ul>
            {source.errors.map((e) => (
              <li key={`${e.file}:${e.line ?? 0}`}>
                <code>
                  {e.file}
                  {e.line ? `:${e.line}` : ''}
                </code>{' '}
                {e.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
