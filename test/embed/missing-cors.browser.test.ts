/**
 * The built classic script served by a CDN that sends no `Access-Control-Allow-Origin`: the classic
 * script runs (it needs no CORS), but the module it imports cannot. There is then no widget: the
 * element must keep showing its own content (the clinic's phone, as docs/embedding.md suggests),
 * and the page must hear ASSET_FAILED in the console and as `cs-error` on the element.
 */
import { afterAll, expect, it, vi } from 'vitest';
import { loadScript, origin, recordEvents, waitFor } from './built-page.ts';

afterAll(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

it('keeps the element’s own content and reports ASSET_FAILED when the module cannot be imported', {
  timeout: 60_000,
}, async () => {
  const events = recordEvents();
  const errors: unknown[][] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
  const element = document.createElement('clinic-scheduler');
  element.setAttribute('api-base', `${origin}/sandbox/embed-missing-cors/api`);
  element.innerHTML = '<a href="tel:+15550100">Call us to book: 555-0100</a>';
  document.body.append(element);

  await loadScript(`${origin}/no-cors/dist/clinic-scheduler.js`);
  await waitFor('the console error', () => errors.length > 0, 30_000);

  expect(errors).toEqual([
    [
      '[clinic-scheduler] ASSET_FAILED: clinic-scheduler.mjs (beside the script) could not be loaded; from another origin it must be served with Access-Control-Allow-Origin.',
    ],
  ]);
  expect(events.filter((event) => event.name === 'cs-error')).toEqual([
    {
      name: 'cs-error',
      target: element,
      detail: { code: 'ASSET_FAILED', message: 'The booking form could not be loaded.' },
    },
  ]);
  expect(customElements.get('clinic-scheduler')).toBeUndefined();
  expect(element.shadowRoot).toBeNull();
  const call = element.querySelector('a')!;
  expect(call.getBoundingClientRect().height).toBeGreaterThan(0);
  expect(call.textContent).toBe('Call us to book: 555-0100');
});
