/**
 * Finding the first bookable day, the patient's moves in the calendar and the time list, and
 * asking for the shown month again (a reload, a recheck, a stale list); actions/months.ts loads it.
 */
import { batch } from '@preact/signals';
import type { Slot } from '../../engine/types.ts';
import { formatDayLong } from '../format.ts';
import { type MonthState, stateOf } from '../month-query.ts';
import { slotsAt } from '../rules-view.ts';
import { slotsByDay } from '../slots-view.ts';
import type { Store } from '../state.ts';
import { addMonths, dateInZone, type IsoDate, type IsoMonth, monthOf, monthRange } from '../time.ts';
import { needsWindows, refreshWindow, windowFor } from './busy.ts';
import { announce, goToStep } from './common.ts';
import { loadedMonth, setMonthState } from './months.ts';

/** The most months a search for the next bookable day looks at (a year and a month). */
const MAX_SEARCH_MONTHS = 13;

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
    const arriving = stateOf(store.months.peek(), store.monthQuery.peek())?.status !== 'ready';
    const state = await loadedMonth(store);
    // A month that arrives is drawn in the task that brought it, the chosen day's times in the
    // next: together they would be one long task on a slow phone, blocking the host page.
    if (arriving && state?.status === 'ready') await new Promise((resolve) => setTimeout(resolve, 0));
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
