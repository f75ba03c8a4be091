import { forwardRef, type ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'default' | 'primary' | 'ghost' | 'danger';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  /** Square button holding only an icon; give it an `aria-label`. */
  icon?: boolean;
  /** Renders as a toggle (`aria-pressed`). */
  pressed?: boolean;
}

/** The one button style of the app. Defaults to `type="button"` so it never submits a form by accident. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'default', icon = false, pressed, className, type = 'button', ...rest },
  ref,
) {
  const classes = ['ui-btn', variant !== 'default' ? `ui-btn-${variant}` : '', icon ? 'ui-btn-icon' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return <button ref={ref} type={type} className={classes} aria-pressed={pressed} {...rest} />;
});
