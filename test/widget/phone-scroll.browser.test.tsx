import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Booking } from '../../src/api/types.ts';
import { fakeApi } from './fakes.ts';
import { clinicRules } from './fixtures.ts';
import { byText, eventually, mountWithFakes, type ShadowMount } from './shadow.ts';

/**
 * On a phone the calendar fills most of the screen, so below a clinic's header the chosen day's
 * times appear below the fold.
 * A tap on a day brings them into view; a date given by a deep link does not scroll the host
 * page on load, and a day chosen with the keyboard leaves scrolling to the patient (focus stays
 * on the calendar, where they are working).
 */
let mounted: ShadowMount | undefined;
// The clinic's own header and text above the widget, as on most pages that embed it.
const siteHeader = document.createElement('div');
siteHeader.style.height = '300px';
beforeEach(async () => {
  await page.viewport(375, 667);
  document.body.prepend(siteHeader);
  window.scrollTo(0, 0);
});
afterEach(() => {
  mounted?.remove();
  mounted = undefined;
  siteHeader.remove();
  siteHeader.style.height = '300px';
  window.scrollTo(0, 0);
});

const fixed = { appointmentTypeId: 'checkup', providerId: 'ada' };

function mount(options: { date?: string } = {}): ShadowMount {
  mounted = mountWithFakes({ ...fixed, ...options }, { patientTimezone: 'America/New_York' });
  return mounted;
}

function cell(m: ShadowMount, date: string): HTMLElement {
  const found = m.root.querySelector<HTMLElement>(`[data-date="${date}"]`);
  if (!found) throw new Error(`no day ${date}`);
  return found;
}

function timesTop(m: ShadowMount): number {
  const times = m.root.querySelector('.cs-timelist');
  if (!times) throw new Error('no times shown');
  return times.getBoundingClientRect().top;
}

describe('the day’s times on a phone', () => {
  it('are brought into view by a tap on a day', async () => {
    const m = mount();
    await eventually(() => expect(cell(m, '2024-12-04').getAttribute('aria-disabled')).toBeNull());
    window.scrollTo(0, 0);
    expect(cell(m, '2024-12-04').getBoundingClientRect().bottom).toBeLessThan(window.innerHeight);

    await userEvent.click(cell(m, '2024-12-04'));

    await eventually(() => {
      const top = timesTop(m);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(window.innerHeight - 100);
    });
    expect(window.scrollY).toBeGreaterThan(0);
  });

  it('stay where they are for a deep-linked date: the host page does not jump on load', async () => {
    const m = mount({ date: '2024-12-04' });
    await eventually(() => expect(m.root.querySelector('.cs-timelist')).not.toBeNull());
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    expect(window.scrollY).toBe(0);
    expect(timesTop(m)).toBeGreaterThan(window.innerHeight);
  });

  it('stay where they are for a day chosen with Enter: focus and view stay on the calendar', async () => {
    const m = mount();
    await eventually(() => expect(cell(m, '2024-12-04').getAttribute('aria-disabled')).toBeNull());
    window.scrollTo(0, 0);
    cell(m, '2024-12-03').focus();
    await userEvent.keyboard('{ArrowRight}{Enter}');
    await eventually(() =>
      expect(m.root.querySelector('.cs-timelist legend')?.textContent).toMatch(/December 4/),
    );
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    expect(window.scrollY).toBe(0);
  });
});

describe('a manage link followed from a reminder email', () => {
  it('brings the booking into view, however far down the clinic page the widget is', async () => {
    siteHeader.style.height = '1500px';
    const api = fakeApi(clinicRules());
    const start = Date.parse('2024-12-03T14:00:00Z');
    const booking: Booking = {
      id: 'bk-9',
      appointmentTypeId: 'checkup',
      providerId: 'ada',
      start,
      end: start + 30 * 60_000,
      status: 'confirmed',
      mode: 'in-person',
      locationId: 'main',
    };
    api.getAnswer = { ok: true, value: { booking } };
    const hash = { get: () => '#booking=tok-9', set: () => {} };
    mounted = mountWithFakes({}, { apiClient: api, locationHash: hash, patientTimezone: 'America/New_York' });
    const m = mounted;
    await eventually(() => {
      const heading = byText(m.root, 'h2', 'Your appointment').getBoundingClientRect();
      expect(heading.top).toBeGreaterThanOrEqual(0);
      expect(heading.bottom).toBeLessThanOrEqual(window.innerHeight);
    });
    expect(window.scrollY).toBeGreaterThan(1000);
  });
});
