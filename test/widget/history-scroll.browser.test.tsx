import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Booking } from '../../src/api/types.ts';
import { fakeApi } from './fakes.ts';
import { clinicRules } from './fixtures.ts';
import { byText, eventually, mountWithFakes, type ShadowMount } from './shadow.ts';

/**
 * The widget's own history entry (src/widget/back-button.ts) is taken back with
 * `history.back()` when the review ends. Going back makes the browser restore the scroll
 * position the page had when the entry was added, which on a phone is far from the step now
 * shown: the new step's heading must stay in view, on a page that scrolls smoothly too.
 */
let mounted: ShadowMount | undefined;
const siteHeader = document.createElement('div');
siteHeader.style.height = '300px';
const siteFooter = document.createElement('div');
siteFooter.style.height = '2000px';
beforeEach(async () => {
  await page.viewport(375, 667);
  document.body.prepend(siteHeader);
  window.scrollTo(0, 0);
});
afterEach(() => {
  mounted?.remove();
  mounted = undefined;
  siteHeader.remove();
  siteFooter.remove();
  document.documentElement.style.scrollBehavior = '';
  window.scrollTo(0, 0);
});

const DEC3_0900 = Date.parse('2024-12-03T14:00:00Z');
const DEC3_1630 = Date.parse('2024-12-03T21:30:00Z');
const booking: Booking = {
  id: 'bk-9',
  appointmentTypeId: 'checkup',
  providerId: 'ada',
  start: DEC3_0900,
  end: DEC3_0900 + 30 * 60_000,
  status: 'confirmed',
  mode: 'in-person',
  locationId: 'main',
};

function headingInView(m: ShadowMount, text: string): void {
  const heading = byText(m.root, 'h2', text).getBoundingClientRect();
  expect(heading.top).toBeGreaterThanOrEqual(0);
  expect(heading.bottom).toBeLessThanOrEqual(window.innerHeight);
}

async function rescheduleToLastTime(): Promise<ShadowMount> {
  const api = fakeApi(clinicRules());
  api.getAnswer = { ok: true, value: { booking } };
  const moved = { ...booking, start: DEC3_1630, end: DEC3_1630 + 30 * 60_000 };
  api.rescheduleAnswer = { ok: true, value: { booking: moved, manageToken: 'tok-9' } };
  mounted = mountWithFakes(
    {},
    {
      apiClient: api,
      patientTimezone: 'America/New_York',
      locationHash: { get: () => '#booking=tok-9', set: () => {} },
    },
  );
  document.body.append(siteFooter);
  const m = mounted;
  await eventually(() => byText(m.root, 'button', 'Reschedule'));
  await userEvent.click(byText(m.root, 'button', 'Reschedule'));
  await eventually(() => expect(m.root.querySelectorAll('.cs-slot').length).toBe(12));
  // The last time of the day, far down the list on a phone, then Continue below it.
  const times = m.root.querySelectorAll<HTMLElement>('.cs-slot');
  await userEvent.click(times[times.length - 1] as HTMLElement);
  await userEvent.click(byText(m.root, 'button', 'Continue'));
  await eventually(() => byText(m.root, 'h2', 'Review and confirm'));
  await eventually(() =>
    expect((history.state as Record<string, unknown> | null)?.clinicScheduler).toMatch(/^cs\d+$/),
  );
  return m;
}

describe('when the review ends and the widget takes its history entry back', () => {
  it('keeps the new step’s heading in view', async () => {
    const m = await rescheduleToLastTime();
    await userEvent.click(byText(m.root, 'button', 'Confirm new time'));
    await eventually(() => byText(m.root, 'h2', 'Your appointment has been moved'));
    await eventually(() => expect(history.state?.clinicScheduler).toBeUndefined());
    await new Promise((resolve) => setTimeout(resolve, 300));
    headingInView(m, 'Your appointment has been moved');
  });

  it('keeps it in view on a page that scrolls smoothly (`scroll-behavior: smooth`)', async () => {
    document.documentElement.style.scrollBehavior = 'smooth';
    const m = await rescheduleToLastTime();
    await userEvent.click(byText(m.root, 'button', 'Confirm new time'));
    await eventually(() => byText(m.root, 'h2', 'Your appointment has been moved'));
    await eventually(() => expect(history.state?.clinicScheduler).toBeUndefined());
    // Longer than a smooth scroll takes.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    headingInView(m, 'Your appointment has been moved');
  });
});
