import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempApi } from '../../server/testing.ts';
import { fakePreview, fakeSlotClient } from '../../test/admin/admin-fakes.ts';
import {
  bookAsPatient,
  openAt,
  PASSWORD,
  saveAsOtherAdmin,
  staffAccount,
  versionsOf,
} from '../../test/admin/staff-server.ts';
import { createAdminApiClient } from '../api/admin-client.ts';
import { AdminPage } from './components/AdminPage.tsx';
import { createAdminPage } from './page.ts';

const ctx = useTempApi();
// Real sign-ins hash passwords with Argon2id: on a busy machine they take a while.
configure({ asyncUtilTimeout: 10_000 });
const pages: Array<ReturnType<typeof createAdminPage>> = [];
afterEach(() => {
  cleanup();
  for (const page of pages.splice(0)) page.dispose();
});

/** The admin page on the test clinic's server, with the real admin client; lints and diffs in this thread. */
async function openPage() {
  const apiBase = openAt(ctx.api);
  const api = createAdminApiClient({ apiBase, storage: null, retries: 0 });
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
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { name: 'Clinic admin: sign in' });
    // The session is gone on the server too: a new page asks again.
    cleanup();
    await openPage();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Clinic admin: sign in');
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
