import axe from 'axe-core';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminPage } from '../../src/admin/components/AdminPage.tsx';
import { READ_ONLY_NOTE } from '../../src/admin/components/App.tsx';
import { clinicTime } from '../../src/admin/format.ts';
import { createAdminPage } from '../../src/admin/page.ts';
import { createAdminApiClient } from '../../src/api/admin-client.ts';
import { generateSlots, type RulesDocument } from '../../src/engine/index.ts';
import { createAdminClient } from '../../src/worker/client/admin-client.ts';
import { eventually } from '../widget/shadow.ts';
import { fakePreview } from './admin-fakes.ts';
import { button, field, text, type } from './dom-helpers.ts';

/** Tuesday 1 December 2026, 09:00 in New York: "today" for the page's diffs. */
const NOW = Date.parse('2026-12-01T14:00:00Z');

const realWorker = () =>
  new Worker(new URL('../../src/worker/inside/admin.worker.ts', import.meta.url), { type: 'module' });

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

/** A staff account of `sandbox` (the test origin's test-only route) and the admin page, signed out. */
async function openAs(sandbox: string, role: 'admin' | 'staff', now: () => number) {
  const made = await fetch(`/sandbox/${sandbox}/test-staff`, {
    method: 'POST',
    body: JSON.stringify({ role }),
  });
  const account = (await made.json()) as { email: string; password: string };
  const api = createAdminApiClient({ apiBase: `/sandbox/${sandbox}/api` });
  worker = createAdminClient({ createWorker: realWorker, deadlineMs: 20_000 });
  const client = worker;
  page = createAdminPage({ api, client, now });
  const opened = page;
  await opened.start();
  root = document.createElement('div');
  document.body.append(root);
  render(
    <AdminPage
      page={opened}
      client={client}
      now={now}
      schemaCheck={null}
      mountPreview={fakePreview().mount}
    />,
    root,
  );
  return { ...account, api, view: root };
}

function signIn(view: HTMLElement, email: string, password: string) {
  const input = (name: string) => view.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  type(input('email'), email);
  type(input('password'), password);
  button(view, 'Sign in').click();
}

