import type { InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import './native-fields.css';

/*
 * Light form controls for the phone pages: the browser's own input, textarea and select, drawn like Ant Design's.
 * Ant Design's Input, TextArea and Select pull in its form library and tooltips (≈ 60 kB compressed): too much for a
 * grid worker's first load on a slow network (issue 13 §3.6). The browser's controls are also what phone users know:
 * the system picker for a select, the keyboard's own text field. Each needs an accessible name — a <label htmlFor>,
 * or `aria-label` when there is no visible label.
 */

type Status = { invalid?: boolean };

export function TextInput({ invalid, className, ...rest }: InputHTMLAttributes<HTMLInputElement> & Status) {
  return (
    <input
      type="text"
      {...rest}
      aria-invalid={invalid || undefined}
      className={['oe-native', invalid ? 'oe-native-invalid' : '', className ?? ''].join(' ').trim()}
    />
  );
}

export function TextArea({ invalid, className, ...rest }: TextareaHTMLAttributes<HTMLTextAreaElement> & Status) {
  return (
    <textarea
      {...rest}
      aria-invalid={invalid || undefined}
      className={['oe-native', invalid ? 'oe-native-invalid' : '', className ?? ''].join(' ').trim()}
    />
  );
}

export interface NativeOption {
  value: string;
  label: string;
}

/**
 * A select with a first, empty choice that says what to choose (`placeholder`). `clearable`: that choice can be
 * chosen again (a filter's "all"); otherwise it only shows until a value is picked.
 */
export function NativeSelect({
  invalid,
  clearable = false,
  className,
  options,
  placeholder,
  value,
  onValueChange,
  ...rest
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> &
  Status & {
    options: readonly NativeOption[];
    placeholder: string;
    value: string | undefined;
    onValueChange: (value: string | undefined) => void;
    clearable?: boolean;
  }) {
  return (
    <select
      {...rest}
      value={value ?? ''}
      onChange={(e) => onValueChange(e.target.value || undefined)}
      aria-invalid={invalid || undefined}
      className={['oe-native', 'oe-native-select', invalid ? 'oe-native-invalid' : '', className ?? '']
        .join(' ')
        .trim()}
    >
      <option value="" disabled={!clearable}>
        {placeholder}
      </option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
