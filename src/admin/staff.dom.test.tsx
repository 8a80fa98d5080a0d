import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTempApi } from '../../server/testing.ts';
import { fakePreview, fakeSlotClient } from '../../test/admin/admin-fakes.ts';
import {
  bookAsPatient,
  openAt,
  PASSWORD,
  pageFetch,
  saveAsOtherAdmin,
  staffAccount,
  versionsOf,
} from '../../test/admin/staff-server.ts';
import { createAdminApiClient } from '../api/admin-client.ts';
import { AdminPage } from './components/AdminPage.tsx';
import { READ_ONLY_NOTE } from './components/App.tsx';
import { createAdminPage } from './page.ts';

const ctx = useTempApi();
// Real sign-ins hash passwords with Argon2id: on a busy machine they take a while.
configure({ asyncUtilTimeout: 10_000 });
vi.setConfig({ testTimeout: 30_000 });
const pages: Array<ReturnType<typeof createAdminPage>> = [];
afterEach(async () => {
  // Nothing in flight when the server closes.
  for (const page of pages) {
    await waitFor(() => {
      expect(page.history.status.value).not.toBe('loading');
      expect(page.bookings.status.value).not.toBe('loading');
      expect(page.staffAccounts.status.value).not.toBe('loading');
      expect(page.staffAccounts.busy.value).toBe(false);
      expect(page.ownPassword.busy.value).toBe(false);
      expect(page.store.value?.save.value.status).not.toBe('saving');
    });
  }
  cleanup();
  for (const page of pages.splice(0)) page.dispose();
});

/** The admin page on the test clinic's server, with the real admin client; lints and diffs in this thread. */
async function openPage() {
  const apiBase = openAt(ctx.api);
  const api = createAdminApiClient({ apiBase, retries: 0, fetch: pageFetch });
  const { client } = fakeSlotClient({ auto: true });
  const now = () => ctx.api.clock.now;
  const page = createAdminPage({ api, client, now, debounceMs: 0 });
  pages.push(page);
  await page.start();
  render(
    <AdminPage page={page} client={client} now={now} schemaCheck={null} mountPreview={fakePreview().mount} />,
  );
  return { page, api };
}

async function signInWith(email: string, password: string) {
  fireEvent.input(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: /^Sign in/ }));
}

const saveButton = () => screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;

async function save() {
  await waitFor(() => expect(saveButton().disabled).toBe(false));
  fireEvent.click(saveButton());
}

/** The history and the bookings have loaded (nothing left in flight when the test ends). */
async function settled(page: ReturnType<typeof createAdminPage>) {
  await waitFor(() => {
    expect(page.history.status.value).toBe('ready');
    expect(page.bookings.status.value).toBe('ready');
  });
}

const status = () => screen.getByTestId('save-status').textContent;

describe('signing in to the admin page', () => {
  it('asks to sign in, names a wrong password, then opens the editor; signing out asks again', async () => {
    const email = await staffAccount(ctx.api, 'admin');
    await openPage();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Clinic admin: sign in');
    await signInWith(email, 'not the password');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Wrong email or password: they do not match a staff account of this clinic.',
      ),
    );
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    await signInWith(email, PASSWORD);
    await screen.findByText('Signed in as admin@clinic.example (administrator)');
    await settled(pages[0]!);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Small Test Clinic: hours and appointment types',
    );
    // Unsaved changes: signing out asks first.
    fireEvent.input(screen.getByLabelText('Monday hours 1 start'), { target: { value: '10:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(screen.getByText('Your unsaved changes will be lost.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stay' }));
    expect((screen.getByLabelText('Monday hours 1 start') as HTMLInputElement).value).toBe('10:00');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign out anyway' }));
    await screen.findByRole('heading', { name: 'Clinic admin: sign in' });
    // The session is gone on the server too: a new page asks again.
    cleanup();
    await openPage();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Clinic admin: sign in');
  });
});