describe('the admin page against the clinic server in Chromium', () => {
  it("shows a staff member the rules read-only and the next 31 days' bookings, axe-clean", async () => {
    const sandbox = 'admin-bookings';
    const rules = (await (await fetch(`/sandbox/${sandbox}/api/rules`)).json()) as RulesDocument;
    const type = rules.appointmentTypes.find((t) => (t.capacity ?? 1) === 1 && t.patients !== 'new');
    if (!type) throw new Error('the sample has no bookable type for existing patients');
    const now = Date.now();
    // The sandbox starts with no bookings: its slots need no busy window.
    const found = generateSlots(
      { ...rules, requires: [] },
      {
        appointmentTypeId: type.id,
        from: new Date(now).toISOString().slice(0, 10),
        to: new Date(now + 20 * 86_400_000).toISOString().slice(0, 10),
        now,
        maxSlots: 1,
      },
    );
    const slot = found.ok ? found.slots[0] : undefined;
    if (!slot) throw new Error('no slot in the next 20 days');
    const booked = await fetch(`/sandbox/${sandbox}/api/bookings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'staff-view-booking' },
      body: JSON.stringify({
        appointmentTypeId: type.id,
        providerId: slot.providerId,
        start: slot.start,
        patient: {
          name: 'Zelda Quarrington',
          dateOfBirth: '1984-03-09',
          email: 'zelda.q@example.com',
          phone: '+1 555 019 7788',
          patientStatus: 'existing',
          consent: true,
        },
      }),
    });
    expect(booked.status).toBe(201);

    const { email, password, view } = await openAs(sandbox, 'staff', () => Date.now());
    signIn(view, email, password);
    await eventually(() => expect(view.textContent).toContain(`Signed in as ${email} (staff)`), 15_000);
    expect(view.textContent).toContain(READ_ONLY_NOTE);
    expect(() => button(view, 'Save')).toThrow();
    expect(field(view, 'Monday hours 1 start').matches(':disabled')).toBe(true);
    await eventually(() => expect(view.querySelector('[data-testid="bookings"]')).not.toBeNull(), 15_000);
    // "Your password" open, checked with the rest.
    button(view, 'Your password').click();
    await eventually(() => expect(view.textContent).toContain('New password again'), 5000);
    const provider = rules.providers.find((p) => p.id === slot.providerId);
    const row = [...view.querySelectorAll('[data-testid="bookings"] tbody tr')].map((tr) =>
      [...tr.children].map((cell) => cell.textContent),
    );
    expect(row).toEqual([
      [
        clinicTime(slot.start, rules.timezone),
        type.name,
        provider?.name,
        'Zelda Quarrington',
        'zelda.q@example.com',
        '+1 555 019 7788',
        'Confirmed',
        'No',
        '',
        'Move…Cancel…',
      ],
    ]);
    // The move's form with that day's free times (the admin worker's, from the saved rules and busy
    // time) and the cancellation's question, both open, checked with the rest.
    const rowButton = (text: string) =>
      [...view.querySelectorAll<HTMLButtonElement>('[data-testid="bookings"] tbody button')].find(
        (found) => found.textContent === text,
      )!;
    rowButton('Move…').click();
    await eventually(
      () =>
        expect(view.querySelector('.cs-admin-move')?.textContent).toMatch(
          /Free times|No free times that day/,
        ),
      15_000,
    );
    rowButton('Cancel…').click();
    await eventually(() => expect(view.textContent).toContain('Keep it'), 5000);
    // The patient's details are on screen only (the sample's own provider is a Dr. Maria Garcia).
    const stored = JSON.stringify({ ...localStorage, ...sessionStorage });
    for (const detail of ['Quarrington', 'zelda.q@example.com', '555 019 7788', '1984-03-09']) {
      expect(stored).not.toContain(detail);
      expect(location.href).not.toContain(detail);
    }
    await axeClean('staff', view);
  });

  it('signs in, saves a change, then diffs and restores it from the history', async () => {
    const other = (await (
      await fetch('/sandbox/admin-staff/test-staff', {
        method: 'POST',
        body: JSON.stringify({ role: 'staff' }),
      })
    ).json()) as { email: string };
    const { email, password, api, view } = await openAs('admin-staff', 'admin', () => NOW);
    expect(view.querySelector('h1')?.textContent).toBe('Clinic admin: sign in');
    await axeClean('sign-in', view);

    signIn(view, email, 'not the password');
    await eventually(
      () =>
        expect(view.querySelector('[role="alert"]')?.textContent).toBe(
          'Wrong email or password: they do not match a staff account of this clinic.',
        ),
      15_000,
    );
    await axeClean('wrong password', view);
    signIn(view, email, password);
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
    // An administrator's page also lists the staff accounts, checked with the rest.
    await eventually(() => expect(view.textContent).toContain('Who can sign in to this page'), 15_000);
    // With another account's new-password form and "Your password" open.
    await eventually(() => button(view, `Set a new password for ${other.email}`).click(), 15_000);
    button(view, 'Your password').click();
    await eventually(() => expect(view.textContent).toContain('New password again'), 5000);
    expect(button(view, `Set the password for ${other.email}`)).toBeTruthy();
    // With a refused repeat (checked on the page, nothing sent).
    const own = (name: string) => view.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    type(own('current-password'), password);
    type(own('new-password'), 'a new password for me');
    type(own('new-password-again'), 'a new password for you');
    button(view, 'Change my password').click();
    await eventually(
      () =>
        expect(view.querySelector('#cs-admin-own-password [role="status"]')?.textContent).toBe(
          'The two new passwords differ.',
        ),
      5000,
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
