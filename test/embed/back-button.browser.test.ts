/**
 * The browser's Back button on the built widget's details step (src/widget/back-button.ts, in
 * the separately built later part): it returns to the calendar instead of leaving the page, and
 * nothing chosen or typed is lost. Real Chromium history: `history.back()` pops the widget's
 * entry and `popstate` arrives later, as on a phone's back gesture.
 */
import { afterAll, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { addWidget, fetchRules, loadWidget, origin, shadowOf, waitFor, waitForSlots } from './built-page.ts';

const apiBase = `${origin}/sandbox/embed-back-button/api`;

afterAll(() => document.body.replaceChildren());

const heading = (element: HTMLElement) => shadowOf(element).querySelector('h2')?.textContent ?? '';
const button = (element: HTMLElement, text: string) =>
  [...shadowOf(element).querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
const widgetEntry = () => (history.state as Record<string, unknown> | null)?.clinicScheduler;

it('goes back from the details to the calendar, keeping the chosen time and the typed name', {
  timeout: 60_000,
}, async () => {
  await loadWidget(`${origin}/dist/clinic-scheduler.js?v=back-button`);
  const type = (await fetchRules(apiBase)).appointmentTypes.find((t) => t.providerIds.length > 0)!;
  const element = addWidget({
    'api-base': apiBase,
    'appointment-type': type.id,
    provider: type.providerIds[0]!,
  });
  const [slot] = await waitForSlots(element);
  const calendarHeading = heading(element);
  await userEvent.click(slot!);
  await userEvent.click(await waitFor('Continue', () => button(element, 'Continue')));
  await waitFor('the details step', () => heading(element) === 'Your details');
  await waitFor("the widget's history entry", () => widgetEntry());
  const name = shadowOf(element).querySelector<HTMLInputElement>('input[autocomplete="name"]')!;
  await userEvent.fill(name, 'Maria Gomez');

  history.back();
  await waitFor('the calendar again', () => heading(element) === calendarHeading);
  expect(widgetEntry()).toBeUndefined();
  expect(shadowOf(element).querySelector<HTMLInputElement>('[part~="slot"] input:checked')).not.toBeNull();

  await userEvent.click(await waitFor('Continue', () => button(element, 'Continue')));
  await waitFor('the details step again', () => heading(element) === 'Your details');
  expect(shadowOf(element).querySelector<HTMLInputElement>('input[autocomplete="name"]')!.value).toBe(
    'Maria Gomez',
  );
});