describe('the staff accounts', () => {
  const panel = () => screen.getByRole('region', { name: 'Staff accounts' });
  const emails = () =>
    [...within(panel()).getByTestId('staff-accounts').querySelectorAll<HTMLTableRowElement>('tbody tr')].map(
      (row) => [
        row.cells[0]?.textContent,
        row.cells[1]?.querySelector('span')?.textContent,
        row.cells[4]?.textContent,
      ],
    );
  const notice = () => within(panel()).getByRole('status').textContent;

  it('lets an administrator add an account that can sign in, and remove it, which ends its sessions; not their own', async () => {
    const { page } = await signedInPage('admin');
    await waitFor(() => expect(page.staffAccounts.status.value).toBe('ready'));
    expect(emails()).toEqual([['admin@clinic.example', 'Administrator', 'You']]);
    const add = (email: string) => {
      fireEvent.input(within(panel()).getByLabelText('Email'), { target: { value: email } });
      fireEvent.change(within(panel()).getByLabelText('Role'), { target: { value: 'staff' } });
      fireEvent.input(within(panel()).getByLabelText('First password (at least 12 characters)'), {
        target: { value: PASSWORD },
      });
      fireEvent.click(within(panel()).getByRole('button', { name: 'Add the account' }));
    };
    add('admin@clinic.example');
    await waitFor(() =>
      expect(notice()).toBe(
        'The account was not added: A staff member of this clinic already has that email address.',
      ),
    );
    add('front@clinic.example');
    await waitFor(() =>
      expect(notice()).toBe(
        'Added front@clinic.example (staff). Give them the password in person; it is not shown again.',
      ),
    );
    expect(emails()).toEqual([
      ['admin@clinic.example', 'Administrator', 'You'],
      ['front@clinic.example', 'Staff', 'Remove'],
    ]);
    expect(
      (within(panel()).getByLabelText('First password (at least 12 characters)') as HTMLInputElement).value,
    ).toBe('');
    fireEvent.click(
      within(panel()).getByRole('button', { name: 'Make administrator: front@clinic.example' }),
    );
    await waitFor(() => expect(notice()).toBe('front@clinic.example is an administrator now.'));
    expect(emails()[1]).toEqual(['front@clinic.example', 'Administrator', 'Remove']);
    fireEvent.click(within(panel()).getByRole('button', { name: 'Make staff: front@clinic.example' }));
    await waitFor(() => expect(notice()).toBe('front@clinic.example is staff now.'));
    expect(within(panel()).queryByRole('button', { name: /^Make .*: admin@clinic\.example$/ })).toBeNull();

    // The new account signs in, elsewhere (this page's cookie jar holds the administrator's session).
    const session = `/c/${ctx.api.clinicId}/api/staff/session`;
    const signedIn = await ctx.api.server.app.inject({
      method: 'POST',
      url: session,
      payload: { email: 'front@clinic.example', password: PASSWORD },
    });
    expect(signedIn.statusCode).toBe(200);
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;

    fireEvent.click(within(panel()).getByRole('button', { name: 'Remove front@clinic.example' }));
    fireEvent.click(within(panel()).getByRole('button', { name: 'Keep' }));
    expect(emails()[1]).toEqual(['front@clinic.example', 'Staff', 'Remove']);
    fireEvent.click(within(panel()).getByRole('button', { name: 'Remove front@clinic.example' }));
    fireEvent.click(within(panel()).getByRole('button', { name: 'Remove front@clinic.example' }));
    await waitFor(() => expect(notice()).toBe('Removed front@clinic.example: their sessions have ended.'));
    expect(emails()).toEqual([['admin@clinic.example', 'Administrator', 'You']]);
    expect((await ctx.api.server.app.inject({ url: session, headers: { cookie } })).statusCode).toBe(401);
  });

  it("lets an administrator set another account's password, which ends its sessions; not their own", async () => {
    await staffAccount(ctx.api, 'staff', 'front@clinic.example');
    const { page } = await signedInPage('admin');
    await waitFor(() => expect(page.staffAccounts.status.value).toBe('ready'));
    const rowOf = (email: string) => within(panel()).getByRole('cell', { name: email }).closest('tr')!;
    expect(within(rowOf('admin@clinic.example')).queryByRole('button', { name: /password/ })).toBeNull();
    expect(rowOf('admin@clinic.example').cells[3]?.textContent).toBe(
      'Change yours with “Your password” at the top',
    );
    const before = await signInElsewhere('front@clinic.example', PASSWORD);
    expect(before.status).toBe(200);

    const open = () =>
      fireEvent.click(
        within(rowOf('front@clinic.example')).getByRole('button', {
          name: 'Set a new password for front@clinic.example',
        }),
      );
    const form = () => within(panel()).getByRole('form', { name: 'New password for front@clinic.example' });
    const input = () =>
      within(form()).getByLabelText(
        'New password (at least 12 characters) for front@clinic.example',
      ) as HTMLInputElement;
    open();
    expect(document.activeElement).toBe(input());
    expect([input().autocomplete, input().minLength, input().required]).toEqual(['new-password', 12, true]);
    fireEvent.input(input(), { target: { value: 'abandoned password' } });
    fireEvent.click(
      within(form()).getByRole('button', { name: 'Cancel the new password for front@clinic.example' }),
    );
    expect(within(panel()).queryByRole('form', { name: 'New password for front@clinic.example' })).toBeNull();

    open();
    expect(input().value).toBe('');
    // Past the browser's own length check (a submit event straight away): the server refuses it too.
    fireEvent.input(input(), { target: { value: 'too short' } });
    fireEvent.submit(form());
    await waitFor(() =>
      expect(notice()).toBe(
        "front@clinic.example's password was not changed: A password has at least 12 characters.",
      ),
    );
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(input().getAttribute('aria-describedby')).toBe('cs-admin-staff-notice');

    fireEvent.input(input(), { target: { value: 'a new password for the front desk' } });
    expect(input().getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(
      within(form()).getByRole('button', { name: 'Set the password for front@clinic.example' }),
    );
    await waitFor(() =>
      expect(notice()).toBe(
        'New password set for front@clinic.example: their sessions have ended. Give it to them in person; it is not shown again.',
      ),
    );
    expect(within(panel()).queryByRole('form', { name: 'New password for front@clinic.example' })).toBeNull();
    expect(
      within(rowOf('front@clinic.example')).getByRole('button', {
        name: 'Set a new password for front@clinic.example',
      }),
    ).toBeTruthy();
    // The new password signs in, the old one no longer does, and the session opened before has ended.
    expect((await sessionWith(before.cookie)).statusCode).toBe(401);
    expect((await signInElsewhere('front@clinic.example', PASSWORD)).status).toBe(401);
    expect((await signInElsewhere('front@clinic.example', 'a new password for the front desk')).status).toBe(
      200,
    );
    // An administrator changes their own password as staff do.
    expect(screen.getByRole('button', { name: 'Your password' }).getAttribute('aria-expanded')).toBe('false');
  });

  it('are neither shown to nor asked for by a staff member', async () => {
    const { page } = await signedInPage('staff');
    expect(screen.queryByRole('region', { name: 'Staff accounts' })).toBeNull();
    expect(page.staffAccounts.status.value).toBe('idle');
    // The editor's checks (and their month of busy time) are done before the server stops.
    await waitFor(() => expect(page.store.value?.analysis.value.status).toBe('done'));
  });
});

describe('your password', () => {
  const yours = () => screen.getByRole('region', { name: 'Your password' });
  const field = (label: string) => within(yours()).getByLabelText(label) as HTMLInputElement;
  const said = () => within(yours()).getByRole('status').textContent;
  const NEW_PASSWORD = 'my own new password at last';
  function change(current: string, next: string, again: string) {
    fireEvent.input(field('Current password'), { target: { value: current } });
    fireEvent.input(field('New password (at least 12 characters)'), { target: { value: next } });
    fireEvent.input(field('New password again'), { target: { value: again } });
    fireEvent.click(within(yours()).getByRole('button', { name: 'Change my password' }));
  }

  it('lets a staff member change their own, refusing a wrong current password and a mistyped repeat', async () => {
    const { api } = await signedInPage('staff');
    const elsewhere = await signInElsewhere('staff@clinic.example', PASSWORD);
    const toggle = screen.getByRole('button', { name: 'Your password' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('region', { name: 'Your password' })).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.getAttribute('aria-controls')).toBe(yours().id);
    expect(document.activeElement).toBe(field('Current password'));
    expect(
      ['Current password', 'New password (at least 12 characters)', 'New password again'].map(
        (label) => field(label).autocomplete,
      ),
    ).toEqual(['current-password', 'new-password', 'new-password']);
    expect(field('New password (at least 12 characters)').minLength).toBe(12);
    const sent = vi.spyOn(api, 'changeOwnPassword');

    change('not my password at all', NEW_PASSWORD, NEW_PASSWORD);
    await waitFor(() => expect(said()).toBe('That is not your current password.'));
    expect(field('Current password').getAttribute('aria-invalid')).toBe('true');

    change(PASSWORD, NEW_PASSWORD, 'my own new password at least');
    expect(said()).toBe('The two new passwords differ.');
    expect(field('New password again').getAttribute('aria-invalid')).toBe('true');
    expect(field('Current password').getAttribute('aria-invalid')).toBeNull();
    expect(sent).toHaveBeenCalledTimes(1);

    change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
    await waitFor(() => expect(said()).toBe('Your password is changed; your other sessions have ended.'));
    expect(sent).toHaveBeenCalledTimes(2);
    expect(
      ['Current password', 'New password (at least 12 characters)', 'New password again'].map(
        (label) => field(label).value,
      ),
    ).toEqual(['', '', '']);
    // The other session has ended and this one stays; the new password signs in, the old one not.
    expect((await sessionWith(elsewhere.cookie)).statusCode).toBe(401);
    expect((await api.session()).ok).toBe(true);
    expect((await signInElsewhere('staff@clinic.example', PASSWORD)).status).toBe(401);
    expect((await signInElsewhere('staff@clinic.example', NEW_PASSWORD)).status).toBe(200);

    fireEvent.click(within(yours()).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Your password' })).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });
});

describe('signing in, refused', () => {
  it('names the rate limit after ten wrong passwords, with the wait the server gives', async () => {
    const email = await staffAccount(ctx.api, 'admin');
    await openPage();
    for (let attempt = 1; attempt <= 10; attempt++) {
      await signInWith(email, `wrong password ${attempt}`);
      await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/^Wrong email or password/));
      await waitFor(() => expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy());
    }
    await signInWith(email, PASSWORD);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Too many sign-in attempts for this account: try again in 15 minutes.',
      ),
    );
    expect(screen.queryByText(/^Signed in as/)).toBeNull();
  });
});

