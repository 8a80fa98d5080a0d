/**
 * The widget's one entry point for the embed: renders the booking flow (or the admin's preview)
 * into an element or shadow root and hands back a handle to update or end it.
 */
import { render } from 'preact';
import { createApiClient } from '../api/client.ts';
import type { ApiClient } from '../api/types.ts';
import { createSlotClient, type SlotClient } from '../worker/client/client.ts';
import { App } from './components/App.tsx';
import type { WidgetEmit } from './events.ts';
import type { WidgetOptions } from './options.ts';
import { startWidget } from './start.ts';
import { createStore, type LocationHash, type PageVisibility } from './state.ts';

export interface WidgetHandle {
  /** Applies changed options (a new type, locale, zone, or a new preview draft) without a remount. */
  update(options: Partial<WidgetOptions>): void;
  /** Unmounts, aborts requests, clears timers and disposes the slot client the widget created. */
  destroy(): void;
}

export interface WidgetDeps {
  emit: WidgetEmit;
  /** Default: a client created from `options.workerUrl` (and disposed by `destroy()`). */
  slotClient?: SlotClient;
  /** Default: a client for `options.apiBase` (none in preview mode). */
  apiClient?: ApiClient;
  /** Default: `Date.now`. */
  now?: () => number;
  /** Default: the page's `location.hash`; a manage link is `#booking=TOKEN`. */
  locationHash?: LocationHash;
  /** Default: the document's `visibilityState`; the times are refreshed when a patient comes back. */
  pageVisibility?: PageVisibility;
  /** Default: the window's `online` event; what failed for want of a network is tried again. */
  onReconnect?: (listener: () => void) => () => void;
  /** The patient's zone; default: the browser's. `options.displayTimezone` wins over it. */
  patientTimezone?: string;
  /** The page's language; default: `<html lang>`. */
  pageLang?: string;
}

/**
 * Subscribes to `type` events of the page's window or document; nothing outside a browser. Returns
 * the unsubscribe, as every `subscribe` of the store's deps does.
 */
function pageEvent(on: 'window' | 'document', type: string) {
  return (listener: () => void): (() => void) => {
    if (typeof document === 'undefined') return () => {};
    const target = on === 'window' ? window : document;
    target.addEventListener(type, listener);
    return () => target.removeEventListener(type, listener);
  };
}

const pageHash: LocationHash = {
  get: () => (typeof location === 'undefined' ? '' : location.hash),
  // replaceState: clearing a dead link must not add a history entry or scroll the page.
  set: (hash: string) => {
    if (typeof history === 'undefined') return;
    const url = new URL(location.href);
    url.hash = hash;
    history.replaceState(history.state, '', url.href);
  },
  subscribe: pageEvent('window', 'hashchange'),
};

const pageVisibility: PageVisibility = {
  hidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
  subscribe: pageEvent('document', 'visibilitychange'),
};

/**
 * Mounts the widget into `root`.
 * @example
 * const handle = mountWidget(shadowRoot, { mode: 'book', apiBase: '/api' }, { emit });
 * handle.update({ locale: 'es' });
 */
export function mountWidget(
  root: Element | ShadowRoot,
  options: WidgetOptions,
  deps: WidgetDeps,
): WidgetHandle {
  let ownSlotClient: SlotClient | null = null;
  let ownApiClient: { base: string; client: ApiClient } | null = null;
  let workerUrl = options.workerUrl;

  const slotClient = (): SlotClient => {
    if (deps.slotClient) return deps.slotClient;
    if (!ownSlotClient) ownSlotClient = createSlotClient(workerUrl ? { workerUrl } : {});
    return ownSlotClient;
  };
  const apiClient = (): ApiClient | null => {
    if (deps.apiClient) return deps.apiClient;
    const base = store.options.value.apiBase;
    if (!base) return null;
    if (ownApiClient?.base !== base) ownApiClient = { base, client: createApiClient({ apiBase: base }) };
    return ownApiClient.client;
  };

  const store = createStore(options, {
    emit: deps.emit,
    // Read at call time, so that a test of the built files can let hours pass.
    now: deps.now ?? (() => Date.now()),
    slotClient,
    apiClient,
    locationHash: deps.locationHash ?? pageHash,
    pageVisibility: deps.pageVisibility ?? pageVisibility,
    onReconnect: deps.onReconnect ?? pageEvent('window', 'online'),
    patientTimezone: deps.patientTimezone,
    pageLang: deps.pageLang ?? (typeof document === 'undefined' ? undefined : document.documentElement.lang),
  });
  // The start in three tasks after this one, each short enough on a slow phone not to block the
  // host page's input (together they would be one long task): the rules and first busy window
  // requests first, the longest way to the first slots now that the worker's code comes with the
  // module, with the effects that keep them loaded; the worker next (the rules wait for its ready
  // message before the page formats a date: actions/rules.ts); then the first render, which runs
  // while the requests travel. Not even the worker is created in this task: it is the task that
  // evaluates the embed's module, on most pages also the one where the document's
  // DOMContentLoaded and load run, with their style and layout, and creating a worker takes 4 to
  // 25 ms of it on a slow phone.
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    clearTimeout(startTask);
    startWidget(store);
  };
  const startTask = setTimeout(start, 0);
  const warmTask = setTimeout(() => slotClient().warm(), 0);
  let drawn = false;
  const firstRender = setTimeout(() => {
    drawn = true;
    render(<App store={store} />, root);
  }, 0);

  return {
    update(partial) {
      if (partial.workerUrl !== undefined && partial.workerUrl !== workerUrl && !deps.slotClient) {
        workerUrl = partial.workerUrl;
        ownSlotClient?.dispose();
        ownSlotClient = null;
      }
      // An update in the first task: the start sees the options before it, reacts to those after.
      start();
      store.update(partial);
    },
    destroy() {
      store.dispose();
      clearTimeout(warmTask);
      clearTimeout(startTask);
      clearTimeout(firstRender);
      if (drawn) render(null, root);
      ownSlotClient?.dispose();
      ownSlotClient = null;
    },
  };
}
