import { afterEach, describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import type { WidgetOptions } from '../../src/widget/options.ts';
import { apiError, type FakeApi, fakeApi, fakeSlotClient, recordEvents } from './fakes.ts';
import { clinicRules, closedRules, decemberOffRules, NOW } from './fixtures.ts';
import {
  axeViolations,
  byText,
  eventually,
  mountInShadow,
  removeWidgetsAfterEach,
  type ShadowMount,
} from './shadow.ts';

/**
 * axe-core over the widget in every state it can show, in real Chromium with its real styles
 * in a shadow root (contrast included), light and dark.
 */
removeWidgetsAfterEach();

const fixed = { appointmentTypeId: 'checkup', providerId: 'ada' };

interface Setup {
  options?: Partial<WidgetOptions>;
  api?: FakeApi;
  slots?: ReturnType<typeof fakeSlotClient>;
  hash?: string;
  zone?: string;
  theme?: 'light' | 'dark';
}

function mount(setup: Setup = {}): ShadowMount {
  const { emit } = recordEvents();
  let hash = setup.hash ?? '';
  return mountInShadow(
    { mode: 'book', apiBase: '/api', locale: 'en', ...setup.options },
    {
      emit,
      slotClient: setup.slots ?? fakeSlotClient(),
      apiClient: setup.api ?? fakeApi(clinicRules()),
      now: () => NOW,
      patientTimezone: setup.zone ?? 'America/New_York',
      locationHash: {
        get: () => hash,
        set: (value) => {
          hash = value;
        },
      },
    },
    setup.theme,
  );
}

async function clean(m: ShadowMount): Promise<void> {
  expect(await axeViolations(m.host)).toEqual([]);
}

/** An API with an earlier time offered (Tuesday 9:00) for a Wednesday 15:00 check-up in New York. */
function withOffer(): FakeApi {
  const api = fakeApi(clinicRules());
  const start = Date.parse('2024-12-04T20:00:00Z');
  const offered = Date.parse('2024-12-03T14:00:00Z');
  const booking = {
    id: 'bk-9',
    appointmentTypeId: 'checkup',
    providerId: 'ada',
    start,
    end: start + 1_800_000,
    status: 'confirmed' as const,
    mode: 'in-person' as const,
  };
  api.offerAnswer = {
    ok: true,
    value: { offer: { ...booking, start: offered, end: offered + 1_800_000 }, booking },
  };
  return api;
}

function radios(m: ShadowMount): HTMLInputElement[] {
  return [...m.root.querySelectorAll<HTMLInputElement>('input[type=radio]')];
}

async function withTimes(m: ShadowMount): Promise<void> {
  await eventually(() => expect(radios(m).length).toBeGreaterThan(0));
}

function click(m: ShadowMount, selector: string, text: string | RegExp): void {
  byText(m.root, selector, text).click();
}

async function toDetails(m: ShadowMount): Promise<void> {
  await withTimes(m);
  radios(m)[0]?.click();
  await eventually(() => expect(byText(m.root, 'button', 'Continue').hasAttribute('disabled')).toBe(false));
  click(m, 'button', 'Continue');
  await eventually(() => byText(m.root, 'h2', 'Your details'));
}

function type(m: ShadowMount, label: string, value: string): void {
  const labelEl = byText(m.root, 'label', label);
  const input = m.root.getElementById(labelEl.getAttribute('for') ?? '') as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function toReview(m: ShadowMount): Promise<void> {
  await toDetails(m);
  type(m, 'Full name', 'Maria Gomez');
  type(m, 'Date of birth', '1985-04-23');
  type(m, 'Email', 'maria@example.com');
  type(m, 'Phone', '+1 555 123 4567');
  click(m, 'label', "No, I'm a new patient");
  (m.root.querySelector('input[type=checkbox]') as HTMLInputElement).click();
  click(m, 'button', 'Continue');
  await eventually(() => byText(m.root, 'h2', 'Review and confirm'));
}

describe('axe-core finds nothing', () => {
  it('(and does look inside the shadow root: a planted low-contrast label is caught)', async () => {
    const m = mount({ options: fixed });
    await withTimes(m);
    const planted = document.createElement('style');
    planted.textContent = '.cs-meta { color: #ddd !important; }';
    m.root.append(planted);
    expect((await axeViolations(m.host)).join('\n')).toMatch(/^color-contrast/);
  });

  it('while the rules load', async () => {
    const api = fakeApi(clinicRules());
    api.fetchRules = () => new Promise(() => {});
    const m = mount({ api });
    await eventually(() => byText(m.root, 'p', 'Loading…'));
    await clean(m);
  });

  it('on the first step, light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const m = mount({ theme });
      await eventually(() => byText(m.root, 'h2', 'What kind of visit?'));
      click(m, 'label', /^Check-up/);
      await eventually(() => byText(m.root, 'legend', 'Who would you like to see?'));
      await clean(m);
      m.remove();
    }
  });

  it('on the calendar with times, a chosen time, light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const m = mount({ options: fixed, theme });
      await withTimes(m);
      radios(m)[2]?.click();
      await clean(m);
      m.remove();
    }
  });

  it('with two zones shown (patient in Tokyo, clinic in New York)', async () => {
    const m = mount({ options: fixed, zone: 'Asia/Tokyo' });
    await withTimes(m);
    await clean(m);
  });

  it('on an empty month with "next available"', async () => {
    const m = mount({ options: fixed, api: fakeApi(decemberOffRules()) });
    await withTimes(m);
    (m.root.querySelector('button[aria-label="Previous month"]') as HTMLButtonElement).click();
    await eventually(() => byText(m.root, 'button', 'Go to next available'));
    await clean(m);
  });

  it('with nothing bookable in the window', async () => {
    const m = mount({ options: fixed, api: fakeApi(closedRules()) });
    await eventually(() => byText(m.root, 'p', 'There are no times available to book online right now.'));
    await clean(m);
  });

  it('after a watchdog timeout, and after a failed rules fetch', async () => {
    const slots = fakeSlotClient();
    slots.failWith = { code: 'TIMEOUT' };
    const m = mount({ options: fixed, slots });
    await eventually(() => byText(m.root, 'p', 'Finding available times took too long.'));
    await clean(m);
    m.remove();
    const api = fakeApi(clinicRules());
    api.rulesAnswer = apiError('NETWORK');
    const n = mount({ options: fixed, api });
    await eventually(() => byText(n.root, 'p', "We couldn't load the clinic's availability."));
    await clean(n);
  });

  it('on the details form, empty and with every error shown', async () => {
    const m = mount({ options: fixed });
    await toDetails(m);
    await clean(m);
    click(m, 'button', 'Continue');
    await eventually(() => expect(m.root.querySelectorAll('.cs-error').length).toBe(6));
    await clean(m);
  });

  it('on the review, after a network error, and on the confirmation', async () => {
    const api = fakeApi(clinicRules());
    api.bookingAnswers.push(apiError('NETWORK'));
    const m = mount({ options: fixed, api });
    await toReview(m);
    await clean(m);
    click(m, 'button', 'Confirm booking');
    await eventually(() => byText(m.root, 'button', 'Try again'));
    await clean(m);
    click(m, 'button', 'Try again');
    await eventually(() => byText(m.root, 'h2', "You're booked"));
    await clean(m);
  });

  it('after a 409', async () => {
    const api = fakeApi(clinicRules());
    api.bookingAnswers.push(apiError('SLOT_TAKEN', { status: 409 }));
    const m = mount({ options: fixed, api });
    await toReview(m);
    click(m, 'button', 'Confirm booking');
    await eventually(() => byText(m.root, 'p', /^Sorry, that time was just taken/));
    await withTimes(m);
    await clean(m);
  });

  it('on a booking opened from its link, its cancel step, and an expired link', async () => {
    const api = fakeApi(clinicRules());
    const start = Date.parse('2024-12-03T14:00:00Z');
    api.getAnswer = {
      ok: true,
      value: {
        booking: {
          id: 'bk-9',
          appointmentTypeId: 'checkup',
          providerId: 'ada',
          start,
          end: start + 1_800_000,
          status: 'confirmed',
          mode: 'in-person',
        },
      },
    };
    const m = mount({ api, hash: '#booking=tok-9' });
    await eventually(() => byText(m.root, 'button', 'Reschedule'));
    await clean(m);
    click(m, 'button', 'Cancel appointment');
    await eventually(() => byText(m.root, 'h2', 'Cancel this appointment?'));
    await clean(m);
    m.remove();
    const n = mount({ hash: '#booking=expired' });
    await eventually(() => byText(n.root, 'p', /^This booking link has expired/));
    await clean(n);
  });

  it('with the earlier-time opt-in saved and not saved, light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const api = fakeApi(clinicRules());
      const start = Date.parse('2024-12-03T14:00:00Z');
      api.getAnswer = {
        ok: true,
        value: {
          booking: {
            id: 'bk-9',
            appointmentTypeId: 'checkup',
            providerId: 'ada',
            start,
            end: start + 1_800_000,
            status: 'confirmed',
            mode: 'in-person',
          },
        },
      };
      const m = mount({ api, hash: '#booking=tok-9', theme });
      await eventually(() => byText(m.root, 'label', 'Offer me an earlier time if one opens up'));
      const box = m.root.querySelector<HTMLInputElement>('input[type=checkbox]')!;
      box.click();
      await eventually(() => expect(box.checked).toBe(true));
      await clean(m);
      api.setOfferEarlier = async () => apiError('NETWORK');
      box.click();
      await eventually(() => byText(m.root, 'p', /^Your choice was not saved/));
      await clean(m);
      m.remove();
    }
  });

  it('on an earlier-time offer: beside the visit, failed, and gone, light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const api = withOffer();
      api.acceptAnswer = apiError('NETWORK');
      const m = mount({ api, hash: '#offer=off-1', zone: 'Asia/Tokyo', theme });
      await eventually(() => byText(m.root, 'h3', 'Earlier time offered'));
      await clean(m);
      click(m, 'button', 'Move my appointment to this time');
      await eventually(() => byText(m.root, 'button', 'Try again'));
      await clean(m);
      api.acceptAnswer = apiError('OFFER_EXPIRED', { reason: 'TAKEN' });
      click(m, 'button', 'Try again');
      await eventually(() => byText(m.root, 'h2', 'This earlier time is no longer available'));
      await clean(m);
      m.remove();
    }
  });

  it('in Spanish', async () => {
    const m = mount({ options: { ...fixed, locale: 'es' } });
    await toDetailsEs(m);
    await clean(m);
  });

  it('in preview mode, with times and with a draft that times out', async () => {
    const slots = fakeSlotClient();
    const m = mount({ options: { mode: 'preview', apiBase: undefined, rules: clinicRules() }, slots });
    await withTimes(m);
    await clean(m);
    slots.failWith = { code: 'TIMEOUT' };
    m.handle.update({ rules: closedRules() });
    await eventually(() => byText(m.root, 'p', 'These rules take too long to compute.'));
    await clean(m);
  });
});