/** A sign-in from another browser (its own session): the answer's status and session cookie. */
async function signInElsewhere(email: string, password: string) {
  const answer = await ctx.api.server.app.inject({
    method: 'POST',
    url: `/c/${ctx.api.clinicId}/api/staff/session`,
    payload: { email, password },
  });
  return { status: answer.statusCode, cookie: String(answer.headers['set-cookie']).split(';')[0]! };
}

const sessionWith = (cookie: string) =>
  ctx.api.server.app.inject({ url: `/c/${ctx.api.clinicId}/api/staff/session`, headers: { cookie } });

async function signedInPage(role: 'admin' | 'staff' = 'admin') {
  const email = await staffAccount(ctx.api, role);
  const opened = await openPage();
  await signInWith(email, PASSWORD);
  await screen.findByText(/^Signed in as/);
  await settled(opened.page);
  return opened;
}

describe('saving with If-Match', () => {
  it('saves over the loaded version, then refuses a save over a newer one with the diff, and overwrites knowingly', async () => {
    const { page } = await signedInPage();
    fireEvent.input(screen.getByLabelText('Monday hours 1 start'), { target: { value: '10:00' } });
    await save();
    await waitFor(() => expect(status()).toBe('Saved. Patients now see these hours.'));
    const [mine] = await versionsOf(ctx.api);
    expect(mine).toMatchObject({ version: 2, savedBy: 'admin@clinic.example', note: 'saved' });
    expect(page.store.value?.baseEtag.value).toBe(mine?.etag);

    // Another administrator saves version 3 meanwhile: Dr. Lee stops working Fridays.
    const theirs = structuredClone(page.store.value?.saved.value) as {
      providers: Array<{ weekly: Record<string, unknown> }>;
    };
    delete theirs.providers[0]!.weekly.fri;
    expect(await saveAsOtherAdmin(ctx.api, theirs)).toBe(3);

    fireEvent.input(screen.getByLabelText('Monday hours 1 end'), { target: { value: '11:00' } });
    await save();
    const conflict = await screen.findByRole('region', {
      name: 'Newer rules were saved: your draft was not',
    });
    expect(within(conflict).getByTestId('conflict-summary').textContent).toBe(
      'Version 3 was saved Tue 1 Dec 2026, 07:00 EST by other@clinic.example, after your draft was opened. Below: what your draft would change compared with version 3.',
    );
    expect(status()).toMatch(/^The rules were changed \(version 3, by other@clinic.example\)/);
    // From version 3 to the draft: Dr. Lee's four Fridays back (24 slots of the four types each),
    // and 11:00-12:00 gone from four Mondays (8 slots each).
    await waitFor(() =>
      expect(within(conflict).getByTestId('conflict-total').textContent).toBe(
        'Over the next 4 weeks: 96 slots added, 32 removed.',
      ),
    );
    fireEvent.click(within(conflict).getByRole('button', { name: 'Save my draft over version 3' }));
    await waitFor(() => expect(status()).toBe('Saved. Patients now see these hours.'));
    expect((await versionsOf(ctx.api)).map((v) => v.version)).toEqual([4, 3, 2, 1]);
  });
});

