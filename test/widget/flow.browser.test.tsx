import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createApiClient, newIdempotencyKey } from '../../src/api/client.ts';
import { createSlotClient } from '../../src/worker/client/client.ts';
import { recordEvents } from './fakes.ts';
import {
  axeViolations,
  byText,
  describeActive,
  eventually,
  fillPatient,
  mountInShadow,
  pressButton,
  type ShadowMount,
  tabTo,
  typeFields,
} from './shadow.ts';

/**
 * The whole flow in real Chromium against the reference API on the second origin, with the real
 * slot worker: a patient in Tokyo books the New York sample clinic in Spanish with the keyboard
 * only (axe-core at each step), then reschedules and cancels from the manage link; and a time
 * taken by someone else in between gets the 409 message.
 */
const origin = inject('testOrigin');
const mounts: ShadowMount[] = [];
afterEach(() => {
  for (const m of mounts.splice(0)) m.remove();
});

beforeAll(async () => {
  // The dev server transforms the worker's modules on first use: do it once, outside any deadline.
  const warm = createSlotClient();
  await warm.validate({}, { deadlineMs: 25_000 }).catch(() => undefined);
  warm.dispose();
}, 30_000);

function apiBase(name: string): string {
  return `${origin}/sandbox/widget-${name}-${Date.now()}/api`;
}

