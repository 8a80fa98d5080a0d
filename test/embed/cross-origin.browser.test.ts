/**
 * The built embed on a page of another origin than its files: the test page is on Vitest's
 * origin (localhost), the script, the worker and the clinic API on the test origin (127.0.0.1).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { workerText } from '../../scripts/worker-text.ts';
import {
  addWidget,
  type ClinicRules,
  countWorkers,
  fetchRules,
  loadScript,
  loadWidget,
  origin,
  recordEvents,
  shadowOf,
  waitFor,
  waitForSlots,
} from './built-page.ts';

const apiBase = `${origin}/sandbox/embed-cross-origin/api`;
let workers: ReturnType<typeof countWorkers>;
let events: ReturnType<typeof recordEvents>;
let rules: ClinicRules;
let typeId: string;
let providerId: string;

beforeAll(async () => {
  workers = countWorkers();
  events = recordEvents();
  // Versioned by query, as hosts with long caching do: the worker must come in the same version.
  await loadWidget(`${origin}/dist/clinic-scheduler.js?v=cross`);
  rules = await fetchRules(apiBase);
  const type = rules.appointmentTypes.find((candidate) => candidate.providerIds.length > 0)!;
  typeId = type.id;
  providerId = type.providerIds[0]!;
});

afterEach(async () => {
  document.body.replaceChildren();
  await waitFor('every worker to end', () => workers.live() === 0, 5_000);
  events.length = 0;
});

/** The widget with the clinic's first type and provider chosen by the host, in `parent` (the body by default). */
function addPreselected(parent?: Element): HTMLElement {
  return addWidget({ 'api-base': apiBase, 'appointment-type': typeId, provider: providerId }, parent);
}

function eventsOf(name: string, target?: Element) {
  return events.filter((e) => e.name === name && (target === undefined || e.target === target));
}

describe('the built script on another origin', () => {
  it('registers the element and one global, and computes slots in a worker started from the other origin', async () => {
    expect(typeof customElements.get('clinic-scheduler')).toBe('function');
    expect(Object.keys(window.ClinicScheduler ?? {}).sort()).toEqual(['mount', 'preview', 'version']);
    const element = addPreselected();
    const slots = await waitForSlots(element);
    expect(slots.length).toBeGreaterThan(0);
    const loaded = await waitFor('cs-slots-loaded', () => events.find((e) => e.name === 'cs-slots-loaded'));
    expect(loaded.target).toBe(element);
    expect(loaded.detail).toMatchObject({ appointmentTypeId: typeId, providerId, degraded: false });
    expect(workers.created()).toBeGreaterThan(0);
    expect(workers.live()).toBe(1);
    // Started from a blob: of the worker's code that the module carries, the release's own
    // slots-worker.js: nothing is downloaded for it, so no query is needed to pick its version.
    const started = workers.urls()[0]!;
    expect(started).toMatch(/^blob:/);
    const served = workerText(await (await fetch(`${origin}/dist/slots-worker.js`)).text());
    const ran = await (await fetch(started)).text();
    expect(ran === served, `the blob: holds the built slots-worker.js (${ran.length} characters)`).toBe(true);
    expect(events.filter((e) => e.name === 'cs-error')).toEqual([]);
  });

  it('writes nothing to the host page: no styles, no scripts, no globals beyond ClinicScheduler', async () => {
    const before = new Set(Object.getOwnPropertyNames(window));
    const headBefore = document.head.children.length;
    const stylesBefore = document.querySelectorAll('style, link[rel="stylesheet"]').length;
    const sheetsBefore = document.adoptedStyleSheets.length;
    const element = addPreselected();
    await waitForSlots(element);
    const added = Object.getOwnPropertyNames(window).filter((name) => !before.has(name));
    expect(added).toEqual([]);
    expect(document.head.children.length).toBe(headBefore);
    expect(document.querySelectorAll('style, link[rel="stylesheet"]').length).toBe(stylesBefore);
    expect(document.adoptedStyleSheets.length).toBe(sheetsBefore);
    expect(shadowOf(element).adoptedStyleSheets.length).toBe(2);
  });
});

