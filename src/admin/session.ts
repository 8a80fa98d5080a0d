/**
 * Who is signed in to the admin page, in signals, and the actions that change it. A session that
 * ends while the page is open (any call answered 401) asks for the password again over the
 * editor, whose draft stays where it is.
 */
import { batch, computed, signal } from '@preact/signals';
import type { AdminApiClient, AdminApiError, StaffSession } from '../api/types.ts';

export type Staff = StaffSession['staff'];

/** `checking`: the page asks whether the browser's cookie holds a session. */
export type SessionStatus = 'checking' | 'signed-out' | 'signed-in' | 'unreachable';

/** Words for a refused sign-in, by the server's code. */
export function signInMessage(error: AdminApiError): string {
  if (error.serverCode === 'INVALID_LOGIN') {
    return 'Wrong email or password: they do not match a staff account of this clinic.';
  }
  if (error.status === 429) {
    const minutes = error.retryAfterSeconds ? Math.ceil(error.retryAfterSeconds / 60) : null;
    const wait = minutes ? `in ${minutes} minute${minutes === 1 ? '' : 's'}` : 'later';
    return `Too many sign-in attempts for this account: try again ${wait}.`;
  }
  if (error.status === 422) return 'Enter an email address and a password.';
  return `Could not sign in: ${error.message}`;
}

export function createSession(api: Pick<AdminApiClient, 'signIn' | 'session' | 'signOut'>) {
  const status = signal<SessionStatus>('checking');
  const staff = signal<Staff | null>(null);
  /** The session ended while the page was in use: the sign-in shows over the editor. */
  const expired = signal(false);
  /** Why the last sign-in (or check) failed; empty when it did not. */
  const error = signal('');
  const busy = signal(false);
  const isAdmin = computed(() => staff.value?.role === 'admin');

  function signedIn(session: StaffSession): void {
    batch(() => {
      staff.value = session.staff;
      status.value = 'signed-in';
      expired.value = false;
      error.value = '';
    });
  }

  /** Reads the session the browser's cookie holds. */
  async function check(): Promise<void> {
    status.value = 'checking';
    const result = await api.session();
    if (result.ok) return signedIn(result.value);
    batch(() => {
      const unreachable = result.error.status === undefined || result.error.status >= 500;
      status.value = unreachable ? 'unreachable' : 'signed-out';
      error.value = unreachable ? `The clinic's server could not be reached: ${result.error.message}` : '';
    });
  }

  async function signIn(email: string, password: string): Promise<boolean> {
    if (busy.value) return false;
    if (email.trim() === '' || password === '') {
      error.value = 'Enter your email address and your password.';
      return false;
    }
    busy.value = true;
    const result = await api.signIn(email.trim(), password);
    busy.value = false;
    if (result.ok) {
      signedIn(result.value);
      return true;
    }
    error.value = signInMessage(result.error);
    return false;
  }

  async function signOut(): Promise<void> {
    await api.signOut();
    batch(() => {
      staff.value = null;
      status.value = 'signed-out';
      expired.value = false;
      error.value = '';
    });
  }

  /** The server said the session is gone (401): keep the page, ask for the password again. */
  function expire(): void {
    batch(() => {
      expired.value = true;
      error.value = '';
    });
  }

  return { status, staff, expired, error, busy, isAdmin, check, signIn, signOut, expire };
}

export type Session = ReturnType<typeof createSession>;
