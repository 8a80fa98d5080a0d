/**
 * The engine's dates and clock times: the calendar arithmetic of `src/civil-date.ts` (shared with
 * every layer, re-exported here so engine steps import one module), weekday keys, `HH:mm` minutes
 * and zone-free instant text. Conversions between a date and an instant go through `ZoneClock`
 * (wall-time.ts), which asks luxon for the zone's offsets.
 */

import { formatDate, MS_PER_DAY, weekdayNumber } from '../civil-date.ts';
import type { Weekday } from './types.ts';

export {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  formatDate,
  MS_PER_DAY,
  parseDate,
} from '../civil-date.ts';

export const MS_PER_MINUTE = 60_000;
export const MINUTES_PER_DAY = 1440;

/** Weekday keys indexed by `(epochDay + 4) % 7` style numbering: 0 is Sunday. */
const WEEKDAYS_FROM_SUNDAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The weekday key of an epoch day (1970-01-01 was a Thursday). */
export function weekdayOf(epochDay: number): Weekday {
  return WEEKDAYS_FROM_SUNDAY[weekdayNumber(epochDay)]!;
}

/** Minutes after midnight of an `HH:mm` time (`24:00` is 1440); validation guarantees the shape. */
export function parseClockMinutes(text: string): number {
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

/** `HH:mm` of minutes after midnight (1440 prints as `24:00`). */
export function formatClockMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * An instant as ISO 8601 in UTC with milliseconds, without consulting any locale or zone setting.
 * @example formatInstant(1796133600000) === '2026-12-01T14:00:00.000Z'
 */
export function formatInstant(epochMs: number): string {
  const epochDay = Math.floor(epochMs / MS_PER_DAY);
  const msOfDay = epochMs - epochDay * MS_PER_DAY;
  const seconds = Math.floor(msOfDay / 1000) % 60;
  const millis = msOfDay % 1000;
  const clock = formatClockMinutes(Math.floor(msOfDay / MS_PER_MINUTE));
  return `${formatDate(epochDay)}T${clock}:${String(seconds).padStart(2, '0')}.${String(millis).padStart(3, '0')}Z`;
}
