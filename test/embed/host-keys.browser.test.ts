/**
 * Keys pressed in the built widget stay out of the host page's own shortcuts (src/embed/keys.ts):
 * typing a name must not trigger the page's letter shortcuts, arrows in the time list must not
 * turn its carousel, and a page that takes Space for itself (a video player) must not stop a time
 * from being chosen. Tab, Escape, Ctrl/Meta shortcuts and modifier keys still reach the page.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import {
  addWidget,
  bookableChoice,
  loadWidget,
  origin,
  shadowOf,
  waitFor,
  waitForSlots,
} from './built-page.ts';

const apiBase = `${origin}/sandbox/embed-host-keys/api`;
const heardByPage: string[] = [];
/** A page's own keyboard handler, as shortcut libraries and media players write them. */
function pageShortcuts(event: KeyboardEvent): void {
  heardByPage.push(`${event.type} ${event.ctrlKey ? 'Ctrl+' : ''}${event.key}`);
  if (event.key === ' ') event.preventDefault();
}

let element: HTMLElement;

beforeAll(async () => {
  await loadWidget(`${origin}/dist/clinic-scheduler.js?v=host-keys`);
  element = addWidget(await bookableChoice(apiBase));
  for (const type of ['keydown', 'keypress', 'keyup'] as const)
    document.addEventListener(type, pageShortcuts);
});

afterAll(() => {
  for (const type of ['keydown', 'keypress', 'keyup'] as const)
    document.removeEventListener(type, pageShortcuts);
  document.body.replaceChildren();
});

const radios = () => [
  ...shadowOf(element).querySelectorAll<HTMLInputElement>('[part~="slot"] input[type="radio"]'),
];

it('keeps arrows and Space in the time list, though the page takes Space for itself', async () => {
  await waitForSlots(element);
  expect(radios().length).toBeGreaterThan(2);
  radios()[0]!.focus();
  await userEvent.keyboard(' ');
  expect(radios()[0]!.checked).toBe(true);
  await userEvent.keyboard('{ArrowDown}');
  expect(radios()[1]!.checked).toBe(true);
  expect(heardByPage).toEqual([]);
});

it('keeps what is typed into a field, and lets Tab, Escape, Ctrl shortcuts and modifiers through', async () => {
  const next = await waitFor('the Continue button', () =>
    [...shadowOf(element).querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Continue'),
  );
  await userEvent.click(next);
  // The widget moves focus to the step's heading once the step is drawn; the patient goes on from there.
  await waitFor('focus on the details heading', () => shadowOf(element).activeElement?.matches('h2'));
  const name = shadowOf(element).querySelector<HTMLInputElement>('input[autocomplete="name"]')!;
  await userEvent.click(name);
  await userEvent.keyboard('Ana Sá');
  expect(name.value).toBe('Ana Sá');
  expect(heardByPage).toEqual([]);

  // Modifiers pass on their own too: libraries track them by their keydown and keyup.
  await userEvent.keyboard('{Shift}{Control>}k{/Control}{Escape}{Tab}');
  expect(heardByPage).toEqual([
    'keydown Shift',
    'keyup Shift',
    'keydown Ctrl+Control',
    'keydown Ctrl+k',
    'keyup Ctrl+k',
    'keyup Control',
    'keydown Escape',
    'keyup Escape',
    'keydown Tab',
    'keyup Tab',
  ]);
});
