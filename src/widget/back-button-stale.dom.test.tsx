import { waitFor } from '@testing-library/preact';
import { expect, it } from 'vitest';

// A file of its own: the stale entry is dropped once, when the module (the later part) loads.
it("drops the widget's entry that a reload left behind, once, when the steps that add it load", async () => {
  const host = { router: 'home' };
  history.replaceState(host, '');
  history.pushState({ ...host, clinicScheduler: 'cs1' }, '');
  const length = history.length;
  const popped: unknown[] = [];
  addEventListener('popstate', () => popped.push(history.state));

  await import('./back-button.ts');

  await waitFor(() => expect(history.state).toEqual(host));
  expect(popped).toEqual([host]);
  // Going back leaves the entry ahead of the page, as any Back does; it is not added again.
  expect(history.length).toBe(length);
});
