/**
 * A patient who comes back to a tab left open (a reminder email read at night, booked in the
 * morning) must not be offered the times of hours ago: past ones, and ones others have taken
 * since. When the page is shown again after a while away (watch-return.ts), the calendar's
 * "today" moves on, the rules are asked for again (a cheap 304 when unchanged) and the shown
 * times are computed anew. In the later part: few visits need it, and it runs after the first
 * screen by nature.
 */
import type { Store } from '../state.ts';
import { monthOf } from '../time.ts';
import { stillChoosing } from './common.ts';
import { refreshRules, startCalendar } from './rules.ts';

/**
 * Moves "today" to now and, while the patient is still choosing (the first two steps of a
 * booking), gets the rules again and recomputes the shown month. A chosen day (or a shown month)
 * now in the past gives way to the first bookable day. Later steps keep what the patient entered:
 * a time that passed meanwhile is refused when it is sent, with the usual "choose another time".
 */
export async function freshen(store: Store): Promise<void> {
  if (store.options.peek().mode !== 'book' || !stillChoosing(store) || store.rules.peek() === null) {
    store.clock.value = store.deps.now();
    return;
  }
  // Moves the clock too, as every refresh of the rules does.
  await refreshRules(store);
  if (store.disposed || store.step.peek() !== 'when' || store.typeId.peek() === null) return;
  const today = store.today.peek();
  const day = store.selectedDate.peek();
  if (day === null ? store.month.peek() < monthOf(today) : day < today) startCalendar(store);
}
