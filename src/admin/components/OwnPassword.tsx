/**
 * "Your password", for every signed-in staff member: a button beside "Sign out" opens a panel at
 * the top of the page, where they change their own password. The fields are read from the form
 * on submit (a password manager's autofill fires no input events) and emptied once it is changed.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { OwnPassword, OwnPasswordField } from '../own-password.ts';
import { NewPasswordField } from './NewPasswordField.tsx';

const TOGGLE_ID = 'cs-admin-own-password-toggle';
const PANEL_ID = 'cs-admin-own-password';
const NOTICE_ID = 'cs-admin-own-password-notice';

/** Beside "Sign out": opens and closes the panel. */
export function OwnPasswordButton({ state }: { state: OwnPassword }) {
  const open = state.open.value;
  return (
    <button
      type="button"
      id={TOGGLE_ID}
      aria-expanded={open}
      // Only while the panel exists: a reference to a missing id is an error.
      aria-controls={open ? PANEL_ID : undefined}
      onClick={() => state.toggle(!open)}
    >
      Your password
    </button>
  );
}

function ChangeForm({ state, email }: { state: OwnPassword; email: string }) {
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const notice = state.notice.value;
  const marked = (field: OwnPasswordField) =>
    notice?.kind === 'error' && notice.field === field
      ? { 'aria-invalid': true, 'aria-describedby': NOTICE_ID }
      : {};
  return (
    <section
      id={PANEL_ID}
      class="cs-admin-panel cs-admin-wide"
      aria-labelledby="cs-admin-own-password-title"
      aria-busy={state.busy.value}
    >
      <h2 id="cs-admin-own-password-title">Your password</h2>
      <p class="cs-admin-muted">Changing it ends your other sessions; this page stays signed in.</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
          void state
            .change(value('current-password'), value('new-password'), value('new-password-again'))
            .then((changed) => {
              if (changed) form.reset();
            });
        }}
      >
        {/* Tells a password manager whose password this is. */}
        <input type="email" name="username" autocomplete="username" defaultValue={email} hidden />
        <div class="cs-admin-actions">
          <label class="cs-admin-field">
            <span>Current password</span>
            <input
              ref={first}
              type="password"
              name="current-password"
              autocomplete="current-password"
              required
              {...marked('currentPassword')}
            />
          </label>
          <NewPasswordField label="New password" name="new-password" {...marked('newPassword')} />
          <label class="cs-admin-field">
            <span>New password again</span>
            <input
              type="password"
              name="new-password-again"
              autocomplete="new-password"
              required
              {...marked('repeat')}
            />
          </label>
          <button type="submit" class="cs-admin-primary" disabled={state.busy.value}>
            Change my password
          </button>
          <button
            type="button"
            onClick={(event) => {
              state.toggle(false);
              event.currentTarget.ownerDocument.getElementById(TOGGLE_ID)?.focus();
            }}
          >
            Close
          </button>
        </div>
        <p
          id={NOTICE_ID}
          class={notice?.kind === 'error' ? 'cs-admin-error' : 'cs-admin-status'}
          role="status"
        >
          {notice?.text ?? ''}
        </p>
      </form>
    </section>
  );
}

/** The panel, while it is open. */
export function OwnPasswordPanel({ state, email }: { state: OwnPassword; email: string }) {
  return state.open.value ? <ChangeForm state={state} email={email} /> : null;
}
