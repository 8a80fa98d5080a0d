/**
 * Helpers for browser tests of the BUILT embed: load `dist/clinic-scheduler.js` (which imports
 * `clinic-scheduler.mjs`) from the second origin into the test page, count live workers, wait with a deadline, and read the widget's
 * shadow DOM. Every wait has a timeout and says what it was waiting for.
 */
import { inject } from 'vitest';

export const origin = inject('testOrigin');

/** Polls `probe` until it returns a value other than `undefined`, `null` or `false`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** Live workers of this page: `window.Worker` wrapped before the widget's script runs. */
export interface WorkerCount {
  live(): number;
  created(): number;
  /** The URL each worker was started from, oldest first. */
  urls(): string[];
}

export function countWorkers(): WorkerCount {
  const Native = window.Worker;
  const live = new Set<Worker>();
  let created = 0;
  const urls: string[] = [];
  class CountingWorker extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      created += 1;
      urls.push(String(url));
      live.add(this);
    }
    override terminate(): void {
      live.delete(this);
      super.terminate();
    }
  }
  window.Worker = CountingWorker;
  return { live: () => live.size, created: () => created, urls: () => [...urls] };
}

/** Loads a script from `src` as a classic `<script>` and resolves once it ran. */
export function loadScript(src: string, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    const timer = setTimeout(() => reject(new Error(`${src} did not load in ${timeoutMs} ms`)), timeoutMs);
    script.onload = () => {
      clearTimeout(timer);
      resolve();
    };
    script.onerror = () => {
      clearTimeout(timer);
      reject(new Error(`${src} could not be loaded (run npm run build first)`));
    };
    script.src = src;
    document.head.append(script);
  });
}

/**
 * Loads the built widget through its classic script and resolves once the module it imports has
 * defined `<clinic-scheduler>`.
 */
export async function loadWidget(src: string, timeoutMs = 15_000): Promise<void> {
  await loadScript(src, timeoutMs);
  await waitFor(
    `the module imported by ${src}`,
    () => customElements.get('clinic-scheduler') !== undefined,
    timeoutMs,
  );
}

export interface ClinicRules {
  appointmentTypes: { id: string; providerIds: string[] }[];
}

/** The rules the reference API serves under `apiBase`. */
export async function fetchRules(apiBase: string): Promise<ClinicRules> {
  const response = await fetch(`${apiBase}/rules`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${apiBase}/rules answered ${response.status}`);
  return (await response.json()) as ClinicRules;
}

/**
 * The attributes of a widget with its choice made: `apiBase`'s first appointment type that has a
 * provider, and its first provider, so the widget opens on the calendar.
 */
export async function bookableChoice(apiBase: string): Promise<Record<string, string>> {
  const type = (await fetchRules(apiBase)).appointmentTypes.find((t) => t.providerIds.length > 0)!;
  return { 'api-base': apiBase, 'appointment-type': type.id, provider: type.providerIds[0]! };
}

/** The heading of the widget's current step. */
export function stepHeading(element: Element): string {
  return shadowOf(element).querySelector('h2')?.textContent ?? '';
}

/** The widget's button that reads `text`, if it shows one. */
export function buttonNamed(element: Element, text: string): HTMLButtonElement | undefined {
  return [...shadowOf(element).querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
}

/** A `<clinic-scheduler>` with `attributes`, appended to `parent`. */
export function addWidget(attributes: Record<string, string>, parent: Element = document.body): HTMLElement {
  const element = document.createElement('clinic-scheduler');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  parent.append(element);
  return element;
}

export function shadowOf(element: Element): ShadowRoot {
  const root = element.shadowRoot;
  if (root === null) throw new Error('the element has no open shadow root');
  return root;
}

/** The time choices on screen (`part="slot"`), once there are some. */
export function waitForSlots(element: Element, timeoutMs = 20_000): Promise<HTMLElement[]> {
  return waitFor(
    'slot buttons in the widget',
    () => {
      const slots = [...shadowOf(element).querySelectorAll<HTMLElement>('[part~="slot"]')];
      return slots.length > 0 && slots[0]!.getClientRects().length > 0 ? slots : undefined;
    },
    timeoutMs,
  );
}

/** Records every `cs-*` event that reaches `document`, with its target. */
export function recordEvents(): { name: string; target: EventTarget | null; detail: unknown }[] {
  const seen: { name: string; target: EventTarget | null; detail: unknown }[] = [];
  for (const name of [
    'cs-ready',
    'cs-slots-loaded',
    'cs-booked',
    'cs-rescheduled',
    'cs-cancelled',
    'cs-error',
  ]) {
    document.addEventListener(name, (event) => {
      seen.push({ name, target: event.target, detail: (event as CustomEvent).detail });
    });
  }
  return seen;
}
