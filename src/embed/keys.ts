/**
 * Keys pressed inside the widget are the patient's, not the host page's. Key events are composed:
 * they leave the shadow root retargeted to the element, so a page's own shortcuts (a letter that
 * opens its search, arrows that turn its carousel, Space that plays its video) see a key on
 * `<clinic-scheduler>`, not on a field, and act on it: typing a name opens the page's search, and
 * a page handler that prevents Space's default stops a time from being chosen. Such events end at
 * the shadow root. What the page must still hear passes: Tab (a host dialog's focus trap moves
 * focus out of the widget), Escape (a host dialog closes), shortcuts held with Ctrl or Meta (the
 * page's and the browser's own) and the modifier keys themselves. Capture listeners on the page
 * still see every key first.
 */

const KEY_EVENTS = ['keydown', 'keypress', 'keyup'] as const;

/** Ends key events from inside `root` there, except those the page must still hear. */
export function keepKeysInside(root: ShadowRoot): void {
  for (const type of KEY_EVENTS) root.addEventListener(type, stopUnlessForThePage);
}

function stopUnlessForThePage(event: Event): void {
  if (!isForThePage(event as KeyboardEvent)) event.stopPropagation();
}

/**
 * Keys the page must act on, and the modifiers: shortcut libraries track those by their own
 * keydown and keyup, and one that misses a release thinks the key still held.
 */
const PAGE_KEYS = /^(?:Tab|Escape|Control|Meta|Shift|Alt|AltGraph)$/;

function isForThePage(event: KeyboardEvent): boolean {
  if (PAGE_KEYS.test(event.key)) return true;
  // AltGr is reported as Ctrl + Alt on Windows: it types characters ('@' on many keyboards).
  return (event.ctrlKey || event.metaKey) && !event.getModifierState('AltGraph');
}
