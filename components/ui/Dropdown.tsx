'use client';

import { useEffect, useRef, type ReactNode } from 'react';

export interface DropdownProps {
  /** The button face (rendered inside the `<summary>`). */
  label: ReactNode;
  /** Accessible name of the button when the face is not descriptive text. */
  ariaLabel?: string;
  /** Extra classes on the summary (e.g. `ui-btn-icon`). */
  buttonClassName?: string;
  /** Align the menu to the right edge of the button. */
  alignRight?: boolean;
  className?: string;
  testId?: string;
  children: ReactNode;
}

/**
 * A popover menu on a native `<details>` (keyboard-operable for free) that also closes on Esc and on a click
 * outside, as users expect from a menu.
 */
export function Dropdown({ label, ariaLabel, buttonClassName, alignRight, className, testId, children }: DropdownProps) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      const d = ref.current;
      if (d?.open && e.target instanceof Node && !d.contains(e.target)) d.open = false;
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, []);
  return (
    <details
      ref={ref}
      className={['ui-dropdown', className ?? ''].join(' ').trim()}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && ref.current?.open) {
          ref.current.open = false;
          ref.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary className={['ui-btn', buttonClassName ?? ''].join(' ').trim()} aria-label={ariaLabel} data-testid={testId}>
        {label}
      </summary>
      <div className={['ui-dropdown-menu', alignRight ? 'ui-dropdown-right' : ''].join(' ').trim()}>{children}</div>
    </details>
  );
}