function mount(api: string, extra: { locale?: string; hash?: string } = {}) {
  const { events, emit } = recordEvents();
  let hash = extra.hash ?? '';
  const m = mountInShadow(
    {
      mode: 'book',
      apiBase: api,
      locale: extra.locale ?? 'es',
      appointmentTypeId: 'follow-up',
      providerId: 'lee',
    },
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
  return { m, events };
}

function slotRadios(m: ShadowMount): HTMLInputElement[] {
  return [...m.root.querySelectorAll<HTMLInputElement>('input[name$="-slot"]')];
}

/** Clicks a button once it is rendered and enabled (a choice re-renders before it enables). */
async function press(m: ShadowMount, text: string): Promise<void> {
  await eventually(() => expect((byText(m.root, 'button', text) as HTMLButtonElement).disabled).toBe(false));
  byText(m.root, 'button', text).click();
}

async function clean(m: ShadowMount): Promise<void> {
  expect(await axeViolations(m.host)).toEqual([]);
}

const isSlot = (el: HTMLElement) => el.getAttribute('name')?.endsWith('-slot') ?? false;

describe('the whole flow against the reference API', () => {
  it('books in Spanish from Tokyo with the keyboard only, then reschedules and cancels by link', async () => {
    const api = apiBase('flow');
    const { m, events } = mount(api);
    await eventually(() => expect(slotRadios(m).length).toBeGreaterThan(0), 20_000);
    expect(
      byText(m.root, 'span', /^Los horarios se muestran en su zona horaria, hora estándar de Japón\.$/),
    ).toBeTruthy();
    const firstLabel = slotRadios(m)[0]?.closest('label')?.textContent ?? '';
    // The sample clinic has two locations: each time names its place.
    expect(firstLabel).toMatch(
      /^\d{1,2}:\d{2} su hora · \d{1,2}:\d{2} en la clínica en (Riverside Main Street|Eastside Children's Center)$/,
    );
    await clean(m);

    await tabTo(m, isSlot, 'the times');
    await userEvent.keyboard(' ');
    await pressButton(m, 'Continuar');
    await eventually(() => expect(describeActive(m)).toBe('h2:Sus datos'));
    await typeFields(m, {
      name: 'Lucía Fernández',
      dateOfBirth: '1979-11-02',
      email: 'lucia@example.com',
      phone: '+34 600 123 456',
    });
    await tabTo(m, (el) => el.getAttribute('type') === 'checkbox', 'consent');
    await userEvent.keyboard(' ');
    await clean(m);
    await pressButton(m, 'Continuar');
    await eventually(() => expect(describeActive(m)).toBe('h2:Revise y confirme'));
    await clean(m);
    await pressButton(m, 'Confirmar la cita');
    await eventually(() => expect(describeActive(m)).toBe('h2:Su cita está reservada'), 10_000);
    await clean(m);
    const booked = events.find((e) => e.name === 'cs-booked')?.detail as { bookingId: string; start: number };
    expect(booked.bookingId).toMatch(/\S+/);
    const href = byText(m.root, 'a', 'Gestionar su cita').getAttribute('href') ?? '';
    // This very page, spelled out, with the token as its fragment.
    expect(href.startsWith(`${location.href.split('#')[0]}#booking=`)).toBe(true);
    const link = new URL(href).hash;
    expect(link).toMatch(/^#booking=\S+$/);
    m.remove();

    // The reminder email's link: same booking, shown, moved to another time, then cancelled.
    const again = mount(api, { hash: link });
    const n = again.m;
    await eventually(() => byText(n.root, 'button', 'Cambiar la hora'), 10_000);
    await clean(n);
    byText(n.root, 'button', 'Cambiar la hora').click();
    await eventually(() => expect(slotRadios(n).length).toBeGreaterThan(0), 20_000);
    // Another time than the booked one. Late in Tokyo's day the booking's day may hold no other
    // (it ends at 10:00 in New York): then the next day with times.
    const another = () =>
      slotRadios(n).find((radio) => !radio.checked && radio.closest('label')?.textContent !== firstLabel);
    if (!another()) {
      const day = [...n.root.querySelectorAll<HTMLElement>('[part~="day"][aria-selected="false"]')].find(
        (cell) => cell.querySelector('.cs-day--available') !== null,
      );
      if (!day) throw new Error('no other day with times in the shown month');
      day.click();
      await eventually(() => expect(another()).toBeTruthy(), 20_000);
    }
    another()!.click();
    await press(n, 'Continuar');
    await press(n, 'Confirmar la nueva hora');
    await eventually(() => byText(n.root, 'h2', 'Su cita ha cambiado de hora'), 10_000);
    const moved = again.events.find((e) => e.name === 'cs-rescheduled')?.detail as { start: number };
    expect(moved.start).not.toBe(booked.start);
    await press(n, 'Cancelar la cita');
    await press(n, 'Sí, cancelarla');
    await eventually(() => byText(n.root, 'h2', 'Su cita está cancelada'), 10_000);
    await clean(n);
    expect(again.events.map((e) => e.name)).toContain('cs-cancelled');
  }, 90_000);

  it('a time booked by someone else in between gets "that time was just taken" and fresh times', async () => {
    const api = apiBase('conflict');
    const { m } = mount(api, { locale: 'en' });
    await eventually(() => expect(slotRadios(m).length).toBeGreaterThan(0), 20_000);
    const chosen = slotRadios(m)[0]!;
    chosen.click();
    await press(m, 'Continue');
    await eventually(() => byText(m.root, 'h2', 'Your details'));
    fillPatient(m);
    await press(m, 'Continue');
    await eventually(() => byText(m.root, 'h2', 'Review and confirm'));

    // Someone else takes the same time first, through the same API.
    const client = createApiClient({ apiBase: api });
    const rules = await client.fetchRules();
    if (!rules.ok) throw new Error(rules.error.message);
    const slotLabel = chosen.closest('label')?.textContent ?? '';
    const slots = createSlotClient();
    const now = Date.now();
    const from = new Date(now).toISOString().slice(0, 10);
    const to = new Date(now + 90 * 86_400_000).toISOString().slice(0, 10);
    // The rules require busy windows: the months of the 90 days, as the widget fetches them.
    const months = [0, 31, 62, 93].map((days) => new Date(now + days * 86_400_000).toISOString().slice(0, 7));
    const windows = [];
    for (const month of months) {
      const window = await client.fetchBusy(month);
      if (!window.ok) throw new Error(window.error.message);
      windows.push(window.value.window);
    }
    const all = await slots.slots(
      { ...(rules.value.rules as object), busyWindows: windows },
      { appointmentTypeId: 'follow-up', providerId: 'lee', from, to, now },
      { deadlineMs: 10_000 },
    );
    slots.dispose();
    const first = all.slots[0]!;
    const taken = await client.createBooking(
      {
        appointmentTypeId: 'follow-up',
        providerId: 'lee',
        start: first.start,
        patient: {
          name: 'Other Patient',
          dateOfBirth: '1990-01-01',
          email: 'o@example.com',
          phone: '+1 555 0199',
          patientStatus: 'existing',
          consent: true,
        },
      },
      newIdempotencyKey(),
    );
    expect(taken.ok).toBe(true);
    expect(slotLabel).not.toBe('');

    await press(m, 'Confirm booking');
    await eventually(
      () =>
        byText(
          m.root,
          'p',
          'Sorry, that time was just taken. Please choose another time; your details are kept.',
        ),
      10_000,
    );
    // The stale list is hidden at once; the fresh one, without the taken time, replaces it. Late in
    // Tokyo's day (the New York morning) the taken time may have been the day's last: the day then
    // says it has none.
    const labels = () => slotRadios(m).map((radio) => radio.closest('label')?.textContent);
    const dayEmpty = () => /No times are available on /.test(m.root.textContent ?? '');
    await eventually(() => expect(labels().length > 0 || dayEmpty()).toBe(true), 20_000);
    expect(labels()).not.toContain(slotLabel);
  }, 90_000);
});