describe('several widgets and their lifecycle', () => {
  it('runs two widgets side by side, each with its own worker and its own events', async () => {
    const type = rules.appointmentTypes.find((candidate) => candidate.providerIds.length > 1) ?? {
      id: typeId,
      providerIds: [providerId, providerId],
    };
    const [firstProvider, secondProvider] = type.providerIds as [string, string];
    const first = addWidget({ 'api-base': apiBase, 'appointment-type': type.id, provider: firstProvider });
    const second = addWidget({ 'api-base': apiBase, 'appointment-type': type.id, provider: secondProvider });
    await waitForSlots(first);
    await waitForSlots(second);
    expect(workers.live()).toBe(2);
    const firstLoaded = await waitFor(
      'cs-slots-loaded from the first',
      () => eventsOf('cs-slots-loaded', first)[0],
    );
    const secondLoaded = await waitFor(
      'cs-slots-loaded from the second',
      () => eventsOf('cs-slots-loaded', second)[0],
    );
    expect(firstLoaded.detail).toMatchObject({ appointmentTypeId: type.id, providerId: firstProvider });
    expect(secondLoaded.detail).toMatchObject({ appointmentTypeId: type.id, providerId: secondProvider });
    first.remove();
    await waitFor('the first widget’s worker to end', () => workers.live() === 1, 5_000);
    expect(shadowOf(second).querySelectorAll('[part~="slot"]').length).toBeGreaterThan(0);
  });

  it('ends its worker when removed and starts afresh when put back', async () => {
    const element = addPreselected();
    await waitForSlots(element);
    expect(workers.live()).toBe(1);
    element.remove();
    await waitFor('the worker to end after removal', () => workers.live() === 0, 5_000);
    expect(shadowOf(element).querySelectorAll('[part~="slot"]').length).toBe(0);
    for (let round = 0; round < 3; round++) {
      document.body.append(element);
      await waitForSlots(element);
      expect(workers.live()).toBe(1);
      element.remove();
      await waitFor('the worker to end after removal', () => workers.live() === 0, 5_000);
    }
    expect(eventsOf('cs-error')).toEqual([]);
  });

  it('keeps its worker and the patient’s choice when moved to another place on the page', async () => {
    const element = addPreselected();
    const [slot] = await waitForSlots(element);
    slot!.click();
    const created = workers.created();
    const dialog = document.createElement('div');
    document.body.append(dialog);
    dialog.append(element);
    await new Promise((done) => setTimeout(done, 50));
    expect(workers.created()).toBe(created);
    expect(workers.live()).toBe(1);
    const chosen = shadowOf(element).querySelector<HTMLInputElement>('[part~="slot"] input:checked');
    expect(chosen).not.toBeNull();
    expect(eventsOf('cs-ready', element)).toHaveLength(1);
  });

  it('follows attribute changes after load: provider, theme, locale, a broken api-base and its fix', async () => {
    const type = rules.appointmentTypes.find((candidate) => candidate.providerIds.length > 1);
    const element = addPreselected();
    await waitForSlots(element);
    const root = shadowOf(element);

    if (type !== undefined) {
      element.setAttribute('appointment-type', type.id);
      element.setAttribute('provider', type.providerIds[1]!);
      await waitFor('slots for the new provider', () =>
        eventsOf('cs-slots-loaded', element).find(
          (e) => (e.detail as { providerId: string }).providerId === type.providerIds[1],
        ),
      );
    }

    const container = () => root.querySelector<HTMLElement>('[part~="container"]')!;
    expect(getComputedStyle(container()).backgroundColor).toBe('rgb(255, 255, 255)');
    element.setAttribute('theme', 'dark');
    expect(getComputedStyle(container()).backgroundColor).toBe('rgb(21, 24, 29)');
    element.style.setProperty('--cs-bg', 'rgb(1, 2, 3)');
    expect(getComputedStyle(container()).backgroundColor).toBe('rgb(1, 2, 3)');
    element.removeAttribute('theme');
    element.style.removeProperty('--cs-bg');

    element.setAttribute('locale', 'es');
    // The language switches at once; its words once clinic-scheduler-es.mjs has arrived.
    await waitFor(
      'Spanish text',
      () => root.querySelector('[part~="container"]')?.getAttribute('aria-label') === 'Reserva en línea',
    );
    expect(root.querySelector('[part~="container"]')?.getAttribute('lang')).toBe('es');

    element.setAttribute('api-base', 'javascript:alert(1)');
    const notice = await waitFor('the configuration notice', () => {
      const box = root.querySelector<HTMLElement>('[part~="notices"]');
      return box !== null && !box.hidden ? box : undefined;
    });
    expect(notice.textContent).toContain(
      'api-base "javascript:alert(1)" is not an http(s) address. (INVALID_URL)',
    );
    expect(root.querySelector('[part~="container"]')).toBeNull();
    expect(eventsOf('cs-error', element).map((e) => e.detail)).toEqual([
      { code: 'INVALID_URL', message: 'api-base "javascript:alert(1)" is not an http(s) address.' },
    ]);
    await waitFor('the worker to end with the widget', () => workers.live() === 0, 5_000);

    element.setAttribute('api-base', apiBase);
    await waitForSlots(element);
    expect(root.querySelector<HTMLElement>('[part~="notices"]')?.hidden).toBe(true);
  });
});

