import type { ReactNode } from 'react';

export interface PanelProps {
  title?: ReactNode;
  /** Heading level of the title (default 2). */
  level?: 2 | 3;
  /** Right side of the header: counts, buttons, badges. */
  extra?: ReactNode;
  /** No body padding (tables that run edge to edge). */
  flush?: boolean;
  className?: string;
  children?: ReactNode;
  'data-testid'?: string;
}

/** A titled box. A panel with a title is a labelled region, so screen readers can jump to it. */
export function Panel({ title, level = 2, extra, flush, className, children, ...rest }: PanelProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const headingText = typeof title === 'string' ? title : undefined;
  return (
    <section
      className={['ui-panel', className ?? ''].join(' ').trim()}
      aria-label={headingText}
      data-testid={rest['data-testid']}
    >
      {title !== undefined || extra !== undefined ? (
        <header className="ui-panel-header">
          {title !== undefined ? <Heading>{title}</Heading> : <span />}
          {extra !== undefined ? <div className="ui-panel-header-extra">{extra}</div> : null}
        </header>
      ) : null}
      <div className={flush ? 'ui-panel-body-flush' : 'ui-panel-body'}>{children}</div>
    </section>
  );
}
