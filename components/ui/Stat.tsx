import type { ReactNode } from 'react';

/** One big number with a label, for summary strips. */
export function Stat({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: ReactNode; testId?: string }) {
  return (
    <div className="ui-stat" data-testid={testId}>
      <span className="ui-stat-label">{label}</span>
      <span className="ui-stat-value">{value}</span>
      {hint ? <span className="ui-stat-hint">{hint}</span> : null}
    </div>
  );
}
