/**
 * Busy time by month window, for rules that require it (format v2, `busy-windows`): each month's
 * window is fetched once per widget (the API client revalidates it with its ETag), the next month
 * is fetched while the patient looks at this one, and the chosen slot's month is fetched again
 * before the review. A month whose window fails has no times: slots are never computed without it.
 */
import { computed, effect } from '@preact/signals';
import type { BusyWindowData } from '../../api/types.ts';
import type { RulesDocument } from '../../engine/types.ts';
import type { WindowOutcome } from '../loads.ts';
import { stateOf } from '../month-query.ts';
import type { RulesView } from '../rules-view.ts';
import type { Store } from '../state.ts';
import { addMonths, type IsoMonth } from '../time.ts';

/** The code of a month whose busy window could not be had; `cause` is the API's own code. */
export const BUSY_UNAVAILABLE = 'BUSY_UNAVAILABLE';

export type { WindowOutcome } from '../loads.ts';

/** Whether the rules leave the bookings out, to be fetched by window. */
export function needsWindows(view: RulesView | null): boolean {
  const doc = view?.doc as Partial<RulesDocument> | undefined;
  return doc?.version === 2 && Array.isArray(doc.requires) && doc.requires.includes('busy-windows');
}

/** The window of `month`, fetched once for this widget (a failure is forgotten, so a retry fetches again). */
export function windowFor(store: Store, month: IsoMonth): Promise<WindowOutcome> {
  const months = store.loads.windows;
  const known = months.get(month);
  if (known) return known;
  const fetching = fetchWindow(store, month);
  months.set(month, fetching);
  void fetching.then((outcome) => {
    if (!outcome.ok && months.get(month) === fetching) months.delete(month);
  });
  return fetching;
}

/**
 * Keeps the busy windows the widget needs fetched, for the widget's life: the window of the month
 * it needs (`store.monthQuery`), and the next month's once that month's times are in (the patient
 * will likely look there next). New rules ask again for each, as refreshing the rules forgets them.
 */
export function keepWindowsLoaded(store: Store): void {
  const needed = computed(() => store.monthQuery.value?.month ?? null);
  const next = computed(() => {
    const query = store.monthQuery.value;
    const ready = stateOf(store.months.value, query)?.status === 'ready';
    return query && ready ? addMonths(query.month, 1) : null;
  });
  store.onDispose(
    effect(() => {
      if (!needsWindows(store.rules.value)) return;
      for (const month of [needed.value, next.value]) if (month !== null) void windowFor(store, month);
    }),
  );
}

/** Fetches `month`'s window again (revalidated: a 304 costs a round trip and no bytes). */
export function refreshWindow(store: Store, month: IsoMonth): Promise<WindowOutcome> {
  store.loads.windows.delete(month);
  return windowFor(store, month);
}

/** Forgets every window (new rules: the windows are rebuilt from the new document's types). */
export function forgetWindows(store: Store): void {
  store.loads.windows.clear();
}

async function fetchWindow(store: Store, month: IsoMonth): Promise<WindowOutcome> {
  const api = store.deps.apiClient();
  if (!api) return { ok: false, cause: 'NO_API' };
  const result = await api.fetchBusy(month, store.signal);
  return result.ok ? { ok: true, window: result.value.window } : { ok: false, cause: result.error.code };
}

/** The rules with this window, one object per rules and window (so the worker's caches hold). */
export function withWindow(store: Store, doc: RulesDocument, window: BusyWindowData): RulesDocument {
  const { composed } = store.loads;
  const known = composed.get(window);
  if (known && known.doc === doc) return known.out;
  const out = { ...doc, busyWindows: [window as never] };
  composed.set(window, { doc, out });
  return out;
}

/** Thrown into a month's job when its window failed: the month shows no times and a retry. */
export function windowError(cause: string): Error & { code: string; cause: string } {
  return Object.assign(new Error(`The busy times could not be loaded (${cause}).`), {
    code: BUSY_UNAVAILABLE,
    cause,
  });
}
