/**
 * Calendar dates without a zone: `YYYY-MM-DD` text and epoch days (days since 1970-01-01, proleptic
 * Gregorian). The one place every layer parses and steps dates: the engine, the worker's fallback,
 * the element's attributes, the widget's calendar and form, and the server's booking checks.
 *
 * Why not luxon: a calendar date has no zone, the page bundle carries no luxon, and the engine walks
 * up to 366 dates for each of up to 1,000 providers per query. Pure integer arithmetic (Howard
 * Hinnant's `days_from_civil`) is exact and allocation-free. Every conversion between a date and an
 * instant in a zone still goes through luxon (the engine's `ZoneClock`) or `Intl` (the page).
 */

export const MS_PER_DAY = 86_400_000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

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
 * Days in a month of the proleptic Gregorian calendar.
 * @example daysInMonth(2024, 2) === 29; daysInMonth(2100, 2) === 28
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Epoch day of a `YYYY-MM-DD` calendar date, or `null` when the text is not a real date.
 * @example parseDate('2024-02-29') === 19782; parseDate('2026-02-30') === null; parseDate('2026-2-3') === null
 */
export function parseDate(text: unknown): number | null {
  const parts = readDate(text);
  return parts === null ? null : daysFromCivil(parts[0], parts[1], parts[2]);
}

/** True when `text` is a `YYYY-MM-DD` date that exists. */
export function isCalendarDate(text: unknown): text is string {
  return readDate(text) !== null;
}

/**
 * The year, month and day of a real `YYYY-MM-DD` date, else `null`. Apart from `parseDate` so a
 * check that needs no epoch day (the widget's form) carries no calendar arithmetic.
 */
function readDate(text: unknown): [number, number, number] | null {
  if (typeof text !== 'string') return null;
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return [year, month, day];
}

/**
 * `YYYY-MM-DD` of an epoch day.
 * @example formatDate(0) === '1970-01-01'
 */
export function formatDate(epochDay: number): string {
  const [year, month, day] = civilFromDays(epochDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The day of the week of an epoch day, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
 * @example weekdayNumber(0) === 4
 */
export function weekdayNumber(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}
