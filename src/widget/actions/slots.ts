/**
 * The month of slots the widget needs (`store.monthQuery`), kept loaded through the slot client
 * by one effect; finding the first bookable day; the patient's moves in the calendar and the
 * time list.
 */
import { batch, effect } from '@preact/signals';
import type { Diagnostic, Slot, SlotQuery } from '../../engine/types.ts';
import { formatDayLong } from '../format.ts';
import { type MonthQuery, type MonthState, needsLoad, stateOf, withState } from '../month-query.ts';
import { slotsAt } from '../rules-view.ts';
import { slotsByDay } from '../slots-view.ts';
import type { Store } from '../state.ts';
import { addDays, addMonths, dateInZone, type IsoDate, type IsoMonth, monthOf, monthRange } from '../time.ts';
import { BUSY_UNAVAILABLE, needsWindows, refreshWindow, windowError, windowFor, withWindow } from './busy.ts';
import { announce, codeOf, goToStep } from './common.ts';

/** Codes that mean "a newer job replaced this one": not an error the patient should see. */
const SUPERSEDED = new Set(['ABORTED', 'DISPOSED']);
/** The most months a search for the next bookable day looks at (a year and a month). */
const MAX_SEARCH_MONTHS = 13;

function setMonthState(store: Store, query: MonthQuery, state: MonthState | null): void {
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
function loadedMonth(store: Store): Promise<MonthState | null> {
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

/** The days of `month` (in the shown zone) with a bookable slot, from today on, in order. */
function bookableDays(store: Store, state: MonthState, month: IsoMonth): IsoDate[] {
  if (state.status !== 'ready') return [];
  const today = store.today.peek();
  const view = store.rules.peek();
  const place = store.place.peek();
  return [...slotsByDay(state.slots, store.viewZone.peek())]
    .filter(
      ([day, slots]) => monthOf(day) === month && day >= today && slotsAt(view, slots, place).length > 0,
    )
    .map(([day]) => day)
    .sort();
}

/**
 * Looks from `from` forward, month by month within the booking window, for the first bookable
 * day, and opens the calendar there (on `preferred` when that day is bookable). Each month it
 * looks at is the one the widget needs meanwhile (`store.searchMonth`), loaded by its effect. A
 * newer search, the patient's own move to another month or a superseded job ends a search quietly.
 */
export async function openFirstAvailable(store: Store, from: IsoMonth, preferred?: IsoDate): Promise<void> {
  const id = ++store.loads.searches;
  const startsToday = from <= monthOf(store.today.peek());
  const start = startsToday ? monthOf(store.today.peek()) : from;
  batch(() => {
    store.search.value = 'searching';
    store.month.value = start;
    if (store.notice.peek()?.key === 'windowEmpty') store.notice.value = null;
  });
  const ended = (search: 'idle' | 'none', shown: IsoMonth) =>
    batch(() => {
      store.search.value = search;
      store.searchMonth.value = null;
      store.month.value = shown;
    });
  const lastMonth = monthOf(store.windowEnd.peek());
  let month = start;
  for (let i = 0; i < MAX_SEARCH_MONTHS && month <= lastMonth; i++, month = addMonths(month, 1)) {
    store.searchMonth.value = month;
    const state = await loadedMonth(store);
    if (store.loads.searches !== id || store.disposed) return;
    if (!state) {
      batch(() => {
        store.search.value = 'idle';
        store.searchMonth.value = null;
      });
      return;
    }
    if (state.status === 'failed') {
      ended('idle', month);
      return;
    }
    const found = bookableDays(store, state, month);
    const day = preferred !== undefined && found.includes(preferred) ? preferred : found[0];
    if (day !== undefined) {
      ended('idle', month);
      selectDay(store, day);
      return;
    }
  }
  batch(() => {
    ended(startsToday ? 'none' : 'idle', start);
    if (!startsToday) store.notice.value = { kind: 'info', key: 'windowEmpty', phone: true };
  });
}

/** Selects a calendar day and announces how many times it has. */
export function selectDay(store: Store, day: IsoDate): void {
  batch(() => {
    if (store.selectedDate.peek() !== day) store.selectedSlot.value = null;
    store.selectedDate.value = day;
    store.focusedDate.value = day;
    if (monthOf(day) !== store.month.peek()) store.month.value = monthOf(day);
  });
  const count = store.days.peek().get(day)?.length ?? 0;
  announce(store, store.t.peek().timesAvailable(count, formatDayLong(day, store.locale.peek().intl)));
}

/**
 * Moves the grid's focus, flipping the month when focus leaves the shown one (its effect loads
 * it). The patient's own move ends a search still looking for a bookable day.
 */
export function focusDay(store: Store, day: IsoDate): void {
  batch(() => {
    store.focusedDate.value = day;
    if (monthOf(day) === store.month.peek()) return;
    store.month.value = monthOf(day);
    if (store.search.peek() === 'searching') {
      store.loads.searches++;
      store.search.value = 'idle';
      store.searchMonth.value = null;
    }
  });
}

/** Shows another month (the previous/next buttons), keeping the focused day of the month when it exists. */
export function showMonth(store: Store, month: IsoMonth): void {
  const { first, last } = monthRange(month);
  const day = store.focusedDate.peek().slice(8, 10);
  const candidate = `${month}-${day}`;
  const inMonth = candidate > last ? last : candidate < first ? first : candidate;
  // Never before today: the past has no times to offer.
  const today = store.today.peek();
  if (inMonth < today) focusDay(store, today);
  else focusDay(store, inMonth);
}

/** Chooses a time. */
export function selectSlot(store: Store, slot: Slot): void {
  batch(() => {
    store.selectedSlot.value = slot;
    if (store.notice.peek()?.refused) store.notice.value = null;
  });
}

/** Switches between the patient's zone and the clinic's, keeping the chosen time in view. */
export function switchZone(store: Store): void {
  const slot = store.selectedSlot.peek();
  batch(() => {
    store.zoneChoice.value = store.zoneChoice.peek() === 'patient' ? 'clinic' : 'patient';
    if (slot) {
      const day = dateInZone(slot.start, store.viewZone.peek());
      store.selectedDate.value = day;
      store.focusedDate.value = day;
      store.month.value = monthOf(day);
    }
  });
}

/**
 * Loads the shown month again when it failed or went stale (after new rules, a failure or a
 * refused time), keeping the patient's choices; a time no longer offered is unchosen.
 */
export function reloadMonth(store: Store): void {
  if (store.notice.peek()?.retry === 'month') store.notice.value = null;
  void loadedMonth(store).then((state) => {
    const day = store.selectedDate.peek();
    if (state?.status === 'ready' && day && monthOf(day) === store.month.peek()) {
      const slot = store.selectedSlot.peek();
      const still = store.days.peek().get(day) ?? [];
      if (slot && !still.some((s) => s.start === slot.start && s.providerId === slot.providerId)) {
        store.selectedSlot.value = null;
      }
      const count = still.length;
      announce(store, store.t.peek().timesAvailable(count, formatDayLong(day, store.locale.peek().intl)));
    }
  });
}

/** The retry after a failed computation: search again when no day was found yet, else reload the month. */
export function retrySlots(store: Store): void {
  if (store.notice.peek()?.retry === 'month') store.notice.value = null;
  if (store.selectedDate.peek() === null) void openFirstAvailable(store, store.month.peek());
  else reloadMonth(store);
}

/**
 * Fetches the chosen slot's busy window again (a 304 when nothing changed) and, when it changed,
 * recomputes its month: a time taken meanwhile is dropped and the patient brought back to the
 * calendar with the same sentence as after a refused booking. Rules that carry their bookings
 * need no check here; a window that cannot be fetched leaves the choice to the server's check.
 */
export async function recheckChosenSlot(store: Store): Promise<void> {
  const rules = store.rules.peek();
  const slot = store.selectedSlot.peek();
  if (!slot || !needsWindows(rules)) return;
  const month = monthOf(dateInZone(slot.start, store.viewZone.peek()));
  const before = await windowFor(store, month);
  const after = await refreshWindow(store, month);
  if (store.disposed || !after.ok || (before.ok && before.window === after.window)) return;
  // The chosen time's month is the shown one (its day is); setting it only makes sure.
  store.month.value = month;
  const query = store.monthQuery.peek();
  if (query === null) return;
  setMonthState(store, query, null);
  const state = await loadedMonth(store);
  if (state?.status !== 'ready' || store.selectedSlot.peek() !== slot) return;
  if (state.slots.some((s) => s.start === slot.start && s.providerId === slot.providerId)) return;
  batch(() => {
    store.selectedSlot.value = null;
    store.notice.value = { kind: 'error', key: 'slotTaken' };
    goToStep(store, 'when');
  });
}

/**
 * Hides the shown month's times until they are computed again (after a 409 the old list still
 * holds the time that was just taken; offering it again would only fail again).
 */
export function markMonthStale(store: Store): void {
  const query = store.monthQuery.peek();
  if (query) setMonthState(store, query, { status: 'loading', stale: true });
}
