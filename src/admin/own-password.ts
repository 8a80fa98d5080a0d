/**
 * Changing one's own password, in signals, for any signed-in staff member: the new password is
 * typed twice and compared on the page; the server checks the current one and ends the account's
 * other sessions (this page's stays). Passwords are passed through, never kept.
 */
import { batch, signal } from '@preact/signals';
import type { AdminApiClient } from '../api/types.ts';

/** A field of the form: the two the server checks, and the repeat checked here. */
export type OwnPasswordField = 'currentPassword' | 'newPassword' | 'repeat';

export interface OwnPasswordDeps {
  api: Pick<AdminApiClient, 'changeOwnPassword'>;
  onSignedOut: () => void;
}

export const PASSWORDS_DIFFER = 'The two new passwords differ.';
export const PASSWORD_CHANGED = 'Your password is changed; your other sessions have ended.';

export function createOwnPassword(deps: OwnPasswordDeps) {
  /** The form is shown (opened from beside "Sign out"). */
  const open = signal(false);
  const busy = signal(false);
  /** The outcome of the last try, worded for the screen; `field` is the one refused. */
  const notice = signal<{ kind: 'error' | 'done'; text: string; field?: OwnPasswordField } | null>(null);

  /** Changes the password; true when it was changed (the form then clears its fields). */
  async function change(currentPassword: string, newPassword: string, repeat: string): Promise<boolean> {
    if (busy.peek()) return false;
    if (newPassword !== repeat) {
      notice.value = { kind: 'error', text: PASSWORDS_DIFFER, field: 'repeat' };
      return false;
    }
    busy.value = true;
    notice.value = null;
    const result = await deps.api.changeOwnPassword(currentPassword, newPassword);
    batch(() => {
      busy.value = false;
      if (result.ok) {
        notice.value = { kind: 'done', text: PASSWORD_CHANGED };
        return;
      }
      if (result.error.status === 401) deps.onSignedOut();
      const fields = result.error.fieldErrors ?? {};
      const field = (['currentPassword', 'newPassword'] as const).find((name) => name in fields);
      notice.value = { kind: 'error', text: result.error.message, ...(field ? { field } : {}) };
    });
    return result.ok;
  }

  function toggle(show: boolean): void {
    batch(() => {
      open.value = show;
      notice.value = null;
    });
  }

  /** Closes the form and forgets the outcome (on sign-out). */
  const clear = () => toggle(false);

  return { open, busy, notice, change, toggle, clear };
}

export type OwnPassword = ReturnType<typeof createOwnPassword>;
