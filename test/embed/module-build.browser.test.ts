/**
 * The ES module build (`dist/clinic-scheduler.mjs`) imported from the other origin, as a bundler-
 * less page would with `<script type="module">`: it registers the element, exports the API, and
 * starts its worker from the copy of `slots-worker.js` it carries (the page is on another origin
 * than the files); its later steps are a chunk it imports by relative URL. The classic script's way to the same module is in the other tests.
 */
import { expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { workerText } from '../../scripts/worker-text.ts';
import {
  addWidget,
  countWorkers,
  fetchRules,
  origin,
  recordEvents,
  shadowOf,
  waitFor,
  waitForSlots,
} from './built-page.ts';

it('registers the element, exports the API and starts the worker from its own copy of slots-worker.js', async () => {
  const events = recordEvents();
  const workers = countWorkers();
  const url = `${origin}/dist/clinic-scheduler.mjs`;
  const module = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
  const documented = ['ClinicSchedulerElement', 'configure', 'mount', 'preview', 'version'];
  // Besides them, only what its chunks import from it, under the bundler's short names.
  const names = Object.keys(module);
  expect(names.filter((name) => documented.includes(name)).sort()).toEqual(documented);
  expect(names.filter((name) => !documented.includes(name) && !/^[\w$]{1,2}$/.test(name))).toEqual([]);
  expect(customElements.get('clinic-scheduler')).toBe(module.ClinicSchedulerElement);
  expect(window.ClinicScheduler?.mount).toBe(module.mount);

  const apiBase = `${origin}/sandbox/embed-module/api`;
  const type = (await fetchRules(apiBase)).appointmentTypes[0]!;
  const element = addWidget({
    'api-base': apiBase,
    'appointment-type': type.id,
    provider: type.providerIds[0]!,
  });
  const [slot] = await waitForSlots(element);
  const loaded = await waitFor('cs-slots-loaded', () => events.find((e) => e.name === 'cs-slots-loaded'));
  expect(loaded.detail).toMatchObject({ appointmentTypeId: type.id, degraded: false });
  // The page is on another origin than the files: the worker runs from a blob: of the text the
  // module carries, exactly the release's slots-worker.js, rather than downloading that file.
  expect(workers.urls()).toHaveLength(1);
  const [started] = workers.urls();
  expect(started).toMatch(/^blob:http:\/\/localhost:\d+\//);
  const served = workerText(await (await fetch(`${origin}/dist/slots-worker.js`)).text());
  const ran = await (await fetch(started!)).text();
  expect(ran === served, `the blob: holds the built slots-worker.js (${ran.length} characters)`).toBe(true);
  // The step after the calendar comes from the ES build's own chunk.
  await userEvent.click(slot!);
  const root = shadowOf(element);
  const next = await waitFor('the Continue button', () =>
    [...root.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Continue'),
  );
  await userEvent.click(next);
  await waitFor('the details step', () => root.querySelector('h2')?.textContent === 'Your details');
  element.remove();
});
