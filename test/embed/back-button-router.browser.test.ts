/**
 * A host's router that copies `history.state` into the entries it pushes copies the widget's
 * mark too. Reloaded on such an entry, the page must stay on it: the later part, as it loads,
 * drops only an entry the widget itself added (marked in the Navigation API's state of that
 * entry, which no router copies). A file of its own: the later part loads once per page.
 */
import { afterAll, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import {
  addWidget,
  bookableChoice,
  buttonNamed,
  loadWidget,
  origin,
  stepHeading,
  waitFor,
  waitForSlots,
} from './built-page.ts';

const apiBase = `${origin}/sandbox/embed-back-button-router/api`;

afterAll(() => document.body.replaceChildren());

it("keeps the host's entry that carries a copy of the widget's mark, after a reload on it", {
  timeout: 60_000,
}, async () => {
  const routed = { ...(history.state as object | null), clinicScheduler: 'cs1', router: 'pricing' };
  history.pushState(routed, '', '#pricing');
  const length = history.length;

  await loadWidget(`${origin}/dist/clinic-scheduler.js?v=back-button-router`);
  const element = addWidget(await bookableChoice(apiBase));
  const [slot] = await waitForSlots(element);
  // The details step comes with the later part, which checks the entry as it loads.
  await userEvent.click(slot!);
  await userEvent.click(await waitFor('Continue', () => buttonNamed(element, 'Continue')));
  await waitFor('the details step', () => stepHeading(element) === 'Your details');
  await waitFor("the widget's own entry", () => history.length === length + 1);
  history.back();
  await waitFor(
    'the host entry again',
    () => (history.state as { router?: string } | null)?.router === 'pricing',
  );
  expect(location.hash).toBe('#pricing');
  expect(history.state).toEqual(routed);
});
