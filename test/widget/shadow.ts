/**
 * Browser-test helpers: the widget in a shadow root with its real stylesheet (as the embed
 * hosts it), axe-core over it, and small waits with timeouts.
 */
import axe from 'axe-core';
import { afterEach } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { mountWidget, type WidgetDeps, type WidgetHandle } from '../../src/widget/mount.tsx';
import type { WidgetOptions } from '../../src/widget/options.ts';
import css from '../../src/widget/styles.css?inline';
import { fakeApi, fakeSlotClient, recordEvents } from './fakes.ts';
import { clinicRules, NOW } from './fixtures.ts';

export interface ShadowMount {
  host: HTMLElement;
  root: ShadowRoot;
  handle: WidgetHandle;
  remove(): void;
}

/** The widgets mounted here and not yet removed. */
const mounted = new Set<ShadowMount>();

/**
 * Registers an `afterEach` for the file: the widgets its test mounted here are removed, and with
 * `resetViewport` the page goes back to the desktop size (1280 × 800) after a test made it a phone.
 */
export function removeWidgetsAfterEach(options: { resetViewport?: boolean } = {}): void {
  afterEach(async () => {
    for (const mount of [...mounted]) mount.remove();
    if (options.resetViewport) await page.viewport(1280, 800);
  });
}

/** Mounts the widget inside a shadow root of a fresh host element, in `doc` (a frame's, say). */
export function mountInShadow(
  options: WidgetOptions,
  deps: WidgetDeps,
  theme?: 'light' | 'dark',
  doc: Document = document,
): ShadowMount {
  const host = doc.createElement('div');
  if (theme) host.setAttribute('theme', theme);
  doc.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  root.append(style);
  const mountPoint = doc.createElement('div');
  root.append(mountPoint);
  const handle = mountWidget(mountPoint, options, deps);
  const mount: ShadowMount = {
    host,
    root,
    handle,
    remove() {
      mounted.delete(mount);
      handle.destroy();
      host.remove();
    },
  };
  mounted.add(mount);
  return mount;
}

/** axe-core's violations inside the host (shadow DOM included), as readable lines. */
export async function axeViolations(host: HTMLElement): Promise<string[]> {
  const result = await axe.run(host, { resultTypes: ['violations'] });
  return result.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
  );
}

/** Polls `check` until it stops throwing, or fails after `timeoutMs`. */
export async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (performance.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** The element in the shadow root whose trimmed text is exactly `text`, for `selector`. */
export function byText(root: ParentNode, selector: string, text: string | RegExp): HTMLElement {
  const found = [...root.querySelectorAll<HTMLElement>(selector)].find((el) => {
    const content = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    return typeof text === 'string' ? content === text : text.test(content);
  });
  if (!found) throw new Error(`no ${selector} with text ${String(text)}`);
  return found;
}

/** The element focused inside the widget's shadow root. */
export function active(m: ShadowMount): HTMLElement | null {
  return m.root.activeElement as HTMLElement | null;
}

/** The focused element as `tag:accessible text`, for assertions and error messages. */
export function describeActive(m: ShadowMount): string {
  const el = active(m);
  if (!el) return '(nothing)';
  const label = el.getAttribute('aria-label') ?? el.closest('label')?.textContent ?? el.textContent ?? '';
  return `${el.tagName.toLowerCase()}:${label.replace(/\s+/g, ' ').trim()}`;
}

/** Presses Tab until the focused element matches, at most 40 times. */
export async function tabTo(
  m: ShadowMount,
  matches: (el: HTMLElement) => boolean,
  what: string,
): Promise<HTMLElement> {
  for (let i = 0; i < 40; i++) {
    await userEvent.keyboard('{Tab}');
    const el = active(m);
    if (el && matches(el)) return el;
  }
  throw new Error(`Tab never reached ${what}; last: ${describeActive(m)}`);
}

/** Matches a button by its text. */
export const isButton = (text: string) => (el: HTMLElement) =>
  el.tagName === 'BUTTON' && el.textContent === text;
/** Matches a form field by its name. */
export const isField = (name: string) => (el: HTMLElement) => el.getAttribute('name') === name;

/** Tabs to each text field in turn and types into it, as a keyboard user does. */
export async function typeFields(m: ShadowMount, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    await tabTo(m, isField(name), name);
    await userEvent.keyboard(value);
  }
}

/** Tabs to the button with this text and presses Enter. */
export async function pressButton(m: ShadowMount, text: string): Promise<void> {
  await tabTo(m, isButton(text), text);
  await userEvent.keyboard('{Enter}');
}

/** Fills the details form with a valid patient as a script would (input events), and ticks consent. */
export function fillPatient(m: ShadowMount): void {
  const fill = (name: string, value: string) => {
    const input = m.root.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  fill('name', 'Maria Gomez');
  fill('dateOfBirth', '1985-04-23');
  fill('email', 'maria@example.com');
  fill('phone', '+1 555 123 4567');
  // The consent box by its id: intake questions may put checkboxes before it.
  m.root.querySelector<HTMLInputElement>('input[type=checkbox][id$="-consent"]')!.click();
}

/** Mounts the booking flow with the in-thread engine, the fake API and the fixed clock. */
export function mountWithFakes(
  options: Partial<WidgetOptions>,
  deps: Partial<WidgetDeps> = {},
  theme?: 'light' | 'dark',
  doc: Document = document,
): ShadowMount {
  const { emit } = recordEvents();
  return mountInShadow(
    { mode: 'book', apiBase: '/api', locale: 'en', ...options },
    {
      emit,
      slotClient: fakeSlotClient(),
      apiClient: fakeApi(clinicRules()),
      now: () => NOW,
      locationHash: { get: () => '', set: () => {} },
      ...deps,
    },
    theme,
    doc,
  );
}