describe('a hostile host stylesheet', () => {
  const hostile = '* { all: unset; font-size: 40px !important; } html { font-size: 5px; }';

  function measure(element: Element) {
    const root = shadowOf(element);
    const container = root.querySelector<HTMLElement>('[part~="container"]')!;
    const slot = root.querySelector<HTMLElement>('[part~="slot"]')!;
    const button = root.querySelector<HTMLElement>('[part~="button"]');
    const pick = (node: HTMLElement | null) => {
      if (node === null) return null;
      const style = getComputedStyle(node);
      return {
        display: style.display,
        fontSize: style.fontSize,
        fontFamily: style.fontFamily,
        padding: style.padding,
        borderWidth: style.borderTopWidth,
        color: style.color,
        width: Math.round(node.getBoundingClientRect().width),
      };
    };
    return {
      container: pick(container),
      slot: pick(slot),
      button: pick(button),
      host: getComputedStyle(element).display,
    };
  }

  it('does not change how the widget looks inside its shadow root', async () => {
    const frame = document.createElement('div');
    // The host's own layout around the widget is held fixed (the hostile sheet would make every
    // ancestor inline); what is measured is what happens inside the widget.
    frame.style.setProperty('display', 'block', 'important');
    frame.style.setProperty('width', '600px', 'important');
    document.body.append(frame);
    const element = addPreselected(frame);
    await waitForSlots(element);
    const before = measure(element);

    const sheet = document.createElement('style');
    sheet.textContent = hostile;
    document.head.append(sheet);
    try {
      const after = measure(element);
      expect(after).toEqual(before);
      expect(after.container?.fontSize).toBe('16px');
      expect(after.host).toBe('block');
    } finally {
      sheet.remove();
    }
  });
});

describe('a patient back at a tab left open', () => {
  function setVisibility(state: 'hidden' | 'visible') {
    if (state === 'hidden')
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    else delete (document as { visibilityState?: unknown }).visibilityState;
    document.dispatchEvent(new Event('visibilitychange'));
  }

  it('asks for the rules again and recomputes the times, through the later part', async () => {
    const element = addPreselected();
    await waitForSlots(element);
    const loadsBefore = eventsOf('cs-slots-loaded', element).length;
    const rulesRequests: string[] = [];
    const realFetch = window.fetch;
    const realNow = Date.now;
    window.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.endsWith('/rules')) rulesRequests.push(url);
      return realFetch(input, init);
    };
    try {
      setVisibility('hidden');
      Date.now = () => realNow() + 10 * 60_000;
      setVisibility('visible');
      const reloaded = await waitFor('times computed again', () =>
        eventsOf('cs-slots-loaded', element).length > loadsBefore
          ? eventsOf('cs-slots-loaded', element).at(-1)
          : undefined,
      );
      expect(rulesRequests).toEqual([`${apiBase}/rules`]);
      expect((reloaded.detail as { cached: boolean }).cached).toBe(false);
      expect(eventsOf('cs-error', element)).toEqual([]);
    } finally {
      window.fetch = realFetch;
      Date.now = realNow;
      setVisibility('visible');
    }
  });
});

describe('a right-to-left host page', () => {
  it('keeps the widget, written in left-to-right languages, laid out left to right', async () => {
    const frame = document.createElement('div');
    frame.dir = 'rtl';
    frame.lang = 'ar';
    document.body.append(frame);
    const element = addPreselected(frame);
    await waitForSlots(element);
    const root = shadowOf(element);
    const container = root.querySelector<HTMLElement>('[part~="container"]')!;
    expect(getComputedStyle(container).direction).toBe('ltr');
    // The week reads from the left, as the arrow keys move through it.
    const heads = [...root.querySelectorAll<HTMLElement>('[role="grid"] th')];
    expect(heads).toHaveLength(7);
    expect(heads[0]!.getBoundingClientRect().left).toBeLessThan(heads[6]!.getBoundingClientRect().left);
  });
});

describe('the script twice on one page', () => {
  it('keeps the first copy’s element and global, warns once, and the widgets still work', async () => {
    const first = customElements.get('clinic-scheduler');
    const api = window.ClinicScheduler;
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      await loadScript(`${origin}/dist/clinic-scheduler.js?copy=2`);
    } finally {
      console.warn = original;
    }
    expect(customElements.get('clinic-scheduler')).toBe(first);
    expect(window.ClinicScheduler).toBe(api);
    expect(warnings).toEqual([
      [
        '[clinic-scheduler] LOADED_TWICE: the widget script is on this page more than once; the first copy is used.',
      ],
    ]);
    const element = addPreselected();
    await waitForSlots(element);
  });
});
