import { useId, type SelectHTMLAttributes } from 'react';

export interface SelectOption<V extends string> {
  value: V;
  label: string;
}

export interface SelectProps<V extends string> extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> {
  /** Visible label; also the accessible name. */
  label: string;
  value: V;
  options: readonly SelectOption<V>[];
  onChange: (value: V) => void;
  /** Hide the label visually but keep it for screen readers. */
  hideLabel?: boolean;
}

/** A labelled native select: keyboard and screen-reader friendly for free. */
export function Select<V extends string>({ label, value, options, onChange, hideLabel, id, ...rest }: SelectProps<V>) {
  const auto = useId();
  const selectId = id ?? auto;
  return (
    <span className="ui-field">
      <label htmlFor={selectId} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <select
        id={selectId}
        className="ui-select"
        value={value}
        onChange={(e) => {
          const picked = options.find((o) => o.value === e.target.value);
          if (picked) onChange(picked.value);
        }}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  );
}
