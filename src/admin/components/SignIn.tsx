/**
 * The staff sign-in form: the whole page when no one is signed in, or a panel over the editor
 * when the session ended mid-edit (the draft stays in the store meanwhile).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminPage } from '../page.ts';
import { OwnPasswordButton } from './OwnPassword.tsx';

export function SignInForm({ page, again }: { page: AdminPage; again: boolean }) {
  const { error, busy } = page.session;
  const email = page.session.staff.peek()?.email ?? '';
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    (email
      ? first.current?.form?.querySelector<HTMLInputElement>('[type=password]')
      : first.current
    )?.focus();
  }, []);
  const message = error.value;
  const described = message ? { 'aria-describedby': 'cs-admin-signin-error', 'aria-invalid': true } : {};
  return (
    <form
      class="cs-admin-signin-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // Read from the form, not from state: a password manager's autofill fires no input events.
        const form = event.currentTarget;
        const password = form.elements.namedItem('password') as HTMLInputElement;
        const typed = (form.elements.namedItem('email') as HTMLInputElement).value;
        void page.signIn(typed, password.value).then(() => {
          password.value = '';
        });
      }}
    >
      <label class="cs-admin-field">
        <span>Email</span>
        <input
          ref={first}
          type="email"
          name="email"
          autocomplete="username"
          required
          defaultValue={email}
          {...described}
        />
      </label>
      <label class="cs-admin-field">
        <span>Password</span>
        <input type="password" name="password" autocomplete="current-password" required {...described} />
      </label>
      <p id="cs-admin-signin-error" class="cs-admin-error" role="alert">
        {message}
      </p>
      <button type="submit" class="cs-admin-primary" disabled={busy.value}>
        {busy.value ? 'Signing in…' : again ? 'Sign in again' : 'Sign in'}
      </button>
    </form>
  );
}

/** The page before anyone is signed in. */
export function SignInPage({ page }: { page: AdminPage }) {
  return (
    <main class="cs-admin-signin">
      <h1>Clinic admin: sign in</h1>
      <p class="cs-admin-muted">Sign in with your clinic staff account to see the rules and the bookings.</p>
      <SignInForm page={page} again={false} />
    </main>
  );
}

/** Over the editor when the session ended: the draft is kept. */
export function SignInAgain({ page }: { page: AdminPage }) {
  return (
    <section
      class="cs-admin-panel cs-admin-wide cs-admin-signin-again"
      aria-labelledby="cs-admin-signin-title"
    >
      <h2 id="cs-admin-signin-title">Your session has ended</h2>
      <p>Sign in again to save or to see the latest bookings. Your draft is kept on this page.</p>
      <SignInForm page={page} again />
    </section>
  );
}

/**
 * Who is signed in, their own password (the panel opens at the top of the page), and signing out
 * (asking first when the draft has unsaved changes).
 */
export function AccountBar({ page }: { page: AdminPage }) {
  const [asking, setAsking] = useState(false);
  const staff = page.session.staff.value;
  if (!staff) return null;
  const dirty = page.store.value?.dirty.value === true;
  return (
    <div class="cs-admin-account">
      <span>
        Signed in as {staff.email} ({staff.role === 'admin' ? 'administrator' : 'staff'})
      </span>
      <OwnPasswordButton state={page.ownPassword} />
      {asking && dirty ? (
        <>
          <span role="status">Your unsaved changes will be lost.</span>
          <button type="button" class="cs-admin-danger" onClick={() => void page.signOut()}>
            Sign out anyway
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            Stay
          </button>
        </>
      ) : (
        <button type="button" onClick={() => (dirty ? setAsking(true) : void page.signOut())}>
          Sign out
        </button>
      )}
    </div>
  );
}
