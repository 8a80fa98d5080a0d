/**
 * Pure zone helpers for the page bundle, built on `Intl` only (luxon and the engine stay in the
 * worker bundle). Calendar dates are `YYYY-MM-DD` strings; date arithmetic runs on epoch days
 * (src/civil-date.ts), so it never depends on the machine's zone or its DST changes.
 */
import {
  daysFromCivil,
  daysInMonth as daysInCivilMonth,
  formatDate,
  MS_PER_DAY,
  weekdayNumber,
} from '../civil-date.ts';

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/**
 * The UTC calendar date of `epochMs`, by arithmetic alone: no formatter, so no ICU data loaded.
 * The widget's placeholder for the patient's date until its first formatter is cheap (state.ts).
 */
export function utcDate(epochMs: number): IsoDate {
  return formatDate(Math.floor(epochMs / MS_PER_DAY));
}
/** A calendar month, `YYYY-MM`. */
export type IsoMonth = string;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** The instant at 12:00 UTC on `date`: a stable handle for date arithmetic and for formatting a day. */
export function dateToNoonUtc(date: IsoDate): number {
  return epochDayOf(date) * MS_PER_DAY + MS_PER_DAY / 2;
}

/** The calendar date (read in UTC) of an instant; the inverse of `dateToNoonUtc`. */
export function noonUtcToDate(epochMs: number): IsoDate {
  return formatDate(Math.floor(epochMs / MS_PER_DAY));
}

/** The epoch day of a `YYYY-MM-DD` date the widget holds (already checked). */
function epochDayOf(date: IsoDate): number {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return daysFromCivil(y, m, d);
}

/**
 * `date` moved by `days` calendar days.
 * @example addDays('2026-02-28', 1) === '2026-03-01'
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  return formatDate(epochDayOf(date) + days);
}

/** The month a date falls in. */
export function monthOf(date: IsoDate): IsoMonth {
  return date.slice(0, 7);
}

/**
 * `month` moved by `months`.
 * @example addMonths('2026-12', 1) === '2027-01'
 */
export function addMonths(month: IsoMonth, months: number): IsoMonth {
  const [y = 1970, m = 1] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`;
}

/** Number of days in a month. */
export function daysInMonth(month: IsoMonth): number {
  const [y = 1970, m = 1] = month.split('-').map(Number);
  return daysInCivilMonth(y, m);
}

/** First and last date of a month. */
export function monthRange(month: IsoMonth): { first: IsoDate; last: IsoDate } {
  return { first: `${month}-01`, last: `${month}-${pad(daysInMonth(month), 2)}` };
}

/**
 * `date` moved by `months`, keeping the day of the month when it exists (else the month's last day).
 * @example addMonthsToDate('2026-01-31', 1) === '2026-02-28'
 */
export function addMonthsToDate(date: IsoDate, months: number): IsoDate {
  const month = addMonths(monthOf(date), months);
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(month));
  return `${month}-${pad(day, 2)}`;
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return weekdayNumber(epochDayOf(date));
}

/** The first day of the week containing `date`, weeks starting on `weekStart` (0 = Sunday). */
export function startOfWeek(date: IsoDate, weekStart: number): IsoDate {
  return addDays(date, -((weekdayOf(date) - weekStart + 7) % 7));
}

/**
 * The weeks of a month as rows of seven cells; cells outside the month are `null`.
 * At most six rows by construction.
 */
export function monthGrid(month: IsoMonth, weekStart: number): (IsoDate | null)[][] {
  const { first, last } = monthRange(month);
  const rows: (IsoDate | null)[][] = [];
  let day = startOfWeek(first, weekStart);
  for (let row = 0; row < 6 && day <= last; row++) {
    const cells: (IsoDate | null)[] = [];
    for (let col = 0; col < 7; col++) {
      cells.push(monthOf(day) === month ? day : null);
      day = addDays(day, 1);
    }
    rows.push(cells);
  }
  return rows;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    partsFormatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in `zone`. */
export function wallClock(epochMs: number, zone: string): { date: IsoDate; hour: number; minute: number } {
  const fields: Record<string, string> = {};
  for (const part of partsFormatter(zone).formatToParts(epochMs)) fields[part.type] = part.value;
  const year = Number(fields.year);
  return {
    date: `${pad(year, 4)}-${fields.month}-${fields.day}`,
    hour: Number(fields.hour) % 24,
    minute: Number(fields.minute),
  };
}

/** Which calendar date the instant falls on in `zone`. */
export function dateInZone(epochMs: number, zone: string): IsoDate {
  return wallClock(epochMs, zone).date;
}

/** True when both zones show the same wall time at `epochMs` (the same offset right now). */
export function sameOffset(a: string, b: string, epochMs: number): boolean {
  if (a === b) return true;
  const x = wallClock(epochMs, a);
  const y = wallClock(epochMs, b);
  return x.date === y.date && x.hour === y.hour && x.minute === y.minute;
}

export type DayPart = 'morning' | 'afternoon' | 'evening';

/** Morning before 12:00, afternoon before 17:00, evening after, in `zone`. */
export function dayPartOf(epochMs: number, zone: string): DayPart {
  const { hour } = wallClock(epochMs, zone);
  if (hour < 12) return 'morning';
  if (hour < 17) return 'afternoon';
  return 'evening';
}

let knownBrowserZone: string | undefined;

/**
 * The browser's own zone (the patient's zone when the host page sets none), read once per page:
 * every widget on the page asks, and each formatter built costs main-thread time on a phone.
 */
export function browserZone(): string {
  knownBrowserZone ??= new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return knownBrowserZone;
}
