/**
 * Loading slots month by month through the slot client, finding the first bookable day, and
 * the patient's moves in the calendar and the time list.
 */
import { batch } from '@preact/signals';
import type { Diagnostic, Slot, SlotQuery } from '../../engine/types.ts';
import { formatDayLong } from '../format.ts';
import { slotsAt } from '../rules-view.ts';
import { slotsByDay } from '../slots-view.ts';
import type { MonthState, Store } from '../state.ts';
import { addDays, addMonths, dateInZone, type IsoDate, type IsoMonth, monthOf, monthRange } from '../time.ts';
import { BUSY_UNAVAILABLE, needsWindows, refreshWindow, windowError, windowFor, withWindow } from './busy.ts';
import { announce, codeOf, goToStep } from './common.ts';

/** Codes that mean "a newer job replaced this one": not an error the patient should see. */
const SUPERSEDED = new Set(['ABORTED', 'DISPOSED']);
/** The most months a search for the next bookable day looks at (a year and a month). */
const MAX_SEARCH_MONTHS = 13;

const inflight = new WeakMap<Store, Map<string, Promise<MonthState | null>>>();

function setMonthState(store: Store, key: string, state: MonthState | null): void {
  const next = new Map(store.months.peek());
  if (state) next.set(key, state);
  else next.delete(key);
  store.months.value = next;
}

/**
 * The slots of one month (as shown in the current zone), loaded once per rules version, type
 * and provider. Resolves to `null` when a newer job superseded it. The query reaches two days
 * past each end of the month because providers' days may start in another zone than the one shown.
 */
export function loadMonth(store: Store, month: IsoMonth): Promise<MonthState | null> {
  const rules = store.rules.peek();
  const typeId = store.typeId.peek();
  if (!rules || typeId === null) return Promise.resolve(null);
  const key = store.monthKey(month);
  const known = store.months.peek().get(key);
  const running = inflight.get(store)?.get(key);
  if (running) return running;
  if (known && known.status === 'ready') return Promise.resolve(known);

  const providerId = store.providerId.peek();
  const { first, last } = monthRange(month);
  const query: SlotQuery = {
    appointmentTypeId: typeId,
    ...(providerId === null ? {} : { providerId }),
    from: addDays(first, -2),
    to: addDays(last, 2),
    // Whole minutes, so repeated queries for a month hit the slot client's cache; rounded up, so
    // that no time offered is already inside the type's notice (the server checks the real now).
    now: Math.ceil(store.deps.now() / 60_000) * 60_000,
  };
  const lane = store.options.peek().mode === 'preview' ? 'preview' : 'month';
  setMonthState(store, key, { status: 'loading' });
  const windowed = needsWindows(rules);
  // Rules without the bookings need the month's busy window: no window, no times.
  const document = windowed
    ? windowFor(store, month).then((outcome) => {
        if (!outcome.ok) throw windowError(outcome.cause);
        return withWindow(store, rules.doc, outcome.window);
      })
    : Promise.resolve(rules.doc);
  const job = document
    .then((doc) => store.deps.slotClient().slots(doc, query, { signal: store.signal, lane }))
    .then(async (result): Promise<MonthState> => {
      // The patient will likely look at the next month: its busy time is on its way meanwhile.
      if (windowed) void windowFor(store, addMonths(month, 1));
      // Drawn in the task after the one that received them: a month of 1-minute slots is 20,000,
      // and copying them in from the worker and drawing them would make one long task of both.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const state: MonthState = { status: 'ready', slots: result.slots, truncated: result.truncated };
      setMonthState(store, key, state);
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
      return state;
    })
    .catch((error: unknown): MonthState | null => {
      const code = codeOf(error);
      const cause = (error as { cause?: unknown } | null)?.cause;
      if (SUPERSEDED.has(code) || SUPERSEDED.has(String(cause)) || store.disposed) {
        setMonthState(store, key, null);
        return null;
      }
      const state: MonthState = { status: 'failed', code };
      setMonthState(store, key, state);
      reportSlotError(store, code, diagnosticsOf(error), typeof cause === 'string' ? cause : undefined);
      return state;
    })
    .finally(() => inflight.get(store)?.delete(key));
  if (!inflight.has(store)) inflight.set(store, new Map());
  inflight.get(store)?.set(key, job);
  return job;
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
 * day, and opens the calendar there (on `preferred` when that day is bookable). A newer search
 * or a superseded job ends an older search quietly.
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
  const lastMonth = monthOf(store.windowEnd.peek());
  let month = start;
  for (let i = 0; i < MAX_SEARCH_MONTHS && month <= lastMonth; i++, month = addMonths(month, 1)) {
    const state = await loadMonth(store, month);
    if (store.loads.searches !== id || store.disposed) return;
    if (!state) {
      store.search.value = 'idle';
      return;
    }
    if (state.status === 'failed') {
      batch(() => {
        store.search.value = 'idle';
        store.month.value = month;
      });
      return;
    }
    const found = bookableDays(store, state, month);
    const day = preferred !== undefined && found.includes(preferred) ? preferred : found[0];
    if (day !== undefined) {
      batch(() => {
        store.search.value = 'idle';
        store.month.value = month;
      });
      selectDay(store, day);
      return;
    }
  }
  batch(() => {
    store.search.value = startsToday ? 'none' : 'idle';
    store.month.value = start;
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

/** Moves the grid's focus, flipping the month (and loading it) when focus leaves the shown one. */
export function focusDay(store: Store, day: IsoDate): void {
  batch(() => {
    store.focusedDate.value = day;
    if (monthOf(day) !== store.month.peek()) store.month.value = monthOf(day);
  });
  void loadMonth(store, monthOf(day));
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
  void loadMonth(store, store.month.peek());
}

/** Loads the shown month again (after new rules or a failure), keeping the patient's choices. */
export function reloadMonth(store: Store): void {
  if (store.notice.peek()?.retry === 'month') store.notice.value = null;
  void loadMonth(store, store.month.peek()).then((state) => {
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
  setMonthState(store, store.monthKey(month), null);
  const state = await loadMonth(store, month);
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
  setMonthState(store, store.monthKey(store.month.peek()), { status: 'loading' });
}
