import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { createApiClient, newIdempotencyKey } from '../../src/api/client.ts';
import type { ApiClient, BookingConfirmation, OfferEarlier } from '../../src/api/types.ts';
import type { Slot } from '../../src/engine/types.ts';
import { createSlotClient } from '../../src/worker/client/client.ts';
import { recordEvents } from './fakes.ts';
import { axeViolations, byText, eventually, fillPatient, mountInShadow, type ShadowMount } from './shadow.ts';

/**
 * Earlier-time offers in real Chromium against the reference API (a sandbox clinic of its own per
 * test, the sample clinic's rules), with the real slot worker: a patient books in Spanish on a
 * desktop-sized page and opts in on the confirmation, a cancellation frees an earlier time, and the
 * email's link moves the visit in one tap; on a phone, a patient opts in from the manage link, and
 * two patients offered the same time tap at the same moment: exactly one gets it, the other is told
 * so with the visit unchanged. axe-core at each screen.
 */
const mounts: ShadowMount[] = [];
afterEach(async () => {
  for (const m of mounts.splice(0)) m.remove();
  await page.viewport(1280, 800);
});

beforeAll(async () => {
  // The dev server transforms the worker's modules on first use: do it once, outside any deadline.
  const warm = createSlotClient();
  await warm.validate({}, { deadlineMs: 25_000 }).catch(() => undefined);
  warm.dispose();
}, 30_000);

function sandbox(name: string): string {
  return `/sandbox/offers-${name}-${Date.now()}`;
}

function mount(api: string, extra: { locale: string; hash?: string }) {
  const { events, emit } = recordEvents();
  let hash = extra.hash ?? '';
  const m = mountInShadow(
    { mode: 'book', apiBase: api, locale: extra.locale, appointmentTypeId: 'follow-up', providerId: 'lee' },
    {
      emit,
      patientTimezone: 'Asia/Tokyo',
      locationHash: {
        get: () => hash,
        set: (value) => {
          hash = value;
        },
      },
    },
  );
  mounts.push(m);
  return { m, events, hash: () => hash };
}

async function clean(m: ShadowMount): Promise<void> {
  expect(await axeViolations(m.host)).toEqual([]);
}

/** The next bookable follow-up times with Dr. Lee, as the widget computes them. */
async function nextSlots(client: ApiClient): Promise<Slot[]> {
  const rules = await client.fetchRules();
  if (!rules.ok) throw new Error(rules.error.message);
  const now = Date.now();
  const from = new Date(now).toISOString().slice(0, 10);
  const to = new Date(now + 60 * 86_400_000).toISOString().slice(0, 10);
  const windows = [];
  for (const days of [0, 31, 62]) {
    const window = await client.fetchBusy(new Date(now + days * 86_400_000).toISOString().slice(0, 7));
    if (!window.ok) throw new Error(window.error.message);
    windows.push(window.value.window);
  }
  const slots = createSlotClient();
  try {
    const found = await slots.slots(
      { ...(rules.value.rules as object), busyWindows: windows },
      { appointmentTypeId: 'follow-up', providerId: 'lee', from, to, now },
      { deadlineMs: 20_000 },
    );
    return found.slots;
  } finally {
    slots.dispose();
  }
}

async function book(
  client: ApiClient,
  start: number,
  offerEarlier?: OfferEarlier,
): Promise<BookingConfirmation> {
  const made = await client.createBooking(
    {
      appointmentTypeId: 'follow-up',
      providerId: 'lee',
      start,
      patient: {
        name: 'Other Patient',
        dateOfBirth: '1990-01-01',
        email: 'other@example.com',
        phone: '+1 555 0199',
        patientStatus: 'existing',
        consent: true,
      },
      ...(offerEarlier ? { offerEarlier } : {}),
    },
    newIdempotencyKey(),
  );
  if (!made.ok) throw new Error(`not booked: ${made.error.code}`);
  return made.value;
}

/** The offer tokens the clinic's outbox holds for this sandbox, oldest first (test-origin.ts). */
async function offerTokens(base: string): Promise<string[]> {
  const answer = await fetch(`${base}/test-offers`);
  return ((await answer.json()) as { tokens: string[] }).tokens;
}

/** The sandbox's offers once the server has sent them (it answers after the sending settles). */
async function offers(base: string, n: number): Promise<string[]> {
  const tokens = await offerTokens(base);
  expect(tokens).toHaveLength(n);
  return tokens;
}

function slotRadios(m: ShadowMount): HTMLInputElement[] {
  return [...m.root.querySelectorAll<HTMLInputElement>('input[name$="-slot"]')];
}

async function press(m: ShadowMount, text: string): Promise<void> {
  await eventually(() => expect((byText(m.root, 'button', text) as HTMLButtonElement).disabled).toBe(false));
  byText(m.root, 'button', text).click();
}