describe('a save that runs into a newer version or orphans bookings', () => {
  it('takes over the newer version, dropping the draft', async () => {
    const { page } = await signedInPage();
    const theirs = structuredClone(page.store.value?.saved.value) as { clinic: { name: string } };
    theirs.clinic.name = 'Renamed Clinic';
    await saveAsOtherAdmin(ctx.api, theirs);
    fireEvent.input(screen.getByLabelText('Monday hours 1 start'), { target: { value: '10:00' } });
    await save();
    const conflict = await screen.findByRole('region', {
      name: 'Newer rules were saved: your draft was not',
    });
    fireEvent.click(within(conflict).getByRole('button', { name: 'Use version 2 (discard my draft)' }));
    await screen.findByRole('heading', { name: 'Renamed Clinic: hours and appointment types' });
    expect((screen.getByLabelText('Monday hours 1 start') as HTMLInputElement).value).toBe('09:00');
    expect(status()).toBe('No unsaved changes.');
    expect(page.store.value?.baseEtag.value).toBe((await versionsOf(ctx.api))[0]?.etag);
  });

  it('lists the bookings a draft would orphan and keeps them as busy time when asked', async () => {
    await bookAsPatient(ctx.api);
    const { page } = await signedInPage();
    const draft = structuredClone(page.store.value?.saved.value) as {
      appointmentTypes: Array<{ id: string }>;
    };
    draft.appointmentTypes = draft.appointmentTypes.filter((type) => type.id !== 'follow-up');
    page.store.value?.setRawText(JSON.stringify(draft));
    await save();
    const orphans = await screen.findByRole('region', {
      name: '1 upcoming booking would lose its type or provider',
    });
    expect(within(orphans).getByTestId('orphans').textContent).toBe(
      'Follow-up visit with Dr. Ana Lee: 1 upcoming booking (the appointment type is removed)',
    );
    expect((await versionsOf(ctx.api)).length).toBe(1);
    fireEvent.click(within(orphans).getByRole('button', { name: 'Keep them as busy time and save' }));
    await waitFor(() => expect(status()).toBe('Saved. Patients now see these hours.'));
    expect((await versionsOf(ctx.api))[0]?.note).toBe(
      'saved, keeping 1 orphaned booking group(s) as busy time',
    );
  });

  it('asks to sign in again when the session ends mid-edit, keeps the draft and saves it after', async () => {
    const { page } = await signedInPage();
    fireEvent.input(screen.getByLabelText('Monday hours 1 start'), { target: { value: '10:30' } });
    // Twelve hours and a minute later the server has forgotten the session.
    ctx.api.clock.now += 12 * 60 * 60 * 1000 + 60_000;
    await save();
    await waitFor(() =>
      expect(status()).toBe('Your session has ended: sign in again to save. Your draft is kept.'),
    );
    const again = screen.getByRole('region', { name: 'Your session has ended' });
    expect((screen.getByLabelText('Monday hours 1 start') as HTMLInputElement).value).toBe('10:30');
    fireEvent.input(within(again).getByLabelText('Password'), { target: { value: PASSWORD } });
    fireEvent.click(within(again).getByRole('button', { name: 'Sign in again' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Your session has ended' })).toBeNull());
    await save();
    await waitFor(() => expect(status()).toBe('Saved. Patients now see these hours.'));
    const saved = page.store.value?.saved.value as {
      providers: Array<{ weekly: { mon: Array<{ start: string }> } }>;
    };
    expect(saved.providers[0]?.weekly.mon[0]?.start).toBe('10:30');
    expect((await versionsOf(ctx.api))[0]?.version).toBe(2);
  });
});

describe('what staff see', () => {
  it('shows a staff member the rules read-only, with why, and the next 31 days of bookings', async () => {
    await bookAsPatient(ctx.api);
    const logged = vi.spyOn(console, 'log');
    const warned = vi.spyOn(console, 'warn');
    const errored = vi.spyOn(console, 'error');
    await signedInPage('staff');
    expect(screen.getByText(READ_ONLY_NOTE)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(
      (screen.getByLabelText('Monday hours 1 start') as HTMLInputElement).closest('fieldset')?.disabled,
    ).toBe(true);
    expect(screen.queryByRole('button', { name: /^Restore version/ })).toBeNull();
    const table = screen.getByTestId('bookings');
    expect(table.querySelector('caption')?.textContent).toBe(
      '1 booking in the next 31 days, times in America/New_York',
    );
    const cells = [...table.querySelectorAll('tbody tr')].map((row) =>
      [...row.children].map((cell) => cell.textContent),
    );
    expect(cells).toEqual([
      [
        'Wed 2 Dec 2026, 09:00 EST',
        'Follow-up visit',
        'Dr. Ana Lee',
        'Maria Garcia',
        'maria@example.com',
        '+1 555 010 2030',
        'Confirmed',
        'Yes, any provider',
        '',
        'Move…Cancel…',
      ],
    ]);
    // The patient's details are on screen only.
    const said = [...logged.mock.calls, ...warned.mock.calls, ...errored.mock.calls].flat().join(' ');
    for (const secret of ['Maria', 'maria@example.com', '555 010 2030', '1984-03-09']) {
      expect(said).not.toContain(secret);
      expect(JSON.stringify({ ...localStorage })).not.toContain(secret);
      expect(JSON.stringify({ ...sessionStorage })).not.toContain(secret);
      expect(location.href).not.toContain(secret);
    }
    // Signing out forgets them.
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { name: 'Clinic admin: sign in' });
    expect(document.body.textContent).not.toContain('Maria');
  });
});

describe('the rules history', () => {
  it('lists versions, diffs any two and restores one as a new version after confirming', async () => {
    const { page } = await signedInPage();
    fireEvent.input(screen.getByLabelText('Monday hours 1 start'), { target: { value: '10:00' } });
    await save();
    await waitFor(() => expect(screen.getByText('Saved versions, newest first (2)')).toBeTruthy());
    const history = screen.getByRole('region', { name: 'History' });
    const rows = [...history.querySelectorAll('tbody tr')].map((row) =>
      [...row.children].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['2', 'Tue 1 Dec 2026, 07:00 EST by admin@clinic.example', 'saved', '0', 'Current'],
      [
        '1',
        'Tue 1 Dec 2026, 07:00 EST by the server',
        'seeded from small-clinic.json',
        '0',
        'Restore version 1',
      ],
    ]);
    fireEvent.click(within(history).getByRole('button', { name: 'Compare' }));
    // Version 1 to 2: 09:00-10:00 gone from Dr. Lee's four Mondays (8 slots of the four types each).
    await waitFor(() =>
      expect(within(history).getByTestId('history-total').textContent).toBe(
        'Over the next 4 weeks: 0 slots added, 32 removed.',
      ),
    );
    fireEvent.click(within(history).getByRole('button', { name: 'Restore version 1' }));
    expect(within(history).getByText(/^Restore version 1\? It becomes a new version/).textContent).toBe(
      'Restore version 1? It becomes a new version that patients see at once.',
    );
    fireEvent.click(within(history).getByRole('button', { name: 'Cancel' }));
    expect((await versionsOf(ctx.api)).length).toBe(2);
    fireEvent.click(within(history).getByRole('button', { name: 'Restore version 1' }));
    fireEvent.click(within(history).getAllByRole('button', { name: 'Restore version 1' })[1]!);
    await within(history).findByText('Version 1 was restored as version 3. Patients now see it.');
    const [restored] = await versionsOf(ctx.api);
    expect(restored).toMatchObject({
      version: 3,
      note: 'restored version 1',
      savedBy: 'admin@clinic.example',
    });
    await waitFor(() =>
      expect((screen.getByLabelText('Monday hours 1 start') as HTMLInputElement).value).toBe('09:00'),
    );
    expect(page.store.value?.baseEtag.value).toBe(restored?.etag);
    await waitFor(() => expect(screen.getByText('Saved versions, newest first (3)')).toBeTruthy());
  });
});

describe('cancelling for a patient', () => {
  it('cancels a visit from the bookings list after asking twice, tells how the patient hears, and offers it no more', async () => {
    await bookAsPatient(ctx.api);
    const { page } = await signedInPage('staff');
    const when = 'Wed 2 Dec 2026, 09:00 EST';
    fireEvent.click(screen.getByRole('button', { name: `Cancel… Maria Garcia, ${when}` }));
    // Keeping it changes nothing.
    fireEvent.click(screen.getByRole('button', { name: `Keep it: Maria Garcia, ${when}` }));
    fireEvent.click(screen.getByRole('button', { name: `Cancel… Maria Garcia, ${when}` }));
    fireEvent.click(screen.getByRole('button', { name: `Cancel the visit: Maria Garcia, ${when}` }));
    await screen.findByText('Cancelled. The patient is emailed.');
    const row = screen.getByTestId('bookings').querySelector('tbody tr')!;
    expect([...row.children].map((cell) => cell.textContent).slice(6)).toEqual([
      'Cancelled',
      'Yes, any provider',
      '',
      '',
    ]);
    expect(within(row as HTMLElement).queryByRole('button')).toBeNull();
    // The server has it cancelled, and the patient's message went out.
    await ctx.api.messagesSent();
    expect(ctx.api.outbox.latest(ctx.api.clinicId)).toMatchObject({ kind: 'clinic-cancelled' });
    await page.bookings.load('America/New_York');
    await waitFor(() =>
      expect(screen.getByTestId('bookings').querySelector('tbody tr td:nth-of-type(6)')?.textContent).toBe(
        'Cancelled',
      ),
    );
  });
});

describe('moving for a patient', () => {
  it('moves a visit to a free time with another provider, finds the times again when one was just taken, and lists it there', async () => {
    await bookAsPatient(ctx.api);
    const { page } = await signedInPage('staff');
    const who = 'Maria Garcia, Wed 2 Dec 2026, 09:00 EST';
    fireEvent.click(screen.getByRole('button', { name: `Move… ${who}` }));
    const freeTimes = async () =>
      within(await screen.findByRole('group', { name: 'Free times' }))
        .getAllByRole('button')
        .map((button) => button.textContent);
    // That Wednesday morning with Dr. Lee, but for the time it is at.
    expect(await freeTimes()).toEqual(['09:30', '10:00', '10:30', '11:00', '11:30']);
    fireEvent.change(screen.getByLabelText(`Provider to move to: ${who}`), { target: { value: 'dr-park' } });
    await waitFor(async () => expect((await freeTimes())[0]).toBe('13:00'));
    expect(await freeTimes()).toEqual([
      '13:00',
      '13:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
    ]);
    // Dr. Park works Monday and Wednesday afternoons: Thursday has none, and the next day with any
    // is Monday.
    fireEvent.input(screen.getByLabelText(`Day to move to: ${who}`), { target: { value: '2026-12-03' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Next free day: Mon 7 Dec 2026' }));
    await waitFor(async () => expect((await freeTimes())[0]).toBe('13:00'));
    expect((screen.getByLabelText(`Day to move to: ${who}`) as HTMLInputElement).value).toBe('2026-12-07');
    fireEvent.input(screen.getByLabelText(`Day to move to: ${who}`), { target: { value: '2026-12-02' } });
    await waitFor(async () => expect(await freeTimes()).toContain('14:00'));

    // Another patient books 14:00 while the front desk is choosing it.
    await bookAsPatient(
      ctx.api,
      { providerId: 'dr-park', start: Date.parse('2026-12-02T19:00:00Z') },
      'meanwhile',
    );
    fireEvent.click(screen.getByRole('button', { name: '14:00' }));
    fireEvent.click(screen.getByRole('button', { name: `Move to Wed 2 Dec 2026, 14:00 EST: ${who}` }));
    await screen.findByText('The visit was not moved: That time is no longer available.');
    await waitFor(async () => expect(await freeTimes()).not.toContain('14:00'));

    fireEvent.click(screen.getByRole('button', { name: '14:30' }));
    fireEvent.click(screen.getByRole('button', { name: `Move to Wed 2 Dec 2026, 14:30 EST: ${who}` }));
    await screen.findByText('Moved to Wed 2 Dec 2026, 14:30 EST. The patient is emailed.');
    expect(screen.queryByRole('group', { name: 'Free times' })).toBeNull();
    const row = screen.getByTestId('bookings').querySelector('tbody tr')!;
    expect([...row.children].map((cell) => cell.textContent).slice(0, 4)).toEqual([
      'Wed 2 Dec 2026, 14:30 EST',
      'Follow-up visit',
      'Dr. Sam Park',
      'Maria Garcia',
    ]);
    await ctx.api.messagesSent();
    expect(ctx.api.outbox.latest(ctx.api.clinicId)).toMatchObject({
      kind: 'clinic-moved',
      booking: { providerId: 'dr-park', start: Date.parse('2026-12-02T19:30:00Z') },
    });
    await page.bookings.load('America/New_York');
    // Opened again, the form starts from where the booking is now.
    const now = 'Maria Garcia, Wed 2 Dec 2026, 14:30 EST';
    fireEvent.click(await screen.findByRole('button', { name: `Move… ${now}` }));
    expect((screen.getByLabelText(`Provider to move to: ${now}`) as HTMLSelectElement).value).toBe('dr-park');
    expect(await freeTimes()).toEqual(['13:00', '13:30', '15:00', '15:30', '16:00', '16:30']);
    fireEvent.click(screen.getByRole('button', { name: `Keep the time: ${now}` }));
  });
});
