/**
 * Finds the field a JSON Pointer names in the rendered editor: the input with that exact
 * `data-path`, else the first field inside it (a span's start), else the closest enclosing element
 * that has one (a provider's panel). Then focuses and briefly highlights it.
 */
import { locatePointer } from './json-locate.ts';

const HIGHLIGHT_CLASS = 'cs-admin-highlight';
const HIGHLIGHT_MS = 2000;

export function findField(root: ParentNode, path: string): HTMLElement | null {
  const all = [...root.querySelectorAll<HTMLElement>('[data-path]')];
  const exact = all.find((el) => el.dataset.path === path);
  if (exact) return exact;
  const inside = all.find((el) => el.dataset.path?.startsWith(`${path}/`));
  if (inside) return inside;
  let best: HTMLElement | null = null;
  for (const el of all) {
    const candidate = el.dataset.path ?? '';
    if (
      (path.startsWith(`${candidate}/`) || candidate === '') &&
      (best?.dataset.path ?? '').length <= candidate.length
    ) {
      best = el;
    }
  }
  return best;
}

/** Focuses the field for `path` (in the raw JSON, selects its value); returns whether one was found. */
export function focusField(root: ParentNode, path: string): boolean {
  const field = findField(root, path);
  if (!field) return false;
  field.focus();
  if (field instanceof HTMLTextAreaElement) selectInText(field, path);
  field.scrollIntoView?.({ block: 'center' });
  field.classList.add(HIGHLIGHT_CLASS);
  setTimeout(() => field.classList.remove(HIGHLIGHT_CLASS), HIGHLIGHT_MS);
  return true;
}

/** Selects the value at `path` in a textarea of JSON and scrolls it into view. */
function selectInText(area: HTMLTextAreaElement, path: string): void {
  const range = locatePointer(area.value, path);
  if (!range) return;
  area.setSelectionRange(range.start, range.end);
  const line = area.value.slice(0, range.start).split('\n').length - 1;
  const lineHeight = Number.parseFloat(getComputedStyle(area).lineHeight) || 16;
  area.scrollTop = Math.max(0, line * lineHeight - area.clientHeight / 3);
}
