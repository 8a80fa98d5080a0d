import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { leaveField, setField } from '../actions/booking.ts';
import { fieldErrors } from '../form-errors.ts';
import type { FieldName } from '../form-values.ts';
import type { Store } from '../state.ts';

type TextField = 'name' | 'dateOfBirth' | 'email' | 'phone' | 'reason';

interface FieldProps {
  store: Store;
  field: TextField;
  label: string;
  hint?: string;
  type?: 'text' | 'email' | 'tel';
  autoComplete?: string;
  inputMode?: 'text' | 'email' | 'tel' | 'numeric';
  required?: boolean;
  multiline?: boolean;
}

/** Takes focus when an action points at this field (the first problem after a submit). */
export function useFieldFocus(store: Store, field: FieldName) {
  return useFocusTarget(store, `field:${field}`);
}

/** Takes focus when `store.focusTarget` is `target` (`field:NAME`, `answer:ID`). */
export function useFocusTarget(store: Store, target: string) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const wanted = store.focusTarget.value === target;
  useEffect(() => {
    // Read again when the effect runs (after paint): a quicker action may have pointed elsewhere.
    if (wanted && ref.current && store.focusTarget.peek() === target) {
      ref.current.focus();
      store.focusTarget.value = null;
    }
  }, [wanted, store, target]);
  return ref;
}

/** A labelled text field whose problem is tied to it (aria-describedby, aria-invalid). */
export function Field(props: FieldProps) {
  const { store, field, label, hint, required = true } = props;
  const id = `${store.idPrefix}-${field}`;
  const problem = fieldErrors(store).value[field];
  const ref = useFieldFocus(store, field);
  const describedBy = [hint && `${id}-hint`, problem && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: field,
    class: 'cs-input',
    value: store.form.value[field],
    'aria-invalid': problem ? ('true' as const) : ('false' as const),
    'aria-describedby': describedBy,
    'aria-required': required ? ('true' as const) : undefined,
    onBlur: () => leaveField(store, field),
  };
  const onInput = (e: { currentTarget: { value: string } }) => setField(store, field, e.currentTarget.value);
  return (
    <div class="cs-field">
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="cs-meta">
          {hint}
        </p>
      )}
      {props.multiline ? (
        <textarea ref={ref} rows={3} onInput={onInput} {...common} />
      ) : (
        <input
          ref={ref}
          type={(props.type ?? 'text') as 'text'}
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          onInput={onInput}
          {...common}
        />
      )}
      <FieldError id={`${id}-error`} store={store} field={field} />
    </div>
  );
}

/** The field's message, from the catalogue, when it has one to show. */
export function FieldError({
  id,
  store,
  field,
}: {
  id: string;
  store: Store;
  field: FieldName;
}): ComponentChildren {
  const problem = fieldErrors(store).value[field];
  if (!problem) return null;
  return (
    <p id={id} class="cs-error">
      {store.t.value[problem]}
    </p>
  );
}
