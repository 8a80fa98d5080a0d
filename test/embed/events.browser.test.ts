/**
 * Every event of the built embed, from a whole booking, reschedule and cancellation against the
 * reference API on the other origin: the documented detail, the element as target, and no
 * patient data. The form is filled with marker strings; no event may carry any of them, nor the
 * booking's manage token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import {
  addWidget,
  type ClinicRules,
  fetchRules,
  loadWidget,
  origin,
  recordEvents,
  shadowOf,
  waitFor,
  waitForSlots,
} from './built-page.ts';

const apiBase = `${origin}/sandbox/embed-events/api`;
// The sandbox's visits are in person at one of its locations, so the detail names it.
const BOOKING_DETAIL_KEYS = ['appointmentTypeId', 'bookingId', 'end', 'locationId', 'providerId', 'start'];
const MARKERS = {
  name: 'Zqxmarker Patientname',
  dateOfBirth: '1985-04-23',
  email: 'zqxmarker.email@example.test',
  phone: '+1 555 010 9876',
  reason: 'zqxmarker reason for the visit',
};

let events: ReturnType<typeof recordEvents>;
let rules: ClinicRules;

beforeAll(async () => {
  events = recordEvents();
  // Versioned by query, as hosts with long caching do: the parts must come in the same version.
  await loadWidget(`${origin}/dist/clinic-scheduler.js?v=events`);
  rules = await fetchRules(apiBase);
});

afterAll(() => {
  document.body.replaceChildren();
  history.replaceState(history.state, '', location.pathname + location.search);
});

function button(root: ShadowRoot, text: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll<HTMLButtonElement>('button')].find(
    (candidate) => candidate.textContent?.trim() === text && !candidate.disabled,
  );
}

async function click(root: ShadowRoot, text: string): Promise<void> {
  const target = await waitFor(`a "${text}" button`, () => button(root, text));
  await userEvent.click(target);
}

function field(root: ShadowRoot, name: string): HTMLInputElement {
  const input = root.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (input === null) throw new Error(`no field named ${name}`);
  return input;
}

/**
 * Picks the day's last time on screen and moves on from the calendar. Not the first: run during
 * the clinic's hours, the first time sits at the edge of the type's notice, which the server
 * checks against its own clock a few seconds later.
 */
async function pickLastTime(element: HTMLElement): Promise<void> {
  const slots = await waitForSlots(element);
  await userEvent.click(slots.at(-1)!);
  await click(shadowOf(element), 'Continue');
}

