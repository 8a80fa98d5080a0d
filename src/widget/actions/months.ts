/**
 * The month of slots the widget needs (`store.monthQuery`), kept loaded through the slot client
 * by one effect for the widget's life, and what the patient is told when it cannot be computed.
 */
import { effect } from '@preact/signals';
import type { Diagnostic, SlotQuery } from '../../engine/types.ts';
import { type MonthQuery, type MonthState, needsLoad, stateOf, withState } from '../month-query.ts';
import type { Store } from '../state.ts';
import { addDays, monthRange } from '../time.ts';
import { BUSY_UNAVAILABLE, needsWindows, windowError, windowFor, withWindow } from './busy.ts';
import { codeOf } from './common.ts';

/** Codes that mean "a newer job replaced this one": not an error the patient should see. */
const SUPERSEDED = new Set(['ABORTED', 'DISPOSED']);

/** Sets what is known of `query`'s month, or forgets it (`null`). */
export function setMonthState(store: Store, query: MonthQuery, state: MonthState | null): void {
  store.months.value = withState(store.months.peek(), query, state);
}

/**
 * Keeps the month the widget needs (`store.monthQuery`) loaded, for the widget's life: loads it
 * when it is first asked for, and again when it is asked for after a failure or once stale, or
 * when a reload is asked for (`store.monthReloads`). The load starts a microtask after the ask,
 * with the query as it then is: a step and a search begun together load the search's month only.
 */
export function keepMonthLoaded(store: Store): void {
  store.onDispose(
    effect(() => {
      const query = store.monthQuery.value;
      const reloads = store.monthReloads.value;
      if (query === null) return;
      void Promise.resolve().then(() => {
        const still = store.monthQuery.peek() === query && store.monthReloads.peek() === reloads;
        if (still && !store.disposed && needsLoad(stateOf(store.months.peek(), query)))
          loadMonth(store, query);
      });
    }),
  );
}

/**
 * Loads the slots of one month (as shown in the current zone) and holds them under the query.
 * The query reaches two days past each end of the month because providers' days may start in
 * another zone than the one shown. A job whose month was forgotten, made stale or superseded
 * meanwhile leaves the month alone.
 */
function loadMonth(store: Store, query: MonthQuery): void {
  const { rules, typeId, providerId, month } = query;
  const { first, last } = monthRange(month);
  const slotQuery: SlotQuery = {
    appointmentTypeId: typeId,
    ...(providerId === null ? {} : { providerId }),
    from: addDays(first, -2),
    to: addDays(last, 2),
    // Whole minutes, so repeated queries for a month hit the slot client's cache; rounded up, so
    // that no time offered is already inside the type's notice (the server checks the real now).
    now: Math.ceil(store.deps.now() / 60_000) * 60_000,
  };
  const lane = store.options.peek().mode === 'preview' ? 'preview' : 'month';
  const loading: MonthState = { status: 'loading' };
  const current = () => stateOf(store.months.peek(), query) === loading;
  setMonthState(store, query, loading);
  // Rules without the bookings need the month's busy window: no window, no times.
  const document = needsWindows(rules)
    ? windowFor(store, month).then((outcome) => {
        if (!outcome.ok) throw windowError(outcome.cause);
        return withWindow(store, rules.doc, outcome.window);
      })
    : Promise.resolve(rules.doc);
  void document
    .then((doc) => store.deps.slotClient().slots(doc, slotQuery, { signal: store.signal, lane }))
    .then(async (result) => {
      // Drawn in the task after the one that received them: a month of 1-minute slots is 20,000,
      // and copying them in from the worker and drawing them would make one long task of both.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (!current()) return;
      setMonthState(store, query, { status: 'ready', slots: result.slots, truncated: result.truncated });
      if (store.options.peek().mode === 'preview') store.previewProblem.value = null;
      store.deps.emit('cs-slots-loaded', {
        appointmentTypeId: typeId,
        providerId,
        month,
        slotCount: result.slots.length,
        truncated: result.truncated,
        elapsedMs: result.stats.elapsedMs,
        cached: result.stats.cached,
        degraded: result.stats.degraded,
      });
    })
    .catch((error: unknown) => {
      if (!current()) return;
      const code = codeOf(error);
      const cause = (error as { cause?: unknown } | null)?.cause;
      if (SUPERSEDED.has(code) || SUPERSEDED.has(String(cause)) || store.disposed) {
        setMonthState(store, query, null);
        return;
      }
      setMonthState(store, query, { status: 'failed', code });
      reportSlotError(store, code, diagnosticsOf(error), typeof cause === 'string' ? cause : undefined);
    });
}

/**
 * Asks for the month the widget needs now (`store.monthQuery`) and resolves with its state once
 * loaded or failed: at once when it is loaded, after a new load when it failed or went stale.
 * Resolves `null` when the widget moves on to another month first, a newer job takes the
 * month's place, or the widget is disposed.
 */
export function loadedMonth(store: Store): Promise<MonthState | null> {
  const query = store.monthQuery.peek();
  if (query === null || store.disposed) return Promise.resolve(null);
  const before = stateOf(store.months.peek(), query);
  if (before?.status === 'ready') return Promise.resolve(before);
  store.monthReloads.value++;
  return new Promise((resolve) => {
    let loading = false;
    let answer: MonthState | null | undefined;
    const settle = (state: MonthState | null) => {
      if (answer !== undefined) return;
      answer = state;
      store.signal.removeEventListener('abort', onAbort);
      resolve(state);
    };
    const onAbort = () => {
      settle(null);
      stop();
    };
    store.signal.addEventListener('abort', onAbort);
    const stop = effect(() => {
      if (answer !== undefined) return;
      const state = stateOf(store.months.value, query);
      if (store.monthQuery.value !== query) settle(null);
      else if (state?.status === 'loading' && !state.stale) loading = true;
      else if (state === undefined) {
        if (loading) settle(null);
      } else if (state !== before && state.status !== 'loading') settle(state);
      if (answer !== undefined) void Promise.resolve().then(() => stop());
    });
  });
}

function diagnosticsOf(error: unknown): Diagnostic[] {
  if (
    typeof error === 'object' &&
    error !== null &&
    'diagnostics' in error &&
    Array.isArray(error.diagnostics)
  ) {
    return error.diagnostics as Diagnostic[];
  }
  return [];
}

/**
 * Tells the patient (or the admin, in preview) why no times can be shown. `cause`: the API's
 * code when the month's busy window failed (BUSY_UNAVAILABLE).
 */
export function reportSlotError(store: Store, code: string, diagnostics: Diagnostic[], cause?: string): void {
  const t = store.t.peek();
  const tooSlow = code === 'TIMEOUT' || code === 'RULES_UNCOMPUTABLE';
  const busy = code === BUSY_UNAVAILABLE;
  if (store.options.peek().mode === 'preview') {
    const first = diagnostics[0]?.message;
    store.previewProblem.value = busy
      ? t.busyFailed
      : tooSlow
        ? t.previewTooSlow
        : first
          ? t.previewInvalid(diagnostics.length, first)
          : t.cannotCompute;
  } else {
    store.notice.value = {
      kind: 'error',
      key: busy ? 'busyFailed' : tooSlow ? 'tooSlow' : 'cannotCompute',
      phone: true,
      retry: 'month',
    };
  }
  const message = busy
    ? `The booked times could not be loaded (${cause ?? 'unknown'}), so no times are shown.`
    : 'Available times could not be computed.';
  store.deps.emit('cs-error', { code, message });
}
