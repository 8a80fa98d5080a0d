/**
 * Calendar-date arithmetic on epoch days (days since 1970-01-01, proleptic Gregorian).
 *
 * Why not luxon here: a calendar date has no zone, and the engine walks up to 366 dates for each
 * of up to 1,000 providers per query. Pure integer arithmetic (Howard Hinnant's `days_from_civil`)
 * is exact and allocation-free; every conversion between a date and an instant still goes
 * through `ZoneClock` (wall-time.ts), which asks luxon for the zone's offsets.
 */

import type { Weekday } from './types.ts';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
export const MINUTES_PER_DAY = 1440;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Weekday keys indexed by `(epochDay + 4) % 7` style numbering: 0 is Sunday. */
const WEEKDAYS_FROM_SUNDAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * Epoch day of a proleptic Gregorian date (month 1–12).
 * @example daysFromCivil(1970, 1, 1) === 0; daysFromCivil(2000, 3, 1) === 11017
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The `[year, month, day]` of an epoch day; inverse of `daysFromCivil`. */
export function civilFromDays(epochDay: number): [number, number, number] {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/**
 * Epoch day of a `YYYY-MM-DD` calendar date, or `null` when the text is not a real date.
 * @example parseDate('2026-02-30') === null
 */
export function parseDate(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

/**
 * Days in a month of the proleptic Gregorian calendar.
 * @example daysInMonth(2024, 2) === 29; daysInMonth(2100, 2) === 28
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `YYYY-MM-DD` of an epoch day. */
export function formatDate(epochDay: number): string {
  const [year, month, day] = civilFromDays(epochDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The weekday key of an epoch day (1970-01-01 was a Thursday). */
export function weekdayOf(epochDay: number): Weekday {
  return WEEKDAYS_FROM_SUNDAY[(((epochDay + 4) % 7) + 7) % 7]!;
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
