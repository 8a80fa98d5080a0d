/**
 * The ES module build (`dist/clinic-scheduler.mjs`) imported from the other origin, as a bundler-
 * less page would with `<script type="module">`: it registers the element, exports the API, and
 * finds `slots-worker.js` beside itself through `import.meta.url`.
 */
import { expect, it } from 'vitest';
import { addWidget, fetchRules, origin, recordEvents, waitFor, waitForSlots } from './built-page.ts';

it('registers the element, exports the API and starts the worker from beside the module', async () => {
  const events = recordEvents();
  const url = `${origin}/dist/clinic-scheduler.mjs`;
  const module = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
  expect(Object.keys(module).sort()).toEqual(['ClinicSchedulerElement', 'mount', 'preview', 'version']);
  expect(customElements.get('clinic-scheduler')).toBe(module.ClinicSchedulerElement);
  expect(window.ClinicScheduler?.mount).toBe(module.mount);

  const apiBase = `${origin}/sandbox/embed-module/api`;
  const type = (await fetchRules(apiBase)).appointmentTypes[0]!;
  const element = addWidget({
    'api-base': apiBase,
    'appointment-type': type.id,
    provider: type.providerIds[0]!,
  });
  await waitForSlots(element);
  const loaded = await waitFor('cs-slots-loaded', () => events.find((e) => e.name === 'cs-slots-loaded'));
  expect(loaded.detail).toMatchObject({ appointmentTypeId: type.id, degraded: false });
  element.remove();
});