describe('earlier-time offers against the reference API', () => {
  it('on a desktop, in Spanish: opts in on the confirmation, and the offer link moves the visit', async () => {
    await page.viewport(1280, 800);
    const base = sandbox('desktop');
    const api = `${base}/api`;
    const client = createApiClient({ apiBase: api });
    const [first] = await nextSlots(client);
    if (!first) throw new Error('no slots');
    // Someone else holds the first time; the patient books the next one shown.
    const other = await book(client, first.start);

    const { m } = mount(api, { locale: 'es' });
    await eventually(() => expect(slotRadios(m).length).toBeGreaterThan(0), 20_000);
    slotRadios(m)[0]?.click();
    await press(m, 'Continuar');
    await eventually(() => byText(m.root, 'h2', 'Sus datos'));
    fillPatient(m);
    await press(m, 'Continuar');
    await press(m, 'Confirmar la cita');
    await eventually(() => byText(m.root, 'h2', 'Su cita está reservada'), 10_000);
    const box = m.root.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    expect(box.labels?.[0]?.textContent).toBe('Ofrézcanme una hora antes si queda una libre');
    expect(box.checked).toBe(false);
    box.click();
    await eventually(() =>
      expect(m.root.querySelector('[data-live="polite"]')?.textContent).toBe(
        'Le ofreceremos una hora antes si queda una libre.',
      ),
    );
    expect(box.checked).toBe(true);
    await clean(m);
    const manage = new URL(byText(m.root, 'a', 'Gestionar su cita').getAttribute('href') ?? '').hash;
    const token = manage.replace('#booking=', '');
    const opened = await client.getBooking(token);
    expect(opened.ok && opened.value.booking.offerEarlier).toBe('same-provider');
    const bookedAt = opened.ok ? opened.value.booking.start : 0;
    m.remove();

    // The other patient cancels: the first time is offered to our patient by email.
    await client.cancel(other.manageToken, newIdempotencyKey());
    const [offer] = await offers(base, 1);
    const link = mount(api, { locale: 'es', hash: `#offer=${offer}` });
    const n = link.m;
    await eventually(() => byText(n.root, 'h2', 'Una hora antes para su cita'), 20_000);
    await eventually(() => byText(n.root, 'h3', 'Hora anterior ofrecida'));
    const times = [...n.root.querySelectorAll('.cs-compare dd:last-of-type')].map((dd) =>
      (dd.textContent ?? '').replace(/[\u202f\u00a0]/g, ' '),
    );
    // Each side in the patient's zone (Tokyo), with the clinic's (New York) beside it.
    expect(times).toHaveLength(2);
    for (const time of times)
      expect(time).toMatch(/^[^(]+ \(hora estándar de Japón\)\d{1,2}:\d{2} .+ en la clínica$/);
    await clean(n);
    await press(n, 'Adelantar mi cita a esta hora');
    await eventually(() => byText(n.root, 'h2', 'Su cita ha cambiado de hora'), 10_000);
    await clean(n);
    expect(link.hash()).toBe('');
    const moved = link.events.find((e) => e.name === 'cs-rescheduled')?.detail as { start: number };
    expect(moved.start).toBe(first.start);
    expect(moved.start).toBeLessThan(bookedAt);
    // The old manage link stops working once the booking has moved (the move makes a new token).
    const old = await client.getBooking(token);
    expect(old.ok).toBe(false);
  }, 120_000);

  it('on a phone, in English: opts in from the manage link; two patients take one time at once, and exactly one gets it', async () => {
    await page.viewport(375, 667);
    const base = sandbox('phone');
    const api = `${base}/api`;
    const client = createApiClient({ apiBase: api });
    const [first, second, third] = await nextSlots(client);
    if (!first || !second || !third) throw new Error('not enough slots');
    const freed = await book(client, first.start);
    const waiting = await book(client, second.start);
    await book(client, third.start, 'same-provider');

    // One patient opts in from their booking's manage link.
    const managed = mount(api, { locale: 'en', hash: `#booking=${waiting.manageToken}` });
    await eventually(
      () => byText(managed.m.root, 'label', 'Offer me an earlier time if one opens up'),
      20_000,
    );
    const box = managed.m.root.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    expect(box.checked).toBe(false);
    box.click();
    await eventually(() =>
      expect(managed.m.root.querySelector('[data-live="polite"]')?.textContent).toBe(
        'You will be offered an earlier time if one opens up.',
      ),
    );
    await clean(managed.m);
    const opened = await client.getBooking(waiting.manageToken);
    expect(opened.ok && opened.value.booking.offerEarlier).toBe('same-provider');
    managed.m.remove();

    await client.cancel(freed.manageToken, newIdempotencyKey());
    const [one, two] = await offers(base, 2);

    const a = mount(api, { locale: 'en', hash: `#offer=${one}` });
    const b = mount(api, { locale: 'en', hash: `#offer=${two}` });
    for (const { m } of [a, b]) {
      await eventually(() => byText(m.root, 'button', 'Move my appointment to this time'), 20_000);
    }
    await clean(a.m);
    // On a phone the two sides stand one above the other.
    const [now, next] = [...a.m.root.querySelectorAll('.cs-compare section')].map((s) =>
      s.getBoundingClientRect(),
    );
    expect(next!.top).toBeGreaterThanOrEqual(now!.bottom);
    byText(a.m.root, 'button', 'Move my appointment to this time').click();
    byText(b.m.root, 'button', 'Move my appointment to this time').click();
    const heading = (m: ShadowMount) => m.root.querySelector('h2')?.textContent ?? '';
    await eventually(() => {
      for (const { m } of [a, b])
        expect(['', 'An earlier time for your appointment']).not.toContain(heading(m));
    }, 15_000);
    const outcomes = [heading(a.m), heading(b.m)].sort();
    expect(outcomes).toEqual(['This earlier time is no longer available', 'Your appointment has been moved']);
    const lost = heading(a.m) === 'Your appointment has been moved' ? b : a;
    expect(
      byText(
        lost.m.root,
        'p',
        'This earlier time has been taken by another patient; your appointment is unchanged.',
      ),
    ).toBeTruthy();
    expect(byText(lost.m.root, 'h3', 'Your appointment (unchanged)')).toBeTruthy();
    await clean(lost.m);
    await clean(lost === a ? b.m : a.m);
    expect(lost.hash()).toBe('');
  }, 120_000);
});
