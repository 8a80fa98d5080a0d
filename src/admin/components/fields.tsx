/**
 * Small labelled inputs that carry the JSON Pointer of the value they edit (`data-path`), so a
 * diagnostic can focus its field, and that mark themselves invalid when an error points at them.
 */
import { useId } from 'preact/hooks';

interface FieldProps {
  label: string;
  path: string;
  value: string;
  invalid: boolean;
  onValue: (value: string) => void;
  /** The label is read by assistive technology only (the table header shows it). */
  hiddenLabel?: boolean;
}

/** An `HH:mm` time (text, so `24:00` can be written as an end). */
export function TimeField(props: FieldProps) {
  return (
    <TextField
      {...props}
      inputMode="numeric"
      pattern="[0-9]{2}:[0-9]{2}"
      placeholder="HH:mm"
      size={5}
      class="cs-admin-time"
    />
  );
}

interface InputExtras {
  type?: 'text' | 'date';
  inputMode?: 'numeric' | 'text';
  pattern?: string;
  placeholder?: string;
  size?: number;
  class?: string;
}

export function TextField(props: FieldProps & InputExtras) {
  const { label, path, value, invalid, onValue, hiddenLabel, type, inputMode, pattern, placeholder, size } =
    props;
  const id = useId();
  const input = (
    <input
      id={id}
      // Preact types `type` per ARIA role; both values here are plain textbox-like inputs.
      type={(type ?? 'text') as 'text'}
      inputMode={inputMode}
      pattern={pattern}
      placeholder={placeholder}
      size={size}
      class={props.class}
      data-path={path}
      aria-label={hiddenLabel ? label : undefined}
      aria-invalid={invalid ? 'true' : undefined}
      value={value}
      onInput={(event) => onValue(event.currentTarget.value)}
    />
  );
  if (hiddenLabel) return input;
  return (
    <div class="cs-admin-field">
      <label for={id}>{label}</label>
      {input}
    </div>
  );
}

/** Text on several lines (a policy's text, a question's help or its choices, one per line). */
export function TextAreaField(props: Omit<FieldProps, 'hiddenLabel'> & { rows: number }) {
  const { label, path, value, invalid, onValue, rows } = props;
  const id = useId();
  return (
    <div class="cs-admin-field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        data-path={path}
        aria-invalid={invalid ? 'true' : undefined}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
    </div>
  );
}
