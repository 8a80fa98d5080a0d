import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { fakeApi } from './fakes.ts';
import { bookedCheckup, clinicRules } from './fixtures.ts';
import { byText, eventually, mountWithFakes, removeWidgetsAfterEach, type ShadowMount } from './shadow.ts';

/**
 * Where the widget leaves a phone-sized clinic page scrolled (375 x 667, the clinic's own header
 * above the widget, its footer below), in real Chromium:
 * - the calendar fills most of the screen, so a chosen day's times appear below the fold: a tap
 *   on a day brings them into view; a deep-linked date does not scroll the page on load, and a
 *   day chosen with the keyboard leaves scrolling to the patient (focus stays on the calendar);
 * - a link from a reminder email (to a booking, or to a visit and a day) brings the widget into
 *   view however far down the page it is;
 * - when the review ends, the widget takes its history entry back (src/widget/back-button.ts),
 *   and the browser's restored scroll position must not hide the new step.
 */
const siteHeader = document.createElement('div');
const siteFooter = document.createElement('div');
siteFooter.style.height = '2000px';
beforeEach(async () => {
  await page.viewport(375, 667);
  siteHeader.style.height = '300px';
  document.body.prepend(siteHeader);
  window.scrollTo(0, 0);
});
removeWidgetsAfterEach();
afterEach(() => {
  siteHeader.remove();
  siteFooter.remove();
  document.documentElement.style.scrollBehavior = '';
  window.scrollTo(0, 0);
});

/** The widget with a booking to manage, opened from its link (`#booking=tok-9`). */
function mountManaging(api = fakeApi(clinicRules())): ShadowMount {
  api.getAnswer = { ok: true, value: { booking: bookedCheckup() } };
  const hash = { get: () => '#booking=tok-9', set: () => {} };
  const mounted = mountWithFakes(
    {},
    { apiClient: api, locationHash: hash, patientTimezone: 'America/New_York' },
  );
  document.body.append(siteFooter);
  return mounted;
}

function headingInView(m: ShadowMount, text: string): void {
  const heading = byText(m.root, 'h2', text).getBoundingClientRect();
  expect(heading.top).toBeGreaterThanOrEqual(0);
  expect(heading.bottom).toBeLessThanOrEqual(window.innerHeight);
}

const fixed = { appointmentTypeId: 'checkup', providerId: 'ada' };

function mount(options: { date?: string } = {}): ShadowMount {
  return mountWithFakes({ ...fixed, ...options }, { patientTimezone: 'America/New_York' });
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
  // December 3 is the first day with times, chosen for the patient as the calendar opens: a tap
  // on it changes nothing in the widget, and must still show its times.
  it.each(['2024-12-04', '2024-12-03'])('are brought into view by a tap on a day (%s)', async (date) => {
    const m = mount();
    await eventually(() => expect(cell(m, '2024-12-03').getAttribute('aria-selected')).toBe('true'));
    await eventually(() => expect(m.root.querySelector('.cs-timelist')).not.toBeNull());
    window.scrollTo(0, 0);
    expect(cell(m, date).getBoundingClientRect().bottom).toBeLessThan(window.innerHeight);

    await userEvent.click(cell(m, date));

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

describe('a link followed from a reminder email', () => {
  it('to a booking brings it into view, however far down the clinic page the widget is', async () => {
    siteHeader.style.height = '1500px';
    const m = mountManaging();
    await eventually(() => headingInView(m, 'Your appointment'));
    expect(window.scrollY).toBeGreaterThan(1000);
  });

  it('to a visit and a day brings the calendar into view', async () => {
    siteHeader.style.height = '1500px';
    const hash = { get: () => '#type=checkup&provider=ada&date=2024-12-10', set: () => {} };
    const m = mountWithFakes({}, { locationHash: hash, patientTimezone: 'America/New_York' });
    document.body.append(siteFooter);
    await eventually(() => headingInView(m, 'Choose a day'));
    expect(window.scrollY).toBeGreaterThan(1000);
  });
});

describe('when the review ends and the widget takes its history entry back', () => {
  // `smooth`: the browser then restores the older entry's position as an animation, after
  // everything the widget did on the new step.
  it.each(['auto', 'smooth'])(
    'keeps the new step’s heading in view (scroll-behavior: %s)',
    async (behavior) => {
      document.documentElement.style.scrollBehavior = behavior;
      const api = fakeApi(clinicRules());
      const moved = bookedCheckup(Date.parse('2024-12-03T21:30:00Z'));
      api.rescheduleAnswer = { ok: true, value: { booking: moved, manageToken: 'tok-9' } };
      const m = mountManaging(api);
      await eventually(() => byText(m.root, 'button', 'Reschedule'));
      await userEvent.click(byText(m.root, 'button', 'Reschedule'));
      await eventually(() => expect(m.root.querySelectorAll('.cs-slot').length).toBe(12));
      // The last time of the day, far down the list on a phone, then Continue below it.
      const times = m.root.querySelectorAll<HTMLElement>('.cs-slot');
      await userEvent.click(times[times.length - 1] as HTMLElement);
      await userEvent.click(byText(m.root, 'button', 'Continue'));
      await eventually(() => byText(m.root, 'h2', 'Review and confirm'));
      await eventually(() => expect(history.state?.clinicScheduler).toMatch(/^cs\d+$/));

      await userEvent.click(byText(m.root, 'button', 'Confirm new time'));
      await eventually(() => byText(m.root, 'h2', 'Your appointment has been moved'));
      await eventually(() => expect(history.state?.clinicScheduler).toBeUndefined());
      // Longer than a smooth scroll takes.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      headingInView(m, 'Your appointment has been moved');
    },
  );
});
