/**
 * Locale-aware formatting of days, months and times with `Intl`. The locale decides 12- or
 * 24-hour clocks and word order; the zone is always explicit.
 */
import { dateInZone, dateToNoonUtc, type IsoDate, type IsoMonth, monthOf, wallClock } from './time.ts';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let value = cache.get(key);
  if (!value) {
    value = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    cache.set(key, value);
  }
  return value;
}

/** "9:00 AM" (en) or "9:00" (es) in `zone`. */
export function formatTime(epochMs: number, zone: string, locale: string): string {
  return formatter(locale, zone, { hour: 'numeric', minute: '2-digit' }).format(epochMs);
}

/** "Tuesday, December 3" for a calendar date (no zone shift: the date is the date). */
export function formatDayLong(date: IsoDate, locale: string): string {
  return formatter(locale, 'UTC', { weekday: 'long', month: 'long', day: 'numeric' }).format(
    dateToNoonUtc(date),
  );
}

/** "December 2026" for a month. */
export function formatMonth(month: IsoMonth, locale: string): string {
  return formatter(locale, 'UTC', { month: 'long', year: 'numeric' }).format(dateToNoonUtc(`${month}-01`));
}

/** Short and long weekday names for a column header, from a date on that weekday. */
export function formatWeekday(date: IsoDate, locale: string): { short: string; long: string } {
  const at = dateToNoonUtc(date);
  return {
    short: formatter(locale, 'UTC', { weekday: 'short' }).format(at),
    long: formatter(locale, 'UTC', { weekday: 'long' }).format(at),
  };
}

/** The zone's name in words at that instant: "Japan Standard Time", "hora estándar de Japón". */
export function formatZoneName(zone: string, locale: string, epochMs: number): string {
  const parts = formatter(locale, zone, { timeZoneName: 'long' }).formatToParts(epochMs);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? zone;
}

/** "Tuesday, December 3, 2026 at 9:00 AM" style date and time, in `zone`. */
export function formatDateTime(epochMs: number, zone: string, locale: string): string {
  return formatter(locale, zone, { dateStyle: 'full', timeStyle: 'short' }).format(epochMs);
}

/**
 * Builds (and keeps) the formatters the calendar and a day's times use in `locale` and `zone`,
 * without drawing anything. Each `Intl.DateTimeFormat` costs 1 to 10 ms to build on a slow phone
 * (a zone's long name the most), so built while the rules travel, they are not in the long tasks
 * that draw the first screen.
 */
export function prepareFormatters(locale: string, zone: string, epochMs: number): void {
  const date = dateInZone(epochMs, zone);
  formatTime(epochMs, zone, locale);
  formatDayLong(date, locale);
  formatMonth(monthOf(date), locale);
  formatWeekday(date, locale);
  formatZoneName(zone, locale, epochMs);
  wallClock(epochMs, zone);
}