async function toDetailsEs(m: ShadowMount): Promise<void> {
  await withTimes(m);
  radios(m)[0]?.click();
  await eventually(() => expect(byText(m.root, 'button', 'Continuar').hasAttribute('disabled')).toBe(false));
  click(m, 'button', 'Continuar');
  await eventually(() => byText(m.root, 'h2', 'Sus datos'));
  click(m, 'button', 'Continuar');
  await eventually(() => expect(m.root.querySelectorAll('.cs-error').length).toBe(6));
}

/** No part of the widget reaches past its own frame, and the frame does not scroll sideways. */
function fitsWithin(m: ShadowMount, width: number): void {
  const root = m.root.querySelector<HTMLElement>('.cs-root')!;
  expect(root.getBoundingClientRect().width).toBeLessThanOrEqual(width);
  expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth);
  for (const el of m.root.querySelectorAll<HTMLElement>('.cs-root *')) {
    expect(el.getBoundingClientRect().right, el.className).toBeLessThanOrEqual(
      root.getBoundingClientRect().right + 0.5,
    );
  }
}

describe('small screens', () => {
  it('fits 320 px wide without horizontal scrolling, calendar and form alike', async () => {
    const m = mount({ options: fixed });
    m.host.style.width = '320px';
    await withTimes(m);
    fitsWithin(m, 320);
    await toDetails(m);
    click(m, 'button', 'Continue');
    await eventually(() => expect(m.root.querySelectorAll('.cs-error').length).toBe(6));
    fitsWithin(m, 320);
  });

  it('fits 320 px wide at twice the usual text size with an earlier time offered, one side above the other', async () => {
    const browser = cdp();
    await browser.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 13 } });
    try {
      const api = withOffer();
      const m = mount({ api, hash: '#offer=off-1', zone: 'Asia/Tokyo' });
      m.host.style.width = '320px';
      await eventually(() => byText(m.root, 'h3', 'Earlier time offered'));
      fitsWithin(m, 320);
      const [now, next] = [...m.root.querySelectorAll('.cs-compare section')].map((s) =>
        s.getBoundingClientRect(),
      );
      expect(next!.top).toBeGreaterThanOrEqual(now!.bottom);
    } finally {
      await browser.send('Page.setFontSizes', { fontSizes: { standard: 16, fixed: 13 } });
    }
  });
});

