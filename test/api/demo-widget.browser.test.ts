import axe from 'axe-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { defineElement } from '../../src/embed/api.ts';

/**
 * The demo's clinic home page with the real widget in its booking section, against the reference
 * API: axe-core over the whole page (the widget's open shadow root included) at each step. The
 * page's section is called "Book an appointment"; the widget's region must not repeat it.
 */
const origin = inject('testOrigin');

afterEach(() => {
  document.body.innerHTML = '';
  for (const link of document.head.querySelectorAll('link[rel=stylesheet]')) link.remove();
});

async function showDemo(): Promise<HTMLElement> {
  const html = await (await fetch(`${origin}/index.html`, { signal: AbortSignal.timeout(5000) })).text();
  const page = new DOMParser().parseFromString(html, 'text/html');
  document.documentElement.lang = page.documentElement.lang;
  document.title = page.title;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = `${origin}/public/demo/site.css`;
  const loaded = new Promise((resolve) => {
    link.onload = resolve;
  });
  document.head.append(link);
  document.body.innerHTML = page.body.innerHTML;
  await loaded;
  const element = document.querySelector<HTMLElement>('#book clinic-scheduler')!;
  element.setAttribute('api-base', `${origin}/sandbox/demo-widget-${Date.now()}/api`);
  defineElement();
  return element;
}

async function violations(step: string): Promise<string[]> {
  const result = await axe.run(document, { resultTypes: ['violations'] });
  return result.violations.map(
    (v) => `${step}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

async function until(check: () => unknown, ms = 20_000): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${check}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the demo page with the widget', () => {
  it('names the widget "Online booking", apart from the host section, and is axe-clean at each step', async () => {
    const element = await showDemo();
    const shadow = () => element.shadowRoot!;
    await until(() => shadow().querySelector('input[type=radio]'));
    expect(shadow().querySelector('[part~="container"]')?.getAttribute('aria-label')).toBe('Online booking');
    expect(await violations('what')).toEqual([]);
    const followUp = [...shadow().querySelectorAll('label')].find((l) =>
      l.textContent?.includes('Follow-up visit'),
    );
    followUp?.click();
    const button = (text: string) =>
      [...shadow().querySelectorAll('button')].find((b) => b.textContent === text && !b.disabled);
    await until(() => button('Continue'));
    button('Continue')?.click();
    await until(() => shadow().querySelector('input[name$="-slot"]'));
    expect(await violations('when')).toEqual([]);
    shadow().querySelector<HTMLInputElement>('input[name$="-slot"]')?.click();
    await until(() => button('Continue'));
    button('Continue')?.click();
    await until(() => shadow().querySelector('[name="name"]'));
    expect(await violations('details')).toEqual([]);
  }, 60_000);

  it("takes the region's name from the host page's region-label attribute", async () => {
    const element = await showDemo();
    element.setAttribute('region-label', 'Riverside online booking');
    await until(() => element.shadowRoot?.querySelector('[part~="container"]'));
    await until(
      () =>
        element.shadowRoot?.querySelector('[part~="container"]')?.getAttribute('aria-label') ===
        'Riverside online booking',
    );
  });
});
