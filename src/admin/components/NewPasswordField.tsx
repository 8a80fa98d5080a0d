/**
 * A field for a new staff password: its label says the shortest the server accepts, and the input
 * holds to the same bounds (staff-fields.ts), so the browser stops a short one before it is sent.
 */
import type { ComponentChildren, Ref, TargetedEvent } from 'preact';
import { PASSWORD_LENGTH } from '../../api/staff-fields.ts';

export function NewPasswordField({
  label,
  labelEnd,
  inputRef,
  ...input
}: {
  /** "New password": the minimum is said after it. */
  label: string;
  /** Read after the minimum (say, whose password it is, for assistive technology). */
  labelEnd?: ComponentChildren;
  name: string;
  inputRef?: Ref<HTMLInputElement>;
  /** Given with `onInput` for a controlled field; absent, the form reads it. */
  value?: string;
  onInput?: (event: TargetedEvent<HTMLInputElement, Event>) => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  return (
    <label class="cs-admin-field">
      <span>
        {label} (at least {PASSWORD_LENGTH.min} characters){labelEnd}
      </span>
      <input
        ref={inputRef}
        type="password"
        autocomplete="new-password"
        required
        minLength={PASSWORD_LENGTH.min}
        maxLength={PASSWORD_LENGTH.max}
        {...input}
      />
    </label>
  );
}
