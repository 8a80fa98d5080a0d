/**
 * A reload on the built widget's details step (or a phone bringing back a discarded tab) leaves
 * the page on the widget's history entry while the widget starts again at the calendar. The
 * later part drops that stale entry as it loads, so the patient's next Back leaves the page
 * at once instead of doing nothing. A file of its own: the later part loads once per page.
 */
import { afterAll, expect, it } from 'vitest';
import { addWidget, bookableChoice, loadWidget, origin, waitFor, waitForSlots } from './built-page.ts';

const apiBase = `${origin}/sandbox/embed-back-button-reload/api`;

/** The part of the Navigation API this file uses (TypeScript's DOM types lack it). */
interface Navigation {
  updateCurrentEntry(options: { state: unknown }): void;
}

afterAll(() => document.body.replaceChildren());

it("drops the widget's entry left behind by a reload, without moving the page", {
  timeout: 60_000,
}, async () => {
  const host = { ...(history.state as object | null), router: 'home' };
  history.replaceState(host, '');
  // The entry as the widget leaves it: its mark in the page's state and, in a browser with the
  // Navigation API, in that entry's own state.
  history.pushState({ ...host, clinicScheduler: 'cs1' }, '');
  (globalThis as unknown as { navigation: Navigation }).navigation.updateCurrentEntry({
    state: { clinicScheduler: 'cs1' },
  });
  const tall = document.createElement('div');
  tall.style.height = '3000px';
  document.body.append(tall);
  scrollTo(0, 400);

  await loadWidget(`${origin}/dist/clinic-scheduler.js?v=back-button-reload`);
  const element = addWidget(await bookableChoice(apiBase));
  await waitForSlots(element);
  // The later part is fetched once the first times are on screen; it drops the entry as it loads.
  await waitFor('the stale entry dropped', () => !('clinicScheduler' in ((history.state as object) ?? {})));
  expect(history.state).toEqual(host);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(scrollY).toBe(400);
});
