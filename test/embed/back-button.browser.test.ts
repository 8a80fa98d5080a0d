/**
 * The browser's Back button on the built widget's details step (src/widget/back-button.ts, in
 * the separately built later part): it returns to the calendar instead of leaving the page, and
 * nothing chosen or typed is lost. Real Chromium history: `history.back()` pops the widget's
 * entry and `popstate` arrives later, as on a phone's back gesture.
 */
import { afterAll, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import {
  addWidget,
  bookableChoice,
  buttonNamed,
  loadWidget,
  origin,
  shadowOf,
  stepHeading,
  waitFor,
  waitForSlots,
} from './built-page.ts';

const apiBase = `${origin}/sandbox/embed-back-button/api`;

afterAll(() => document.body.replaceChildren());

const widgetEntry = () => (history.state as Record<string, unknown> | null)?.clinicScheduler;

/** A widget on the details step of its first time, its history entry added. */
async function onDetails(): Promise<{ element: HTMLElement; calendarHeading: string }> {
  await loadWidget(`${origin}/dist/clinic-scheduler.js?v=back-button`);
  const element = addWidget(await bookableChoice(apiBase));
  const [slot] = await waitForSlots(element);
  const calendarHeading = stepHeading(element);
  await userEvent.click(slot!);
  const continueButton = await waitFor('Continue', () => buttonNamed(element, 'Continue'));
  // This widget's own entry: the page's current one may still carry an earlier widget's mark.
  const before = history.length;
  await userEvent.click(continueButton);
  await waitFor('the details step', () => stepHeading(element) === 'Your details');
  await waitFor("the widget's history entry", () => history.length === before + 1 && widgetEntry());
  return { element, calendarHeading };
}

it('goes back from the details to the calendar, keeping the chosen time and the typed name', {
  timeout: 60_000,
}, async () => {
  const { element, calendarHeading } = await onDetails();
  const name = shadowOf(element).querySelector<HTMLInputElement>('input[autocomplete="name"]')!;
  await userEvent.fill(name, 'Maria Gomez');

  history.back();
  await waitFor('the calendar again', () => stepHeading(element) === calendarHeading);
  expect(widgetEntry()).toBeUndefined();
  expect(shadowOf(element).querySelector<HTMLInputElement>('[part~="slot"] input:checked')).not.toBeNull();

  await userEvent.click(await waitFor('Continue', () => buttonNamed(element, 'Continue')));
  await waitFor('the details step again', () => stepHeading(element) === 'Your details');
  expect(shadowOf(element).querySelector<HTMLInputElement>('input[autocomplete="name"]')!.value).toBe(
    'Maria Gomez',
  );
});

it("leaves alone an entry the host's router pushed meanwhile, even one that copied the widget's mark", {
  timeout: 60_000,
}, async () => {
  document.body.replaceChildren();
  const { element, calendarHeading } = await onDetails();
  const length = history.length;
  // A router that keeps what the entry held (the widget's mark too) and adds its own route.
  const routed = { ...(history.state as object), router: 'pricing' };
  history.pushState(routed, '', '#pricing');
  await userEvent.click(buttonNamed(element, 'Back')!);
  await waitFor('the calendar again', () => stepHeading(element) === calendarHeading);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(location.hash).toBe('#pricing');
  expect(history.state).toEqual(routed);
  expect(history.length).toBe(length + 1);
});
