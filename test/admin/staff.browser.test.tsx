import axe from 'axe-core';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminPage } from '../../src/admin/components/AdminPage.tsx';
import { createAdminPage } from '../../src/admin/page.ts';
import { createAdminApiClient } from '../../src/api/admin-client.ts';
import { createAdminClient } from '../../src/worker/admin-client.ts';
import { eventually } from '../widget/shadow.ts';
import { fakePreview } from './admin-fakes.ts';
import { button, field, text, type } from './dom-helpers.ts';

/** The sample clinic's API of this test's own sandbox, on this page's origin (sandbox-proxy.ts). */
const API_BASE = '/sandbox/admin-staff/api';
/** Tuesday 1 December 2026, 09:00 in New York: "today" for the page's diffs. */
const NOW = Date.parse('2026-12-01T14:00:00Z');

const realWorker = () =>
  new Worker(new URL('../../src/worker/admin.worker.ts', import.meta.url), { type: 'module' });

let root: HTMLElement | null = null;
let page: ReturnType<typeof createAdminPage> | null = null;
let worker: ReturnType<typeof createAdminClient> | null = null;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  page?.dispose();
  worker?.dispose();
});

async function axeClean(view: string, where: HTMLElement) {
  const result = await axe.run(where, { resultTypes: ['violations'] });
  expect(
    result.violations.map((v) => `${view}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

describe('the admin page against the clinic server in Chromium', () => {
  it('signs in, saves a change, then diffs and restores it from the history', async () => {
    const made = await fetch('/sandbox/admin-staff/test-staff', {
      method: 'POST',
      body: JSON.stringify({ role: 'admin' }),
    });
    const { email, password } = (await made.json()) as { email: string; password: string };
    const api = createAdminApiClient({ apiBase: API_BASE, storage: null });
    worker = createAdminClient({ createWorker: realWorker, deadlineMs: 20_000 });
    const client = worker;
    const now = () => NOW;
    page = createAdminPage({ api, client, now });
    const opened = page;
    await opened.start();
    root = document.createElement('div');
    document.body.append(root);
    const view = root;
    render(
      <AdminPage
        page={opened}
        client={client}
        now={now}
        schemaCheck={null}
        mountPreview={fakePreview().mount}
      />,
      view,
    );
    expect(view.querySelector('h1')?.textContent).toBe('Clinic admin: sign in');
    await axeClean('sign-in', view);

    const input = (name: string) => view.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    type(input('email'), email);
    type(input('password'), 'not the password');
    button(view, 'Sign in').click();
    await eventually(
      () =>
        expect(view.querySelector('[role="alert"]')?.textContent).toBe(
          'Wrong email or password: they do not match a staff account of this clinic.',
        ),
      15_000,
    );
    await axeClean('wrong password', view);
    type(input('password'), password);
    button(view, 'Sign in').click();
    await eventually(
      () => expect(view.textContent).toContain(`Signed in as ${email} (administrator)`),
      15_000,
    );
    // The session lives in the HttpOnly cookie, out of the page's reach.
    expect(document.cookie).not.toContain('cs_staff');

    type(field(view, 'Monday hours 1 start'), '10:00');
    await eventually(() => expect(button(view, 'Save').disabled).toBe(false), 20_000);
    button(view, 'Save').click();
    await eventually(
      () => expect(text(view, 'save-status')).toBe('Saved. Patients now see these hours.'),
      15_000,
    );
    await eventually(() => expect(view.textContent).toContain('Saved versions, newest first (2)'), 15_000);

    button(view, 'Compare').click();
    // Dr. Lee's Mondays from 10:00 instead of 08:30: the morning's slots realign to the new start.
    await eventually(
      () => expect(text(view, 'history-total')).toBe('Over the next 4 weeks: 51 slots added, 96 removed.'),
      20_000,
    );
    await axeClean('history', view);

    button(view, 'Restore version 1').click();
    const confirmation = () =>
      [...view.querySelectorAll<HTMLButtonElement>('.cs-admin-confirm button')].find(
        (el) => el.textContent === 'Restore version 1',
      );
    await eventually(() => expect(confirmation()).toBeDefined(), 5000);
    confirmation()?.click();
    await eventually(
      () => expect(view.textContent).toContain('Version 1 was restored as version 3. Patients now see it.'),
      15_000,
    );
    await eventually(() => expect(field(view, 'Monday hours 1 start').value).toBe('08:30'), 15_000);
    await eventually(() => expect(view.textContent).toContain('Saved versions, newest first (3)'), 15_000);
    await axeClean('restored', view);

    button(view, 'Sign out').click();
    await eventually(
      () => expect(view.querySelector('h1')?.textContent).toBe('Clinic admin: sign in'),
      15_000,
    );
    expect((await api.session()).ok).toBe(false);
  }, 120_000);
});
