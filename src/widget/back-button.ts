/**
 * The browser's Back button (on a phone, the back gesture) during the details and the review. A
 * patient there expects Back to return to the step before, as it does on a booking site of its
 * own pages (and inside the iframes other embeds use); left alone it leaves the clinic's page,
 * and what they typed goes with it. So while either step is shown, the page's history holds one
 * entry of the widget's own, at the same address: Back pops it and the widget goes one step back,
 * as its own Back button does. The entry is dropped when the patient leaves those steps another
 * way (the widget's Back button, a booking made, a time taken meanwhile), so Back from the
 * calendar or the confirmation leaves the page as before. The entry carries a copy of the host
 * page's own history state, so the page's router finds its state there too.
 *
 * A host's router may copy `history.state` into the entries it pushes, the widget's mark with it:
 * taking such an entry for the widget's own would make the widget's `history.back()` undo the
 * host's navigation. So the widget also marks its entry where no router copies from: the
 * Navigation API's state of that one entry, where the browser has the API; elsewhere it counts
 * the history's length at its push (an entry pushed by the host after it makes the list longer).
 */
import { useEffect } from 'preact/hooks';
import { goBack } from './actions/flow.ts';
import type { Store } from './state.ts';

/** The key in `history.state` that marks the entry of one widget (its id prefix). */
const HISTORY_KEY = 'clinicScheduler';

function pageState(): Record<string, unknown> {
  const state: unknown = history.state;
  return typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {};
}

/** The Navigation API's view of the current entry, where the browser has the API. */
interface Navigation {
  readonly currentEntry: { getState(): unknown } | null;
  updateCurrentEntry(options: { state: unknown }): void;
}

function navigationApi(): Navigation | null {
  const navigation = (globalThis as { navigation?: Navigation }).navigation;
  return navigation?.currentEntry ? navigation : null;
}

/** The widget's mark in the Navigation API's state of the current entry, `undefined` when none. */
function navigationMark(navigation: Navigation): unknown {
  const state = navigation.currentEntry?.getState();
  return typeof state === 'object' && state !== null
    ? (state as Record<string, unknown>)[HISTORY_KEY]
    : undefined;
}

function entryIsOurs(store: Store): boolean {
  if (pageState()[HISTORY_KEY] !== store.idPrefix) return false;
  const navigation = navigationApi();
  if (navigation) return navigationMark(navigation) === store.idPrefix;
  return history.length === store.historyLength;
}

/** Whether the current entry is one a widget of this page added before a reload. */
function leftByReload(): boolean {
  if (!(HISTORY_KEY in pageState())) return false;
  const navigation = navigationApi();
  return navigation === null || navigationMark(navigation) !== undefined;
}

function pushEntry(store: Store): void {
  history.pushState({ ...pageState(), [HISTORY_KEY]: store.idPrefix }, '');
  navigationApi()?.updateCurrentEntry({ state: { [HISTORY_KEY]: store.idPrefix } });
  store.historyLength = history.length;
}

/**
 * Takes the widget's entry back without moving the page. Going back makes the browser restore
 * the scroll position the page had when the entry was added (far down the times, on a phone),
 * right after `popstate`, and as an animation on a page with `scroll-behavior: smooth`; the
 * patient is looking at the new step by then. So the position of that moment is put back once
 * the browser has restored its own, and the focused element (the new step's heading) kept in view.
 */
function dropEntry(): void {
  addEventListener(
    'popstate',
    () => {
      const { scrollX: left, scrollY: top } = window;
      setTimeout(() => {
        scrollTo({ left, top, behavior: 'instant' });
        focusedElement()?.scrollIntoView({ block: 'nearest', behavior: 'instant' });
      });
    },
    { once: true },
  );
  history.back();
}

/** The element that has focus, inside shadow roots too; `null` when it is the page itself. */
function focusedElement(): Element | null {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element === document.body ? null : element;
}

// A reload on the details or the review (or a phone bringing back a tab it had discarded) leaves
// the page on the widget's entry while the widget starts again at its first step: that entry
// would cost the patient a Back that does nothing. No widget of this document can have added it
// yet (this module comes with the steps that add it), so it is dropped once, as the module loads.
if (leftByReload()) dropEntry();

function inDetailsOrReview(store: Store): boolean {
  const step = store.step.peek();
  return step === 'details' || step === 'review';
}

/**
 * For the details and the review steps: Back in the browser goes one step back while they show,
 * unless the host asked the widget to leave its history alone (`history="none"`).
 */
export function useBackButtonInSteps(store: Store): void {
  useEffect(() => {
    if (store.options.peek().history === 'none') return;
    if (!entryIsOurs(store)) pushEntry(store);
    const onPopState = () => {
      if (entryIsOurs(store) || !inDetailsOrReview(store)) return;
      // While a booking is being sent, Back does nothing, like the step's own Back button.
      if (store.submission.peek().status !== 'sending') goBack(store);
      // Still on one of the two steps (the details after the review, or a review still
      // sending): the entry is needed again at once, as a second Back may come before a redraw.
      if (inDetailsOrReview(store)) pushEntry(store);
    };
    addEventListener('popstate', onPopState);
    return () => {
      removeEventListener('popstate', onPopState);
      // The step has changed by now: the entry stays only for the other of the two steps.
      if (!store.disposed && !inDetailsOrReview(store) && entryIsOurs(store)) dropEntry();
    };
  }, [store]);
}
