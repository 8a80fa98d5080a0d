/**
 * The calendar grid's keyboard, as a lookup table (WAI-ARIA date picker pattern): each key
 * names a move, and `moveFocus` applies it to the focused date.
 */
import { addDays, addMonthsToDate, type IsoDate, startOfWeek } from './time.ts';

export type FocusMove =
  | { kind: 'days'; by: number }
  | { kind: 'months'; by: number }
  | { kind: 'week-start' }
  | { kind: 'week-end' };

/** Key → move. Shift+PageUp/PageDown move by a year. Right-to-left layouts swap the arrows. */
export const CALENDAR_KEYS: Readonly<Record<string, FocusMove>> = {
  ArrowLeft: { kind: 'days', by: -1 },
  ArrowRight: { kind: 'days', by: 1 },
  ArrowUp: { kind: 'days', by: -7 },
  ArrowDown: { kind: 'days', by: 7 },
  PageUp: { kind: 'months', by: -1 },
  PageDown: { kind: 'months', by: 1 },
  'Shift+PageUp': { kind: 'months', by: -12 },
  'Shift+PageDown': { kind: 'months', by: 12 },
  Home: { kind: 'week-start' },
  End: { kind: 'week-end' },
};

/** The move for a key event, or `undefined` when the key is not the grid's. */
export function moveForKey(key: string, shiftKey: boolean, rtl = false): FocusMove | undefined {
  const swapped = rtl && key === 'ArrowLeft' ? 'ArrowRight' : rtl && key === 'ArrowRight' ? 'ArrowLeft' : key;
  return (shiftKey ? CALENDAR_KEYS[`Shift+${swapped}`] : undefined) ?? CALENDAR_KEYS[swapped];
}

/**
 * The date focus moves to, clamped to `[min, max]`.
 * @example moveFocus('2026-01-31', { kind: 'months', by: 1 }, 0, '2026-01-01', '2026-12-31') === '2026-02-28'
 */
export function moveFocus(
  date: IsoDate,
  move: FocusMove,
  weekStart: number,
  min: IsoDate,
  max: IsoDate,
): IsoDate {
  let next: IsoDate;
  switch (move.kind) {
    case 'days':
      next = addDays(date, move.by);
      break;
    case 'months':
      next = addMonthsToDate(date, move.by);
      break;
    case 'week-start':
      next = startOfWeek(date, weekStart);
      break;
    case 'week-end':
      next = addDays(startOfWeek(date, weekStart), 6);
      break;
  }
  if (next < min) return min;
  if (next > max) return max;
  return next;
}