/**
 * A reader who needs larger text sets the browser's default font size (Chrome's "Font size",
 * Firefox's "Size"); pages sized in rem follow it, and so must the widget, while still ignoring
 * the host page's own `html { font-size }`. The setting is changed through the DevTools protocol,
 * as the browser's settings page would, and put back after each test.
 */
describe("the reader's text size", () => {
  const browser = cdp();
  const setDefaultFontSize = (px: number) =>
    browser.send('Page.setFontSizes', { fontSizes: { standard: px, fixed: 13 } });
  afterEach(async () => {
    await setDefaultFontSize(16);
    document.documentElement.style.removeProperty('font-size');
  });

  it('follows the browser’s default font size, not the host page’s root font size', async () => {
    await setDefaultFontSize(24);
    document.documentElement.style.fontSize = '10px';
    const m = mount({ options: fixed });
    await withTimes(m);
    const sizeOf = (selector: string) => getComputedStyle(m.root.querySelector(selector)!).fontSize;
    expect(sizeOf('.cs-root')).toBe('24px');
    expect(sizeOf('.cs-root h2')).toBe('30px');
  });

  it('still fits 320 px wide at twice the usual text size', async () => {
    await setDefaultFontSize(32);
    const m = mount({ options: fixed });
    m.host.style.width = '320px';
    await withTimes(m);
    expect(getComputedStyle(m.root.querySelector('.cs-root')!).fontSize).toBe('32px');
    fitsWithin(m, 320);
    await toDetails(m);
    fitsWithin(m, 320);
  });
});
