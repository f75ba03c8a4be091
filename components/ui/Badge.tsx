import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'ok' | 'warn' | 'err' | 'info' | 'muted';

const TONE_CLASS: Record<Tone, string> = {
  neutral: '',
  ok: 'ui-badge-ok',
  warn: 'ui-badge-warn',
  err: 'ui-badge-err',
  info: 'ui-badge-info',
  muted: 'ui-badge-muted',
};

/** A small pill for states and tags ("sidecar", "HTTP", "Healthy"). */
export function Badge({ tone = 'neutral', title, children }: { tone?: Tone; title?: string; children: ReactNode }) {
  return (
    <span className={['ui-badge', TONE_CLASS[tone]].join(' ').trim()} title={title}>
      {children}
    </span>
  );
}

const DOT_CLASS: Record<Tone, string> = {
  neutral: '',
  ok: 'ui-dot-ok',
  warn: 'ui-dot-warn',
  err: 'ui-dot-err',
  info: 'ui-dot-ok',
  muted: '',
};

/** A coloured dot with a text alternative (colour alone never carries meaning). */
export function StatusDot({ tone, label }: { tone: Tone; label: string }) {
  return <span className={['ui-dot', DOT_CLASS[tone]].join(' ').trim()} role="img" aria-label={label} title={label} />;
}
