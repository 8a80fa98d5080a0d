/**
 * The built widget inside a sandboxed iframe without `allow-same-origin`, as some site builders
 * run a page's custom code: the frame's origin is opaque (`null`), storage throws, the API and the
 * on-demand parts are asked for with `Origin: null`, and the worker must start from a `blob:` URL
 * of that opaque origin. The frame cannot be read from outside, so a script in it reports what it
 * sees by `postMessage`.
 */
import { afterAll, expect, it } from 'vitest';
import { fetchRules, origin, waitFor } from './built-page.ts';

const apiBase = `${origin}/sandbox/embed-sandboxed-frame/api`;
const reports: string[] = [];
const listen = (event: MessageEvent) => {
  if (typeof event.data === 'string') reports.push(event.data);
};

afterAll(() => {
  window.removeEventListener('message', listen);
  document.body.replaceChildren();
});

/** Runs in the frame: reports the widget's events, then chooses a time and goes on to the details. */
function frameScript(): void {
  const report = (line: string) => parent.postMessage(line, '*');
  for (const name of ['cs-ready', 'cs-slots-loaded', 'cs-error']) {
    document.addEventListener(name, (event) =>
      report(`${name} ${JSON.stringify((event as CustomEvent).detail)}`),
    );
  }
  const root = () => document.querySelector('clinic-scheduler')?.shadowRoot ?? null;
  const poll = setInterval(() => {
    const slot = root()?.querySelector<HTMLInputElement>('[part~="slot"] input');
    if (!slot) return;
    clearInterval(poll);
    slot.click();
    const next = setInterval(() => {
      const button = [...(root()?.querySelectorAll('button') ?? [])].find(
        (b) => b.textContent?.trim() === 'Continue',
      );
      if (!button || button.disabled) return;
      clearInterval(next);
      button.click();
      const details = setInterval(() => {
        const heading = root()?.querySelector('h2')?.textContent;
        if (heading !== 'Your details') return;
        clearInterval(details);
        report(`details ${heading}`);
      }, 25);
    }, 25);
  }, 25);
}

it('shows the times, computed by the worker, and loads the next step in an opaque-origin frame', {
  timeout: 60_000,
}, async () => {
  window.addEventListener('message', listen);
  const type = (await fetchRules(apiBase)).appointmentTypes.find((t) => t.providerIds.length > 0)!;
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.style.width = '600px';
  frame.style.height = '900px';
  frame.srcdoc = `<!doctype html><html lang="en"><body>
<script src="${origin}/dist/clinic-scheduler.js"></script>
<script>(${frameScript.toString()})();</script>
<clinic-scheduler api-base="${apiBase}" appointment-type="${type.id}" provider="${type.providerIds[0]}"></clinic-scheduler>
</body></html>`;
  document.body.append(frame);

  const loaded = await waitFor('cs-slots-loaded from the frame', () =>
    reports.find((line) => line.startsWith('cs-slots-loaded ')),
  );
  expect(JSON.parse(loaded.slice('cs-slots-loaded '.length))).toMatchObject({
    appointmentTypeId: type.id,
    providerId: type.providerIds[0],
    degraded: false,
  });
  await waitFor('the details step in the frame', () => reports.includes('details Your details'));
  expect(reports.filter((line) => line.startsWith('cs-error'))).toEqual([]);
});