describe('events of a whole booking', () => {
  it('fires each documented event with its documented detail and never any patient data', {
    timeout: 90_000,
  }, async () => {
    const type = rules.appointmentTypes.find((candidate) => candidate.providerIds.length > 0)!;
    const providerId = type.providerIds[0]!;
    const attributes = { 'api-base': apiBase, 'appointment-type': type.id, provider: providerId };

    // Book.
    const element = addWidget(attributes);
    const root = shadowOf(element);
    const ready = await waitFor('cs-ready', () => events.find((e) => e.name === 'cs-ready'));
    expect(ready.target).toBe(element);
    expect(ready.detail).toEqual({
      mode: 'book',
      locale: 'en',
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    await pickLastTime(element);
    await waitFor('the details form', () => root.querySelector('[name="email"]'));
    const parts = performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => name.includes('/dist/clinic-scheduler-'));
    expect(parts).toEqual([expect.stringMatching(/\/dist\/clinic-scheduler-later-[\w-]{8}\.mjs$/)]);
    // The form's checks live in the later part, on the page's signals: an empty submit shows them.
    await click(root, 'Continue');
    await waitFor("the name field's error", () =>
      [...root.querySelectorAll('.cs-error')].find((error) => error.textContent === 'Enter your full name.'),
    );
    for (const name of ['name', 'dateOfBirth', 'email', 'phone', 'reason'] as const) {
      await userEvent.fill(field(root, name), MARKERS[name]);
    }
    await userEvent.click(root.querySelector<HTMLInputElement>('input[type="radio"][value="new"]')!);
    await userEvent.click(root.querySelector<HTMLInputElement>('input[type="checkbox"]')!);
    await click(root, 'Continue');
    await click(root, 'Confirm booking');
    const booked = await waitFor('cs-booked', () => events.find((e) => e.name === 'cs-booked'), 20_000);
    expect(booked.target).toBe(element);
    const bookedDetail = booked.detail as Record<string, unknown>;
    expect(Object.keys(bookedDetail).sort()).toEqual(BOOKING_DETAIL_KEYS);
    expect(bookedDetail).toMatchObject({ appointmentTypeId: type.id, providerId });
    expect(typeof bookedDetail.bookingId).toBe('string');
    expect(bookedDetail.end as number).toBeGreaterThan(bookedDetail.start as number);

    // The patient opens the manage link from the email, in a new tab.
    const link = await waitFor('the manage link', () =>
      root.querySelector<HTMLAnchorElement>('a[href*="#booking="]'),
    );
    const token = decodeURIComponent(new URL(link.href).hash.slice('#booking='.length));
    // The details and review steps held a history entry of the widget's own (back-button.ts),
    // which it takes back with an asynchronous `history.back()` once the booking is made. A new
    // tab has no such entry: the link is put in place once that traversal has landed, or it
    // would land on the page's entry before the link and take the fragment with it.
    await waitFor('the history entry dropped', () => !('clinicScheduler' in (history.state ?? {})));
    element.remove();
    // Nothing of the visit is kept in the page's storage.
    const kept = [...Object.keys(sessionStorage), ...Object.keys(localStorage)];
    expect(kept.filter((key) => key.startsWith('clinic-scheduler'))).toEqual([]);
    history.replaceState(history.state, '', `#booking=${encodeURIComponent(token)}`);
    const manage = addWidget(attributes);
    const manageRoot = shadowOf(manage);

    // Reschedule to another time.
    await click(manageRoot, 'Reschedule');
    const slots = await waitForSlots(manage);
    const unchosen = slots.filter((slot) => !slot.querySelector<HTMLInputElement>('input')?.checked);
    const other = unchosen.at(-1) ?? slots.at(-1)!;
    await userEvent.click(other);
    await click(manageRoot, 'Continue');
    await click(manageRoot, 'Confirm new time');
    const moved = await waitFor(
      'cs-rescheduled',
      () => events.find((e) => e.name === 'cs-rescheduled'),
      20_000,
    );
    expect(moved.target).toBe(manage);
    const movedDetail = moved.detail as Record<string, unknown>;
    expect(Object.keys(movedDetail).sort()).toEqual(BOOKING_DETAIL_KEYS);
    expect(movedDetail.bookingId).toBe(bookedDetail.bookingId);

    // Cancel.
    await click(manageRoot, 'Cancel appointment');
    await click(manageRoot, 'Yes, cancel it');
    const cancelled = await waitFor(
      'cs-cancelled',
      () => events.find((e) => e.name === 'cs-cancelled'),
      20_000,
    );
    expect(cancelled.detail).toEqual({ bookingId: bookedDetail.bookingId });

    // Every event seen, with its documented shape, and none carrying what the patient typed.
    const names = new Set(events.map((e) => e.name));
    expect([...names].sort()).toEqual([
      'cs-booked',
      'cs-cancelled',
      'cs-ready',
      'cs-rescheduled',
      'cs-slots-loaded',
    ]);
    for (const event of events.filter((e) => e.name === 'cs-slots-loaded')) {
      expect(Object.keys(event.detail as object).sort()).toEqual([
        'appointmentTypeId',
        'cached',
        'degraded',
        'elapsedMs',
        'month',
        'providerId',
        'slotCount',
        'truncated',
      ]);
    }
    const everything = JSON.stringify(events.map((e) => e.detail)).toLowerCase();
    const secrets = [...Object.values(MARKERS), 'zqxmarker', '0109876', token];
    expect(secrets.filter((secret) => everything.includes(secret.toLowerCase()))).toEqual([]);
    for (const event of events) expect(event.target === element || event.target === manage).toBe(true);
  });
});

describe('cs-error', () => {
  it('reports a bad attribute with its code, a docs link in the console and a visible notice', async () => {
    const errors: { code: string; message: string }[] = [];
    const element = document.createElement('clinic-scheduler');
    element.setAttribute('api-base', apiBase);
    element.setAttribute('date', '2025-02-30');
    element.addEventListener('cs-error', (event) => errors.push(event.detail));
    document.body.append(element);
    await waitFor('cs-error', () => errors[0]);
    expect(errors).toEqual([
      {
        code: 'INVALID_DATE',
        message: 'date "2025-02-30" is not a calendar date in the form YYYY-MM-DD; showing today.',
      },
    ]);
    const notice = shadowOf(element).querySelector<HTMLElement>('[part~="notices"]');
    expect(notice?.hidden).toBe(false);
    expect(notice?.textContent).toContain('(INVALID_DATE)');
    element.remove();
  });
});
