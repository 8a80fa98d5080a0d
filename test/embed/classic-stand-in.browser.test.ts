/**
 * The classic script stands in for `window.ClinicScheduler` until the module it imports has run
 * (src/embed/classic.ts): a page may call `mount()` on the line after the script, as it always
 * could. The handle answers at once; the options given meanwhile apply in order; a widget removed
 * before the module arrives never appears.
 */
import { afterAll, expect, it } from 'vitest';
import type { MountHandle } from '../../src/embed/index.ts';
import { fetchRules, origin, waitFor, waitForSlots } from './built-page.ts';

const apiBase = `${origin}/sandbox/embed-stand-in/api`;

afterAll(() => document.body.replaceChildren());

interface AtOnce {
  kept: MountHandle;
  dropped: MountHandle;
  definedThen: boolean;
  connectedThen: boolean;
}

/** Loads the classic script and, in the moment it has run, mounts two widgets and drops one. */
function mountOnLoad(container: Element, options: Parameters<MountHandle['update']>[0]): Promise<AtOnce> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${origin}/dist/clinic-scheduler.js?v=stand-in`;
    script.onerror = () =>
      reject(new Error('dist/clinic-scheduler.js could not be loaded (run npm run build)'));
    script.onload = () => {
      const api = window.ClinicScheduler!;
      const kept = api.mount(container, { apiBase });
      kept.update(options);
      const dropped = api.mount(container, { apiBase });
      dropped.destroy();
      resolve({
        kept,
        dropped,
        definedThen: customElements.get('clinic-scheduler') !== undefined,
        connectedThen: kept.element.isConnected,
      });
    };
    document.head.append(script);
  });
}

it('mounts at once, applies later options in order and shows the times once the module has run', {
  timeout: 60_000,
}, async () => {
  const type = (await fetchRules(apiBase)).appointmentTypes.find((t) => t.providerIds.length > 0)!;
  const container = document.createElement('div');
  document.body.append(container);

  const { kept, dropped, definedThen, connectedThen } = await mountOnLoad(container, {
    appointmentTypeId: type.id,
    providerId: type.providerIds[0]!,
  });
  expect(definedThen).toBe(false);
  expect(connectedThen).toBe(false);
  expect(kept.element.localName).toBe('clinic-scheduler');

  await waitFor('the element in its container', () => kept.element.parentElement === container);
  await waitFor('the widget', () => kept.element.shadowRoot);
  const [slot] = await waitForSlots(kept.element);
  expect(slot).toBeDefined();
  expect(kept.element.options).toEqual({
    apiBase,
    appointmentTypeId: type.id,
    providerId: type.providerIds[0],
  });
  expect(dropped.element.isConnected).toBe(false);
  expect(container.children).toHaveLength(1);

  // Once the module is here, mount() is the module's own: the element is in place at once.
  const now = window.ClinicScheduler!.mount(container, { apiBase });
  expect(now.element.isConnected).toBe(true);
  expect(now.element.shadowRoot).not.toBeNull();
  now.destroy();
  kept.destroy();
  expect(container.children).toHaveLength(0);
});
